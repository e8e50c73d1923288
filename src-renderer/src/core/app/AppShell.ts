import type { RoomId } from '../../../../src-common/ids';
import type { AppCommand, Capability } from '../../../../src-common/ipc/app';
import type { DevicesService } from '../../../../src-common/ipc/devices';
import { HistoryBrowser } from '../desktop/HistoryBrowser';
import { runCommand } from '../desktop/desktopLink';
import { LocalMedia } from '../media/LocalMedia';
import { bridgeStore, localStorageStore } from '../media/preferences';
import { ScreenShare } from '../media/ScreenShare';
import { ScreenSourcePicker } from '../media/ScreenSourcePicker';
import { MeetingLifecycle, type LifecycleServices } from './MeetingLifecycle';
import { DeviceFactory } from '../media/DeviceFactory';
import { JoinWarmup } from '../session/JoinWarmup';
import { Navigator } from './Navigator';
import { pageServer, type Route } from './route';

/** What the shell needs of the desktop bridge (all null in a plain browser); the bridge has this shape. */
export interface ShellServices extends LifecycleServices {
  readonly devices: DevicesService | null;
  has(capability: Capability): boolean;
  onCommand(listener: (command: AppCommand) => void): () => void;
}

/** Capture starts on a pre-join screen (a room link, or an invite). */
function isPreJoin(route: Route, ownServer: string | null): boolean {
  return (route.kind === 'room' && (route.server ?? ownServer) !== null) || route.kind === 'invite';
}

/**
 * Everything the window keeps for its lifetime, framework-free: where it is (Navigator), the
 * local media, the screen share and its picker, the history browser, and the meeting lifecycle.
 * It starts capture on a pre-join screen and answers the tray's and menus' commands.
 */
export class AppShell {
  readonly navigator = new Navigator();
  /** The server that served this page, if any (a browser guest); null in the desktop app. */
  readonly ownServer = pageServer(location);
  /** The desktop app's own picker where main lists the sources; elsewhere getDisplayMedia() shows the browser's or the system's. */
  readonly picker: ScreenSourcePicker | null;
  readonly screenShare: ScreenShare;
  readonly browser: HistoryBrowser | null;
  readonly lifecycle: MeetingLifecycle;
  private readonly devices = new DeviceFactory();
  private readonly warmup = new JoinWarmup();
  private readonly stops: Array<() => void>;

  private constructor(
    services: ShellServices,
    readonly localMedia: LocalMedia,
  ) {
    this.picker = services.devices && services.has('screenSources') ? new ScreenSourcePicker(services.devices) : null;
    const picker = this.picker;
    this.screenShare = new ScreenShare(picker ? { pickSource: () => picker.pick() } : {});
    this.browser = services.history ? new HistoryBrowser(services.history) : null;
    this.lifecycle = new MeetingLifecycle(services, { localMedia, screenShare: this.screenShare, picker, devices: this.devices, warmup: this.warmup });
    let preJoin = false;
    const followRoute = (): void => {
      const route = this.navigator.route.get();
      const now = isPreJoin(route, this.ownServer);
      if (now && !preJoin) {
        void localMedia.start();
        // What the browser can send and receive is learnt while the user looks at the preview,
        // and a room's signaling socket is opened (an invite's waits for its admission).
        this.devices.warm();
        const server = route.kind === 'room' ? (route.server ?? this.ownServer) : null;
        if (route.kind === 'room' && server) this.lifecycle.warm(route.roomId as RoomId, server);
      }
      if (!now) this.warmup.discard();
      preJoin = now;
    };
    followRoute();
    this.stops = [this.navigator.route.subscribe(followRoute), services.onCommand((command) => this.onCommand(command))];
  }

  /** Reads the media preferences (from the desktop app where it keeps them) and builds the shell. */
  static async create(services: ShellServices): Promise<AppShell> {
    const store = services.devices && services.has('devicePreferences') ? bridgeStore(services.devices) : localStorageStore(globalThis.localStorage);
    return new AppShell(services, await LocalMedia.create(store));
  }

  /** Leaves any meeting and releases the devices. Safe to call twice. */
  close(): void {
    for (const stop of this.stops.splice(0)) stop();
    this.warmup.discard();
    this.lifecycle.close();
    this.navigator.close();
    this.localMedia.stop();
  }

  private onCommand(command: AppCommand): void {
    const session = this.lifecycle.state.get().meeting?.session;
    runCommand(command, {
      toggleMicrophone: () => this.localMedia.setMicMuted(!this.localMedia.state.get().prefs.micMuted),
      leaveMeeting: () => this.lifecycle.leave(),
      stopSharing: () => this.screenShare.stop(),
      showHistory: () => !session && this.browser && this.navigator.navigate('/history'),
      showHome: () => !session && this.navigator.navigate('/'),
    });
  }
}
