import type { WebSocket } from 'ws';
import { ErrorCode, ParleyError, type ErrorBody } from '../../../src-common/errors';
import { CloseCode, preJoinMethods, type Method, type NotificationMessage, type ResponseMessage } from '../../../src-common/protocol';
import type { GuardMetrics } from '../guards/GuardMetrics';
import type { Logger } from '../logger';
import { handlers } from './handlers';
import { FrameError, parseFrame, type ParsedRequest } from './parseFrame';
import { Session, type SessionServices } from './Session';

/** Requests waiting behind the one being handled; beyond this a client is flooding. */
const MAX_QUEUED = 64;

/** What a connection guards itself with (guards/limits.ts). */
export interface ConnectionGuards {
  maxBufferedBytes: number;
  preJoinIdleMs: number;
  metrics: GuardMetrics;
}

/**
 * One client's signaling channel. Requests are handled one at a time, in arrival order, so a
 * client never races itself (e.g. `produce` before `connect`); every frame gets an answer.
 */
export class Connection {
  private readonly session: Session;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private closed = false;
  /** How the socket closed (1000 until it does). */
  private closeCode = 1000;
  private faulted = false;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: WebSocket,
    services: SessionServices,
    private readonly logger: Logger,
    private readonly guards: ConnectionGuards,
  ) {
    this.session = new Session(services, {
      deliver: (message) => this.send(message),
      evicted: (code, reason) => this.socket.close(code, closeFrameReason(reason)),
    });
    socket.on('message', (raw, isBinary) => this.receive(raw as Buffer, isBinary));
    socket.on('close', (code) => this.close(code));
    socket.on('error', (error) => {
      // A protocol violation (oversized frame, bad opcode): ws closes the socket and the peer goes.
      this.faulted = true;
      this.logger.warn(`socket error: ${error.message}`);
    });
    this.armIdleTimer();
  }

  /**
   * A socket that neither joined nor waits in a lobby is closed after `preJoinIdleMs` (checked
   * again each period, so one that leaves and lingers goes too).
   */
  private armIdleTimer(): void {
    this.idleTimer = setTimeout(() => {
      if (this.closed) return;
      if (this.session.isJoined || this.session.isWaiting) {
        this.armIdleTimer();
        return;
      }
      this.guards.metrics.count('preJoinIdleClosed', `${this.session.remoteAddress} did not join within ${this.guards.preJoinIdleMs} ms`);
      this.shutDown('nothing was joined in time');
    }, this.guards.preJoinIdleMs);
    this.idleTimer.unref();
  }

  /** Closes with {@link CloseCode.Overloaded} and cuts the socket soon after, read or not. */
  private shutDown(reason: string): void {
    this.socket.close(CloseCode.Overloaded, reason);
    // A client that does not read will not answer the close either: its buffers go now.
    setTimeout(() => this.socket.terminate(), 200).unref();
  }

  private receive(raw: Buffer, isBinary: boolean): void {
    let request: ParsedRequest;
    try {
      request = parseFrame(raw, isBinary, this.session.isJoined || this.queued > 0);
    } catch (error) {
      const id = error instanceof FrameError ? error.id : null;
      this.reply({ type: 'response', id, ok: false, error: this.toBody(error, 'parse') });
      return;
    }
    if (this.queued >= MAX_QUEUED) {
      this.guards.metrics.count('requestsInFlightRefused', `${this.session.remoteAddress} has ${MAX_QUEUED} requests queued`);
      this.reply({ type: 'response', id: request.id, ok: false, error: { code: ErrorCode.LimitReached, message: 'too many requests in flight' } });
      return;
    }
    this.queued++;
    this.queue = this.queue.then(() => this.handle(request)).finally(() => this.queued--);
  }

  private async handle({ id, method, data }: ParsedRequest): Promise<void> {
    if (this.closed) return;
    try {
      // A request queued behind `join` passed the pre-join check optimistically; check again.
      if (!this.session.isJoined && !preJoinMethods.has(method)) {
        throw new ParleyError(ErrorCode.NotJoined, `${method} needs a joined peer; join a room first`);
      }
      const handler = handlers[method] as (session: Session, data: unknown) => Promise<unknown>;
      const result = await handler(this.session, data);
      this.reply({ type: 'response', id, ok: true, data: result } as ResponseMessage);
      // The socket closed while this request ran (a join or resume): let go of what it attached
      // the way close() would have, had it come after.
      if (this.closed) this.release();
    } catch (error) {
      this.reply({ type: 'response', id, ok: false, error: this.toBody(error, method) });
    }
  }

  /**
   * Called when the socket closes. A close frame means the client went away on purpose (left,
   * closed the tab) and its peer is released; a connection that just died (code 1006: network
   * loss, heartbeat timeout) or that the client abandoned to resume elsewhere keeps its peer for
   * the grace period. Safe to call twice.
   */
  close(code = 1000): void {
    if (this.closed) return;
    this.closed = true;
    this.closeCode = code;
    clearTimeout(this.idleTimer);
    this.release();
  }

  private release(): void {
    if (keepsPeer(this.closeCode) && !this.faulted) this.session.detach();
    else this.session.leave();
  }

  private reply(message: ResponseMessage): void {
    this.send(message);
  }

  /**
   * Every frame to the client goes through here, replies to unparseable frames included. A client
   * that lets more than `maxBufferedBytes` pile up unread is closed and its buffers released, so a
   * socket that never reads cannot grow the server's memory.
   */
  private send(message: ResponseMessage | NotificationMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    const text = JSON.stringify(message);
    if (this.socket.bufferedAmount + Buffer.byteLength(text) > this.guards.maxBufferedBytes) {
      this.guards.metrics.count('slowReaderClosed', `${this.session.remoteAddress} left ${this.socket.bufferedAmount} bytes unread`);
      this.shutDown('the connection reads too slowly');
      return;
    }
    this.socket.send(text);
  }

  private toBody(error: unknown, method: Method | 'parse'): ErrorBody {
    if (error instanceof ParleyError) return error.toBody();
    this.logger.error(`${method}() failed unexpectedly`, error);
    return { code: ErrorCode.Internal, message: 'internal error' };
  }
}

/** Whether a socket that closed with `code` should keep its peer for a resume. */
export function keepsPeer(code: number): boolean {
  return code === 1006 || code === CloseCode.Resuming;
}

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
function closeFrameReason(reason: string): string {
  let text = reason;
  while (Buffer.byteLength(text) > 123) text = text.slice(0, -1);
  return text;
}
