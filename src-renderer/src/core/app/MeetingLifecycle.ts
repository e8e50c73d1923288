import type { RoomId } from '../../../../src-common/ids';
import type { AppService } from '../../../../src-common/ipc/app';
import type { HistoryService } from '../../../../src-common/ipc/history';
import type { HostedMeeting, HostService } from '../../../../src-common/ipc/host';
import { Store } from '../base/Store';
import { linkChatToDesktop } from '../desktop/chatDesktopLink';
import { linkMeetingToDesktop } from '../desktop/desktopLink';
import { recordHistory } from '../desktop/HistoryRecorder';
import type { LocalMedia } from '../media/LocalMedia';
import type { DeviceFactory } from '../media/DeviceFactory';
import { likelyCameraView } from '../meeting/gridLayout';
import type { ScreenShare } from '../media/ScreenShare';
import type { ScreenSourcePicker } from '../media/ScreenSourcePicker';
import { InMeeting } from '../meeting/InMeeting';
import { Lobby } from '../meeting/Lobby';
import { endedForGood } from '../session/failures';
import { finalEndOf, type FinalEnd } from '../session/notifications';
import { tokenVerdict } from '../session/resume';
import type { JoinWarmup } from '../session/JoinWarmup';
import { RoomSession, type JoinOptions } from '../session/RoomSession';
import { signalingUrl } from './route';

/** The meeting under way: its session, its in-meeting features, and the lobby when this app hosts it. */
export interface ActiveMeeting {
  roomId: RoomId;
  session: RoomSession;
  inMeeting: InMeeting;
  /** Set when this app hosts the meeting on the LAN (the host panel shows it). */
  lobby: Lobby | null;
  /** Entered by invite (the route names the code, not the room). */
  invited: boolean;
  /** The server the meeting runs on (`https://host:port`). */
  server: string;
}

/** The meeting the user left by choice: the "You left" page offers to rejoin it. */
export interface LeftMeeting {
  roomId: RoomId;
  server: string;
  displayName: string;
  /** Entered by invite: rejoining knocks again (the invite's admission was for one visit). */
  invited: boolean;
  /** The host's token, so the host rejoins as the host. */
  sessionToken: string | null;
  /** The meeting's human name when the server gave one (a hosted meeting): the page shows it rather than the room id. */
  meetingName: string | null;
}

export interface LifecycleState {
  meeting: ActiveMeeting | null;
  joining: boolean;
  /** Why the last join failed or the last meeting dropped, for the pre-join screen. */
  error: string | null;
  /** Removed, or the host ended the meeting: shown instead of the pre-join screen, never rejoined by itself. */
  finalEnd: { end: Exclude<FinalEnd, null>; message: string } | null;
  /** The meeting this app hosts on the LAN (desktop), joined with its host token. */
  hosting: HostedMeeting | null;
  /** The desktop app suggests the server of the last meeting. */
  lastServer: string;
  /** Set from Leave until Rejoin or Home. */
  left: LeftMeeting | null;
}

/** The desktop services a meeting uses (null in a plain browser); the bridge has this shape. */
export interface LifecycleServices {
  readonly history: HistoryService | null;
  readonly host: HostService | null;
  readonly app: AppService | null;
}

export interface LifecycleParts {
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  /** Devices for every join of this window, warmed on the pre-join screen. */
  devices?: DeviceFactory;
  /** The pre-join screen's signaling socket, opened ahead of the join (see `warm`). */
  warmup?: JoinWarmup;
  picker: ScreenSourcePicker | null;
  /** The join goes through here (a fake in tests). */
  join?: (options: JoinOptions) => Promise<RoomSession>;
}

/** The desktop app's suggestion before anything else is known: a server on this machine. */
export const LOCAL_SERVER = 'http://127.0.0.1:8443';

/**
 * A meeting's life in this window, from the join click to what is shown after it: joining, the
 * session and its in-meeting features, the desktop links (history, tray, chat badge), hosting on
 * the LAN, and how it ended (an error to retry from, or removed/ended for good).
 */
export class MeetingLifecycle {
  readonly state = new Store<LifecycleState>({ meeting: null, joining: false, error: null, finalEnd: null, hosting: null, lastServer: LOCAL_SERVER, left: null });
  /** The join of the meeting under way, kept for a rejoin after Leave. */
  private lastJoin: LeftMeeting | null = null;
  /** Undoes the current meeting's desktop links and listeners. */
  private unlinks: Array<() => void> = [];
  private closed = false;

  constructor(
    private readonly services: LifecycleServices,
    private readonly parts: LifecycleParts,
  ) {
    // A meeting this app still hosts (the window was reloaded) is offered again on the home screen.
    services.host
      ?.status({})
      .then((status) => status.meeting && this.patch({ hosting: status.meeting }))
      .catch((e: unknown) => console.warn('reading the hosting status failed', e));
    services.history
      ?.list({ limit: 1 })
      .then(([latest]) => latest && this.patch({ lastServer: latest.serverUrl }))
      .catch((e: unknown) => console.warn('reading the last server from the history failed', e));
  }

  /**
   * The pre-join screen of `roomId` on `server` is shown, or the user is about to click Join:
   * the signaling socket is opened now so the join starts with its first request.
   */
  warm(roomId: RoomId, server: string): void {
    this.parts.warmup?.prepare(signalingUrl(server), roomId);
  }

  /** Joins `roomId` on `server`; `sessionToken` joins as the peer the server issued it for (host, admitted guest). */
  join(roomId: RoomId, server: string, displayName: string, options: { sessionToken?: string; invited?: boolean } = {}): void {
    const { localMedia, screenShare, devices, warmup, join = (o: JoinOptions) => RoomSession.join(o) } = this.parts;
    const { sessionToken, invited = false } = options;
    this.patch({ joining: true, error: null, left: null });
    this.lastJoin = { roomId, server, displayName, invited, sessionToken: invited ? null : (sessionToken ?? null), meetingName: null };
    const cameraView = (people: number): ReturnType<typeof likelyCameraView> =>
      likelyCameraView(people, { width: window.innerWidth, height: window.innerHeight, devicePixelRatio: window.devicePixelRatio });
    join({ signalingUrl: signalingUrl(server), roomId, displayName, localMedia, screenShare, cameraView, ...(devices ? { devices } : {}), ...(warmup ? { warmup } : {}), ...(sessionToken ? { sessionToken } : {}) })
      .then((session) => this.attach(session, { roomId, server, displayName, invited }))
      .catch((e: unknown) => this.joinFailed(e))
      .finally(() => this.patch({ joining: false }));
  }

  /**
   * Leave: every local track stops at once (camera light off, share ended), then the session
   * leaves, and the "You left" page offers Rejoin and Home.
   */
  leave(): void {
    const { meeting } = this.state.get();
    if (!meeting) return;
    this.releaseMedia();
    this.patch({ left: this.lastJoin && { ...this.lastJoin, meetingName: meeting.inMeeting.meetingName.get() } });
    meeting.session.leave();
  }

  /** Back into the meeting left last: captures again and joins (an invited guest knocks again, on the invite page). */
  rejoin(): void {
    const left = this.state.get().left;
    if (!left) return;
    const start = this.parts.localMedia.start().catch((e: unknown) => console.warn('capture for the rejoin failed', e));
    if (left.invited) {
      this.patch({ left: null });
      return;
    }
    this.patch({ joining: true });
    void start.then(() => this.join(left.roomId, left.server, left.displayName, left.sessionToken ? { sessionToken: left.sessionToken } : {}));
  }

  /** The user went on from the "You left" page. */
  dismissLeft(): void {
    this.patch({ left: null });
  }

  /**
   * A removed person (their browser is recognised) or an ended meeting: a final page with the
   * server's words, not the pre-join screen with a Join button that would only be refused again.
   */
  private joinFailed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const final = endedForGood(error);
    if (final?.kind !== 'final') {
      this.patch({ error: message });
      return;
    }
    this.parts.localMedia.release();
    this.patch({ finalEnd: { end: finalEndOf(final.closeCode) ?? 'removed', message: tokenVerdict(error) === 'removed' ? message : final.message } });
  }

  /** This app started hosting `meeting` on the LAN. */
  hosted(meeting: HostedMeeting): void {
    this.patch({ hosting: meeting });
  }

  /** Leaves the meeting (if any) and stops the embedded host. */
  stopHosting(): void {
    const { meeting } = this.state.get();
    if (meeting) this.releaseMedia();
    meeting?.session.leave();
    this.patch({ hosting: null });
    this.services.host?.stop({}).catch((e: unknown) => console.warn('stopping the hosted meeting failed', e));
  }

  /** The user read why the meeting ended. */
  dismissEnd(): void {
    this.patch({ finalEnd: null });
  }

  /** Leaves any meeting and stops following. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.state.get().meeting?.session.leave();
  }

  private attach(session: RoomSession, info: { roomId: RoomId; server: string; displayName: string; invited: boolean }): void {
    const { roomId, server, displayName, invited } = info;
    const { localMedia, screenShare } = this.parts;
    const { app, history } = this.services;
    // Attached at once: the history must see the end even if no screen shows the meeting any more.
    const inMeeting = new InMeeting(session, { localMedia, screenShare });
    const hostedHere = this.state.get().hosting?.roomId === roomId;
    if (history) recordHistory(session, history, { roomId, serverUrl: server, displayName, role: hostedHere ? 'host' : 'guest' }, inMeeting.chat);
    // The host panel shows in the hosted room itself, not in a meeting entered by invite.
    const lobby = hostedHere && !invited ? new Lobby(session) : null;
    this.unlinks = [
      ...(lobby ? [() => lobby.close()] : []),
      ...(app ? [linkChatToDesktop(app, roomId, inMeeting.chat), linkMeetingToDesktop(app, roomId, session, localMedia, screenShare)] : []),
      session.events.on('ended', ({ reason, error }) => this.end(reason === 'left' ? null : error, reason === 'left' ? null : session.state.get().closeCode)),
    ];
    this.patch({ meeting: { roomId, session, inMeeting, lobby, invited, server } });
    // Closed while joining (the window went away): leave at once.
    if (this.closed) session.leave();
  }

  private end(message: string | null, closeCode: number | null): void {
    const { meeting, hosting } = this.state.get();
    this.parts.picker?.cancel();
    this.parts.screenShare.stop();
    meeting?.inMeeting.close();
    for (const unlink of this.unlinks.splice(0)) unlink();
    const end = finalEndOf(closeCode);
    this.patch({ meeting: null });
    if (end === 'ended' && hosting && hosting.roomId === meeting?.roomId) {
      // The meeting this app hosts was ended for all: the host process has nothing left to serve.
      this.patch({ hosting: null });
      this.services.host?.stop({}).catch((e: unknown) => console.warn('stopping the hosted meeting failed', e));
    }
    if (end) {
      // Nothing to preview or rejoin: the camera and microphone go off until the next meeting.
      this.parts.localMedia.release();
      this.patch({ finalEnd: { end, message: message ?? '' } });
    } else this.patch({ error: message });
  }

  private releaseMedia(): void {
    this.parts.picker?.cancel();
    this.parts.screenShare.stop();
    this.parts.localMedia.release();
  }

  private patch(change: Partial<LifecycleState>): void {
    this.state.update((s) => ({ ...s, ...change }));
  }
}
