import { app, desktopCapturer, dialog, ipcMain, protocol, session, shell, type BrowserWindow } from 'electron';
import path from 'node:path';
import { installPermissionHandlers } from '../devices/installPermissionHandlers';
import { DevicesMainService } from '../devices/DevicesMainService';
import { screenPickerMode, withScreenPicker } from '../devices/screenPickerMode';
import { openHistoryService } from '../history/openHistoryService';
import { createIpcDispatcher } from '../ipc/dispatcher';
import { serveIpc } from '../ipc/serveIpc';
import type { Logger } from '../log/Logger';
import { ElectronShell } from '../shell/ElectronShell';
import { appResponse } from '../window/appProtocol';
import { createMainWindow } from '../window/createMainWindow';
import { guardedOpenExternal } from '../window/externalUrl';
import { lockNavigation } from '../window/lockNavigation';
import { APP_SCHEME, isAppUrl } from '../window/security';
import { AppMainService } from './AppMainService';
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
  const appService = new AppMainService(withScreenPicker(desktopCapabilities(historyProblem), picker), electronShell, logger.child('app'));
  const dispatcher = createIpcDispatcher({
    services: { devices, app: appService, ...(history ? { history } : {}) },
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

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('activate', () => {
    mainWindow ??= openWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    stopIpc();
    electronShell.destroy();
    history?.close();
    logger.info('will-quit | closed');
  });
  logger.info(`startApp() | ready (history: ${history ? 'yes' : 'no'}, screen picker: ${picker})`);
}
