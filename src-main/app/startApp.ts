import { app, desktopCapturer, dialog, ipcMain, protocol, session, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import { MeetingBrowser } from '../../server/src/embed';
import { installPermissionHandlers } from '../devices/installPermissionHandlers';
import { DevicesMainService } from '../devices/DevicesMainService';
import { screenPickerMode, withScreenPicker } from '../devices/screenPickerMode';
import { openHistoryService } from '../history/openHistoryService';
import { CertificatePins } from '../host/certificatePins';
import { inviteFromArgv, invitePagePath } from '../host/deepLinks';
import { HostMainService } from '../host/HostMainService';
import { UtilityHostRunner } from '../host/UtilityHostRunner';
import { EVENT_CHANNEL } from '../../src-common/ipc/events';
import { createIpcDispatcher } from '../ipc/dispatcher';
import { createEventPublisher } from '../ipc/eventPublisher';
import { serveIpc } from '../ipc/serveIpc';
import type { Logger } from '../log/Logger';
import { ElectronShell } from '../shell/ElectronShell';
import { appResponse } from '../window/appProtocol';
import { createMainWindow } from '../window/createMainWindow';
import { guardedOpenExternal } from '../window/externalUrl';
import { lockNavigation } from '../window/lockNavigation';
import { packagedWorkerPath } from '../packaging/packagedPaths';
import { startUpdates } from '../updates/startUpdates';
import { APP_ORIGIN, APP_SCHEME, isAppUrl } from '../window/security';
import { AppMainService, type AppShell } from './AppMainService';
import { desktopCapabilities } from './capabilities';
import type { AppPaths } from './paths';

/**
 * Everything the desktop app does once Electron is ready: the app:// content, the services and
 * their IPC, permission handlers, the locked-down window, tray and menus, and an orderly quit.
 */
export async function startApp(paths: AppPaths, logger: Logger): Promise<void> {
  const icon = path.join(paths.resources, 'icon.png');
  const openExternal = guardedOpenExternal((url) => shell.openExternal(url), (message) => logger.warn(message));
  app.on('web-contents-created', (_event, contents) =>
    lockNavigation(contents, (url) => void openExternal(url).catch((error: unknown) => logger.warn('openExternal() failed', error)), logger.child('navigation'), icon),
  );
  if (process.platform === 'win32') app.setAppUserModelId('org.parley.desktop');
  await app.whenReady();

  protocol.handle(APP_SCHEME, (request) => appResponse(paths.webRoot, request.url));

  const devices = await DevicesMainService.create({ file: path.join(paths.userData, 'devices.json'), capturer: desktopCapturer, logger: logger.child('devices') });
  const { history, problem: historyProblem } = await openHistoryService({
    file: path.join(paths.userData, 'history.sqlite'),
    logger: logger.child('history'),
    nativeBinding: paths.nativeBinding,
  });

  let mainWindow: BrowserWindow | null = null;
  const electronShell = new ElectronShell(() => mainWindow, paths.resources, logger.child('shell'), openExternal);
  const picker = screenPickerMode({ platform: process.platform, systemVersion: process.getSystemVersion(), sessionType: process.env.XDG_SESSION_TYPE });
  const updates = startUpdates({ userData: paths.userData, logger: logger.child('updates') });
  // Main's events go to the window (its page subscribes through the bridge); none while it is closed,
  // and none while it shows anything but Parley's own content (hostStatus carries the host's token).
  const events = createEventPublisher((envelope) => {
    if (mainWindow && !mainWindow.isDestroyed() && isAppUrl(mainWindow.webContents.getURL())) mainWindow.webContents.send(EVENT_CHANNEL, envelope);
  }, logger.child('events'));
  updates.controller.onStatus((status) => events.publish('updaterStatus', status));
  // A restart to update waits for the user's meeting and for a meeting this app hosts for others.
  let inMeeting = false;
  let hosting = false;
  // The tray and menus show the meeting state; the updater never restarts the app during a meeting.
  const shellWithUpdates: AppShell = {
    isWindowFocused: () => electronShell.isWindowFocused(),
    showNotification: (title, body) => electronShell.showNotification(title, body),
    openExternal: (url) => electronShell.openExternal(url),
    meetingStateChanged: (state) => {
      electronShell.meetingStateChanged(state);
      inMeeting = state.roomId !== null;
      updates.controller.setInMeeting(inMeeting || hosting);
    },
    setBadgeCount: (count) => electronShell.setBadgeCount(count),
  };
  const appService = new AppMainService(withScreenPicker(desktopCapabilities(historyProblem), picker), shellWithUpdates, logger.child('app'));
  // LAN hosting: the SFU in a utility process; mDNS browsing starts when the home screen first asks.
  const pins = new CertificatePins();
  let browser: MeetingBrowser | null = null;
  const host = new HostMainService({
    // mediasoup's own guess of its worker's path points into app.asar, where nothing can run.
    runner: new UtilityHostRunner(
      paths.hostProcess,
      logger.child('host-process'),
      app.isPackaged ? { MEDIASOUP_WORKER_BIN: packagedWorkerPath(process.resourcesPath, process.platform) } : {},
    ),
    dataDir: paths.userData,
    pins,
    nearby: () => (browser ??= watchNearby()).list(),
    logger: logger.child('host'),
    onHostingChanged: (now) => {
      hosting = now;
      updates.controller.setInMeeting(inMeeting || hosting);
    },
    events,
  });
  function watchNearby(): MeetingBrowser {
    const started = new MeetingBrowser();
    started.on('changed', () => host.nearbyChanged());
    return started;
  }
  // Pinned LAN hosts get exactly their certificate accepted; every other host is verified as usual.
  session.defaultSession.setCertificateVerifyProc((request, callback) =>
    callback(pins.decide({ hostname: request.hostname, certificatePem: request.certificate.data })),
  );
  const dispatcher = createIpcDispatcher({
    services: { devices, app: appService, updater: updates.service, host, ...(history ? { history } : {}) },
    unavailable: { history: historyProblem ?? '' },
    isTrustedSender: (sender) => isAppUrl(sender.url),
    logger: logger.child('ipc'),
  });
  const stopIpc = serveIpc(ipcMain, dispatcher);
  installPermissionHandlers(session.defaultSession, devices, desktopCapturer, picker, logger.child('permissions'));

  const openWindow = (): BrowserWindow => {
    const window = createMainWindow({
      preload: paths.preload,
      stateFile: path.join(paths.userData, 'window-state.json'),
      icon,
      devTools: !app.isPackaged,
      logger: logger.child('window'),
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    return window;
  };
  mainWindow = openWindow();
  electronShell.install();

  const problem = history ? await history.getNotice({}) : null;
  if (problem || !history) {
    void dialog.showMessageBox(mainWindow, {
      type: 'warning',
      message: history ? 'Your meeting history was damaged' : 'Your meeting history is not available',
      detail: problem?.message ?? historyProblem ?? '',
    });
  }

  // A parley:// invite (on the command line, from a second instance, or macOS's open-url) opens
  // its pre-join screen, with the invite's certificate pinned for its host.
  const openInvite = (argv: readonly string[]): void => {
    const invite = inviteFromArgv(argv);
    if (!invite || !mainWindow) return;
    pins.pin(invite.server, invite.fingerprint);
    void mainWindow.loadURL(`${APP_ORIGIN}${invitePagePath(invite)}`);
  };
  openInvite(process.argv);
  app.on('open-url', (event, url) => {
    event.preventDefault();
    openInvite([url]);
  });
  app.on('second-instance', (_event, argv) => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
    openInvite(argv);
  });
  app.on('activate', () => {
    mainWindow ??= openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    void host.stop({});
    void browser?.close();
    stopIpc();
    updates.controller.close();
    electronShell.destroy();
    history?.close();
    logger.info('will-quit | closed');
  });
  logger.info(`startApp() | ready (history: ${history ? 'yes' : 'no'}, screen picker: ${picker})`);
}
