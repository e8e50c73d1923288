import type { AppService, Capabilities, MeetingStateInput, NotifyInput, UnreadCountInput } from '../../src-common/ipc/app';
import type { EmptyInput } from '../../src-common/ipc/contract';
import type { Logger } from '../log/Logger';

/** The Electron side the service drives: window focus, OS notifications, the system browser, tray and menus. */
export interface AppShell {
  isWindowFocused(): boolean;
  showNotification(title: string, body: string): void;
  openExternal(url: string): Promise<void>;
  /** The tray and menus show the meeting and the microphone state. */
  meetingStateChanged(state: MeetingStateInput): void;
  /** The unread badge on the app's icon; 0 clears it. */
  setBadgeCount(count: number): void;
}

/** The renderer's view of the desktop shell; the Electron specifics are behind {@link AppShell}. */
export class AppMainService implements AppService {
  constructor(
    private readonly capabilities: Capabilities,
    private readonly shell: AppShell,
    private readonly logger: Logger,
  ) {}

  async getCapabilities(_input: EmptyInput): Promise<Capabilities> {
    return this.capabilities;
  }

  async setMeetingState(input: MeetingStateInput): Promise<void> {
    this.shell.meetingStateChanged(input);
  }

  async notify({ kind, title, body }: NotifyInput): Promise<{ shown: boolean }> {
    // Someone looking at the window sees the event already; a notification would only repeat it.
    if (this.shell.isWindowFocused()) return { shown: false };
    this.logger.debug(`notify() | ${kind}`);
    this.shell.showNotification(title, body);
    return { shown: true };
  }

  async setUnreadCount({ count }: UnreadCountInput): Promise<void> {
    this.shell.setBadgeCount(count);
  }

  async openExternal({ url }: { url: string }): Promise<void> {
    this.logger.info(`openExternal() | ${url.slice(0, 200)}`);
    await this.shell.openExternal(url);
  }
}
