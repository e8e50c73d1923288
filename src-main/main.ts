/**
 * The Electron entry point, kept thin: privileged scheme, single-instance lock, logging, then
 * startApp. Everything with logic lives in plain modules beside it.
 */
import { app, protocol } from 'electron';
import { hardenProcess } from './app/hardenProcess';
import { resolveAppPaths } from './app/paths';
import { DEEP_LINK_SCHEME } from './host/deepLinks';
import { startApp } from './app/startApp';
import { createAppLogger } from './log/electronLog';
import { APP_SCHEME } from './window/security';

// Before anything else: every renderer sandboxed, every file the app writes owner-only.
hardenProcess({ enableSandbox: () => app.enableSandbox(), umask: (mask) => process.umask(mask) });

// A second data folder for tests and for running two copies side by side.
if (process.env.PARLEY_USER_DATA) app.setPath('userData', process.env.PARLEY_USER_DATA);

// Must happen before ready: app:// behaves like https (secure context for getUserMedia, fetch, CORS).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true } },
]);

// parley:// invites open the app (the OS hands the link over as an argument, or as open-url on macOS).
app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);

if (!app.requestSingleInstanceLock()) {
  // Another Parley is running: it gets focused through its 'second-instance' event.
  app.quit();
} else {
  const { logger, file } = createAppLogger({ debug: !app.isPackaged });
  logger.info(`main | Parley ${app.getVersion()} on Electron ${process.versions.electron}, logging to ${file}`);
  process.on('uncaughtException', (error) => logger.error('main | uncaught exception', error));
  process.on('unhandledRejection', (error) => logger.error('main | unhandled rejection', error));
  const paths = resolveAppPaths(__dirname, app.getPath('userData'), process.versions.modules);
  startApp(paths, logger).catch((error: unknown) => {
    logger.error('main | start-up failed', error);
    app.exit(1);
  });
}
