import type { PeerId, RoomId } from '../../../../src-common/ids';
import type { NotificationData, Role } from '../../../../src-common/protocol';
import type { DeviceFactory } from '../media/DeviceFactory';
import type { LocalMedia } from '../media/LocalMedia';
import type { TileView } from '../media/ViewReporter';
import type { RemoteParticipant } from '../media/Participants';
import type { ScreenShare } from '../media/ScreenShare';
import type { JoinWarmup } from './JoinWarmup';
import type { MeetingNotification } from './notifications';

/**
 * `reconnecting`: the connection dropped (network, worker died, server restart); resuming or
 * joining again by itself.
 */
export type SessionStatus = 'connecting' | 'joined' | 'reconnecting' | 'left' | 'failed';

export interface SessionState {
  status: SessionStatus;
  /** Why the session failed, in words for the user. */
  error: string | null;
  localPeerId: PeerId | null;
  participants: RemoteParticipant[];
  /** Who the server hears as the dominant speaker (possibly the local peer). */
  activeSpeakerId: PeerId | null;
  /** The local user's role, decided by the server (null before the join). */
  localRole: Role | null;
  /** The WebSocket close code that ended the session for good (removed 4001, ended 4002), if one did. */
  closeCode: number | null;
}

/** Current audio level per peer in dBov (-127 silence .. 0 loudest); absent means silent. */
export type AudioLevels = ReadonlyMap<PeerId, number>;

/** What happened in the session, as facts; the history recorder and the desktop shell listen. */
export interface SessionEvents {
  /** The session is in the room; `peers` were there already. */
  joined: { localPeerId: PeerId; peers: Array<{ peerId: PeerId; displayName: string }> };
  /** Someone else came in after the join. */
  participantJoined: { peerId: PeerId; displayName: string };
  participantLeft: { peerId: PeerId };
  /** Every (re)connection, once joined: in-meeting features fetch what they missed. */
  connected: { localPeerId: PeerId; role: Role };
  /** Chat, hands, reactions and moderation notifications, for the in-meeting features (core/meeting). */
  meetingNotification: MeetingNotification;
  /** Emitted once: the user left, or the session failed. */
  ended: { reason: 'left' | 'failed'; error: string | null };
}

export interface JoinOptions {
  signalingUrl: string;
  roomId: RoomId;
  displayName: string;
  localMedia: LocalMedia;
  screenShare: ScreenShare;
  /** A token the server issued for this room (a hosted meeting's host or admitted guest): join as that peer. */
  sessionToken?: string;
  /** Makes the mediasoup-client Devices, with the browser's capabilities learnt ahead (one per window). */
  devices?: DeviceFactory;
  /**
   * How the meeting screen will likely show each camera of a room of `people` (self included)
   * when it opens, or null when it cannot tell (e.g. not all on the first page): told to the
   * server with the join's consumers so the first pictures do not wait for the tiles.
   */
  cameraView?: (people: number) => TileView | null;
  /** Where the pre-join screen may have opened the signaling socket already (used by the first join only). */
  warmup?: JoinWarmup;
}

/** Lobby facts for hosts and co-hosts of a hosted meeting (see protocol/lobby.ts). */
export type LobbyEvents = Pick<NotificationData, 'lobbyChanged' | 'admissionChanged' | 'passcodeGuessing'>;
