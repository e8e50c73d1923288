import { ErrorCode, ParleyError } from '../../../src-common/errors';
import { CloseCode, type NotificationMessage } from '../../../src-common/protocol';
import type { Peer, PeerCloseReason } from '../Peer';
import type { Room } from '../Room';
import type { SessionTokens } from '../auth/SessionTokens';
import type { RoomRegistry } from '../RoomRegistry';
import type { HostedMeetings } from '../admission/HostedMeetings';
import type { ClientId } from '../admission/clientId';

/** The server-wide parts a connection's handlers use. */
export interface SessionServices {
  rooms: RoomRegistry;
  tokens: SessionTokens;
  /** Meetings hosted by invite code (lobby, passcode). */
  meetings: HostedMeetings;
  /**
   * `open`: any room name is a meeting. `hosted`: only meetings created through `meetings`, joined
   * with a token this server issued.
   */
  mode: 'open' | 'hosted';
  /** The client's address, the key of the limit on wrong invite codes. */
  remoteAddress: string;
  /** The browser this socket comes from (the cookie the server set; see admission/clientId.ts). */
  clientId?: ClientId | null;
  /** Where moderation actions are logged (who did what to whom, from which address). */
  audit?: (line: string) => void;
}

interface Joined {
  room: Room;
  peer: Peer;
  /** Removes this session's listeners from the peer (it may live on under another session). */
  release: () => void;
}

/** What one signaling connection has joined, if anything. Handlers read and change it. */
export class Session {
  private current: Joined | undefined;
  /** Undone when the connection goes away (a knock waiting in a lobby). */
  private readonly cleanups = new Set<() => void>();

  constructor(
    private readonly services: SessionServices,
    private readonly events: {
      /** Sends a notification for the joined peer to its client. */
      deliver: (message: NotificationMessage) => void;
      /**
       * Called when the server takes the peer from this connection (room closed, worker died,
       * removed, resumed on another connection), not by `leave` or `detach`.
       */
      evicted: (code: number, reason: string) => void;
    },
  ) {}

  get rooms(): RoomRegistry {
    return this.services.rooms;
  }

  get tokens(): SessionTokens {
    return this.services.tokens;
  }

  get meetings(): HostedMeetings {
    return this.services.meetings;
  }

  get mode(): 'open' | 'hosted' {
    return this.services.mode;
  }

  get remoteAddress(): string {
    return this.services.remoteAddress;
  }

  get clientId(): ClientId | null {
    return this.services.clientId ?? null;
  }

  /** Logs a moderation action with the room and the actor's address. */
  audit(action: string): void {
    const room = this.current?.room.id ?? 'no room';
    this.services.audit?.(`${room} | ${action} (from ${this.services.remoteAddress})`);
  }

  /** Sends a notification to this connection's client, joined or not (the lobby's decision). */
  deliver(message: NotificationMessage): void {
    this.events.deliver(message);
  }

  /** Closes this connection from the server side (after a lobby denial). */
  end(code: number, reason: string): void {
    this.events.evicted(code, reason);
  }

  /** Runs `cleanup` when the connection leaves; the returned function cancels that. */
  onLeave(cleanup: () => void): () => void {
    this.cleanups.add(cleanup);
    return () => this.cleanups.delete(cleanup);
  }

  /** Whether this connection waits for something (a knock in a lobby) rather than idling. */
  get isWaiting(): boolean {
    return this.cleanups.size > 0;
  }

  get isJoined(): boolean {
    return this.current !== undefined;
  }

  /** The joined room and peer; NOT_JOINED otherwise. */
  joined(): { room: Room; peer: Peer } {
    if (!this.current) throw new ParleyError(ErrorCode.NotJoined, 'join a room first');
    return this.current;
  }

  /** Makes this connection speak for `peer` (after `join` or `resume`). */
  attach(room: Room, peer: Peer): void {
    if (this.current) throw new ParleyError(ErrorCode.AlreadyJoined, 'this connection has already joined a room');
    const onNotification = (method: NotificationMessage['method'], data: NotificationMessage['data']): void =>
      this.events.deliver({ type: 'notification', method, data } as NotificationMessage);
    const onClosed = ({ code, reason }: PeerCloseReason): void => this.lose(peer, code, reason);
    const onHandedOver = (): void =>
      this.lose(peer, CloseCode.Superseded, 'this session was resumed on another connection');
    peer.on('notification', onNotification);
    peer.once('closed', onClosed);
    peer.once('handedOver', onHandedOver);
    const release = (): void => {
      peer.off('notification', onNotification);
      peer.off('closed', onClosed);
      peer.off('handedOver', onHandedOver);
    };
    this.current = { room, peer, release };
  }

  /** Leaves the room, releasing everything the peer owned. Safe to call when not joined. */
  leave(): void {
    this.runCleanups();
    const current = this.forget();
    current?.peer.close();
  }

  /**
   * The connection dropped without a goodbye: the room keeps the peer for its grace period so the
   * client can resume it on a new connection. Safe to call when not joined.
   */
  detach(): void {
    // A knock waiting in a lobby has nothing to resume: it goes whichever way the socket closed.
    this.runCleanups();
    const current = this.forget();
    if (current) current.room.detach(current.peer);
  }

  private lose(peer: Peer, code: number, reason: string): void {
    if (this.current?.peer !== peer) return;
    this.forget();
    this.events.evicted(code, reason);
  }

  private runCleanups(): void {
    for (const cleanup of [...this.cleanups]) cleanup();
    this.cleanups.clear();
  }

  private forget(): Joined | undefined {
    const current = this.current;
    this.current = undefined;
    current?.release();
    return current;
  }
}
