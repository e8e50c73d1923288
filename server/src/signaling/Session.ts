import { ErrorCode, ParleyError } from '../../../src-common/errors';
import type { NotificationMessage } from '../../../src-common/protocol';
import type { Peer } from '../Peer';
import type { Room } from '../Room';
import type { SessionTokens } from '../auth/SessionTokens';
import type { RoomRegistry } from '../RoomRegistry';
import type { HostedMeetings } from '../admission/HostedMeetings';

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
}

/** What one signaling connection has joined, if anything. Handlers read and change it. */
export class Session {
  private current: { room: Room; peer: Peer } | undefined;
  /** Undone when the connection goes away (a knock waiting in a lobby). */
  private readonly cleanups = new Set<() => void>();

  constructor(
    private readonly services: SessionServices,
    private readonly events: {
      /** Sends a notification for the joined peer to its client. */
      deliver: (message: NotificationMessage) => void;
      /** Called when the peer is closed by the server (room closed, worker died, superseded), not by `leave`. */
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
    peer.once('closed', ({ code, reason }) => {
      if (this.current?.peer !== peer) return;
      this.current = undefined;
      this.events.evicted(code, reason);
    });
  }

  /** Leaves the room, releasing everything the peer owned. Safe to call when not joined. */
  leave(): void {
    for (const cleanup of [...this.cleanups]) cleanup();
    this.cleanups.clear();
    const current = this.current;
    this.current = undefined;
    current?.peer.close();
  }
}
