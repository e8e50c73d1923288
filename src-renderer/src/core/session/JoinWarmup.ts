import type { RoomId } from '../../../../src-common/ids';
import type { ResponseData } from '../../../../src-common/protocol';
import { Connection } from './Connection';

/** A signaling socket opened ahead of a join, with the room's answer to `getRouterRtpCapabilities`. */
export interface WarmStart {
  connection: Connection;
  capabilities: ResponseData['getRouterRtpCapabilities'];
}

interface Pending {
  key: string;
  ready: Promise<WarmStart | null>;
  /** The socket closed (the server closes one that does not join within its pre-join idle time). */
  dead: boolean;
}

/**
 * The first steps of a join taken while the user is still on the pre-join screen, as Meet's
 * pre-join does: the signaling socket is opened and the room's router capabilities are asked, so
 * the Join click starts with the `join` request itself. Nothing here makes the user a participant.
 *
 * A warm socket the server closed for idleness (it keeps one that has not joined for 30 s by
 * default) is not reopened by itself: `prepare` is called again when the user shows intent (the
 * pre-join's Join button or name field), and a join without a live warm socket opens its own.
 */
export class JoinWarmup {
  private pending: Pending | undefined;

  constructor(private readonly open: (url: string) => Promise<Connection> = (url) => Connection.open(url)) {}

  /** Opens a socket to `signalingUrl` for `roomId`, unless a live one for them is already open or opening. */
  prepare(signalingUrl: string, roomId: RoomId): void {
    const key = `${roomId} ${signalingUrl}`;
    if (this.pending && this.pending.key === key && !this.pending.dead) return;
    this.discard();
    const pending: Pending = { key, dead: false, ready: Promise.resolve(null) };
    pending.ready = this.warm(signalingUrl, roomId, pending);
    this.pending = pending;
  }

  /**
   * Hands over the warm socket for `roomId` on `signalingUrl`, or null when there is none (never
   * prepared, prepared for another room, closed since, or it failed to open): the join then
   * opens its own. The socket is the caller's from here.
   */
  async take(signalingUrl: string, roomId: RoomId): Promise<WarmStart | null> {
    const pending = this.pending;
    this.pending = undefined;
    if (!pending) return null;
    if (pending.key !== `${roomId} ${signalingUrl}`) {
      void pending.ready.then((start) => start?.connection.close());
      return null;
    }
    const start = await pending.ready;
    if (!start || pending.dead) return null;
    return start;
  }

  /** Closes a warm socket nobody took (the user left the pre-join screen). */
  discard(): void {
    const pending = this.pending;
    this.pending = undefined;
    void pending?.ready.then((start) => start?.connection.close());
  }

  private async warm(signalingUrl: string, roomId: RoomId, pending: Pending): Promise<WarmStart | null> {
    let connection: Connection | undefined;
    try {
      connection = await this.open(signalingUrl);
      connection.events.on('closed', () => void (pending.dead = true));
      const capabilities = await connection.request('getRouterRtpCapabilities', { roomId });
      return { connection, capabilities };
    } catch (error) {
      // The join will try on its own socket and report what goes wrong there.
      console.info('the signaling socket was not opened ahead of the join', error);
      pending.dead = true;
      connection?.close();
      return null;
    }
  }
}
