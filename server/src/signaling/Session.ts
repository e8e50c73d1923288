import { ErrorCode, ParleyError } from '../../../src-common/errors';
import { CloseCode, type NotificationMessage } from '../../../src-common/protocol';
import type { Peer, PeerCloseReason } from '../Peer';
import type { Room } from '../Room';
import type { SessionTokens } from '../auth/SessionTokens';
import type { RoomRegistry } from '../RoomRegistry';

/** The server-wide parts a connection's handlers use. */
export interface SessionServices {
  rooms: RoomRegistry;
  tokens: SessionTokens;
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
    const current = this.forget();
    current?.peer.close();
  }

  /**
   * The connection dropped without a goodbye: the room keeps the peer for its grace period so the
   * client can resume it on a new connection. Safe to call when not joined.
   */
  detach(): void {
    const current = this.forget();
    if (current) current.room.detach(current.peer);
  }

  private lose(peer: Peer, code: number, reason: string): void {
    if (this.current?.peer !== peer) return;
    this.forget();
    this.events.evicted(code, reason);
  }

  private forget(): Joined | undefined {
    const current = this.current;
    this.current = undefined;
    current?.release();
    return current;
  }
}
