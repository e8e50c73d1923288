import { ErrorCode, ParleyError } from '../../../src-common/errors';
import type { NotificationMessage } from '../../../src-common/protocol';
import type { Peer } from '../Peer';
import type { Room } from '../Room';
import type { SessionTokens } from '../auth/SessionTokens';
import type { RoomRegistry } from '../RoomRegistry';

/** The server-wide parts a connection's handlers use. */
export interface SessionServices {
  rooms: RoomRegistry;
  tokens: SessionTokens;
}

/** What one signaling connection has joined, if anything. Handlers read and change it. */
export class Session {
  private current: { room: Room; peer: Peer } | undefined;

  constructor(
    private readonly services: SessionServices,
    private readonly events: {
      /** Sends a notification for the joined peer to its client. */
      deliver: (message: NotificationMessage) => void;
      /** Called when the peer is closed by the server (room closed, worker died), not by `leave`. */
      evicted: (reason: string) => void;
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

  attach(room: Room, peer: Peer): void {
    if (this.current) throw new ParleyError(ErrorCode.AlreadyJoined, 'this connection has already joined a room');
    this.current = { room, peer };
    peer.on('notification', (method, data) => this.events.deliver({ type: 'notification', method, data } as NotificationMessage));
    peer.once('closed', () => {
      if (this.current?.peer !== peer) return;
      this.current = undefined;
      this.events.evicted(peer.closeReason ?? 'the room was closed by the server');
    });
  }

  /** Leaves the room, releasing everything the peer owned. Safe to call when not joined. */
  leave(): void {
    const current = this.current;
    this.current = undefined;
    current?.peer.close();
  }
}
