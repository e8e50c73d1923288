import { app, Menu, nativeImage, Notification, shell, Tray, type BrowserWindow } from 'electron';
import path from 'node:path';
import type { AppCommand, MeetingStateInput } from '../../src-common/ipc/app';
import { COMMAND_CHANNEL } from '../../src-common/ipc/bridge';
import type { AppShell } from '../app/AppMainService';
import type { Logger } from '../log/Logger';
import { appMenuTemplate, trayMenuTemplate, trayTooltip, type MenuActions } from './menus';

/**
 * The Electron side of the AppService: tray with mic on/off and leave, the application menu,
 * notifications that bring the window back when clicked, and the system browser.
 */
export class ElectronShell implements AppShell {
  private state: MeetingStateInput = { roomId: null, micMuted: false, micAvailable: false, sharing: false };
  private tray: Tray | null = null;
  private readonly actions: MenuActions;

  constructor(
    private readonly getWindow: () => BrowserWindow | null,
    private readonly resources: string,
    private readonly logger: Logger,
    /** shell.openExternal behind the allowlist of window/externalUrl.ts. */
    private readonly openExternalGuarded: (url: string) => Promise<void>,
  ) {
    this.actions = {
      send: (command) => this.send(command),
      showWindow: () => this.showWindow(),
      quit: () => app.quit(),
      showLogs: () => void shell.openPath(path.dirname(app.getPath('logs') + path.sep)),
    };
  }

  /** Creates the tray icon and the menu; a desktop without a tray only loses the tray. */
  install(): void {
    try {
      const image = nativeImage.createFromPath(path.join(this.resources, 'tray.png'));
      this.tray = new Tray(image);
      this.tray.on('click', () => this.showWindow());
    } catch (error) {
      this.logger.warn('install() | no tray on this desktop', error);
    }
    this.render();
  }

  isWindowFocused(): boolean {
    return this.getWindow()?.isFocused() ?? false;
  }

  showNotification(title: string, body: string): void {
    if (!Notification.isSupported()) return;
    const notification = new Notification({ title, body, silent: false });
    notification.on('click', () => this.showWindow());
    notification.show();
  }

  async openExternal(url: string): Promise<void> {
    await this.openExternalGuarded(url);
  }

  setBadgeCount(count: number): void {
    // macOS dock and Linux launchers (Unity API) show the count; Windows has no numeric badge, so
    // the taskbar button flashes instead while anything is unread.
    if (!app.setBadgeCount(count)) this.getWindow()?.flashFrame(count > 0);
  }

  meetingStateChanged(state: MeetingStateInput): void {
    this.state = state;
    this.render();
  }

  destroy(): void {
    this.tray?.destroy();
    this.tray = null;
  }

  private render(): void {
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(this.state, this.actions, process.platform)));
    if (this.tray) {
      this.tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(this.state, this.actions)));
      this.tray.setToolTip(trayTooltip(this.state));
    }
  }

  private send(command: AppCommand): void {
    const window = this.getWindow();
    if (!window || window.isDestroyed()) return;
    window.webContents.send(COMMAND_CHANNEL, command);
    if (command.type === 'show-history' || command.type === 'show-home') this.showWindow();
  }

  private showWindow(): void {
    const window = this.getWindow();
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}
