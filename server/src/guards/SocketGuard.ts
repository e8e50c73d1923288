import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import type { GuardMetrics } from './GuardMetrics';
import type { GuardLimits } from './limits';

interface Watched {
  address: string;
  /** The payload of the ping this socket has to answer; null once it has. */
  awaiting: Buffer | null;
  /** When a frame or fragmented message was first seen unfinished (ms), null when none is. */
  unfinishedSince: number | null;
}

/** ws keeps a half-received message in its receiver; these are the fields that say so (ws 8). */
interface ReceiverState {
  _state?: number;
  _fragmented?: number;
}

/** Whether `ws` is in the middle of a frame or of a fragmented message. */
function midMessage(ws: WebSocket): boolean {
  const receiver = (ws as unknown as { _receiver?: ReceiverState })._receiver;
  if (!receiver) return false;
  // 0 is ws's GET_INFO: waiting for the first bytes of the next frame.
  return (receiver._state ?? 0) !== 0 || (receiver._fragmented ?? 0) !== 0;
}

/**
 * Watches every signaling socket of one server: how many come from each address, whether each
 * still answers the server's own pings (an unsolicited pong proves nothing), and whether one has
 * left a frame or fragmented message unfinished for too long.
 */
export class SocketGuard {
  private readonly sockets = new Map<WebSocket, Watched>();
  private readonly perAddress = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly limits: Pick<GuardLimits, 'socketsPerAddress' | 'fragmentTimeoutMs'>,
    private readonly metrics: GuardMetrics,
    heartbeatMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.tick(), heartbeatMs);
    this.timer.unref();
  }

  /** Whether one more socket from `address` may open (counted as refused when not). */
  admits(address: string): boolean {
    const open = this.perAddress.get(address) ?? 0;
    if (open < this.limits.socketsPerAddress) return true;
    this.metrics.count('socketsPerAddressRefused', `${address} already has ${open} sockets open`);
    return false;
  }

  /** Starts watching an accepted socket until it closes. */
  watch(ws: WebSocket, address: string): void {
    this.sockets.set(ws, { address, awaiting: null, unfinishedSince: null });
    this.perAddress.set(address, (this.perAddress.get(address) ?? 0) + 1);
    ws.on('pong', (data) => this.pong(ws, data));
    ws.once('close', () => this.forget(ws));
  }

  /** Stops the heartbeat and cuts every socket. */
  close(): void {
    clearInterval(this.timer);
    for (const ws of this.sockets.keys()) ws.terminate();
  }

  private pong(ws: WebSocket, data: Buffer): void {
    const watched = this.sockets.get(ws);
    if (!watched) return;
    if (watched.awaiting && data.equals(watched.awaiting)) watched.awaiting = null;
    else this.metrics.count('unsolicitedPong', `${watched.address} sent a pong the server did not ask for`);
  }

  /**
   * A socket that did not answer the last ping is dropped (network loss, sleep: its peer waits
   * for a resume); so is one that has kept a message unfinished past `fragmentTimeoutMs`.
   */
  private tick(): void {
    const now = this.now();
    for (const [ws, watched] of this.sockets) {
      if (watched.awaiting) {
        ws.terminate();
        continue;
      }
      if (midMessage(ws)) {
        watched.unfinishedSince ??= now;
        if (now - watched.unfinishedSince >= this.limits.fragmentTimeoutMs) {
          this.metrics.count('fragmentTimeoutClosed', `${watched.address} left a message unfinished for ${now - watched.unfinishedSince} ms`);
          ws.terminate();
          continue;
        }
      } else {
        watched.unfinishedSince = null;
      }
      watched.awaiting = randomBytes(8);
      ws.ping(watched.awaiting);
    }
  }

  private forget(ws: WebSocket): void {
    const watched = this.sockets.get(ws);
    if (!watched) return;
    this.sockets.delete(ws);
    const left = (this.perAddress.get(watched.address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(watched.address, left);
    else this.perAddress.delete(watched.address);
  }
}
