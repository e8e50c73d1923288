import { ErrorCode, ErrorReason, ParleyError } from '../../../../src-common/errors';
import {
  checkNotification,
  checkResponse,
  readServerFrame,
  type Method,
  type NotificationData,
  type NotificationMethod,
  type RequestInput,
  type ResponseData,
} from '../../../../src-common/protocol';

type NotificationHandler = <N extends NotificationMethod>(method: N, data: NotificationData[N]) => void;

const REQUEST_TIMEOUT_MS = 10_000;

interface PendingRequest {
  method: Method;
  resolve: (data: unknown) => void;
  reject: (error: ParleyError) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The client side of the signaling channel: typed requests with timeouts and coded errors,
 * notifications handed to one handler, and a `closed` callback when the socket goes away. Every
 * frame is checked against the protocol's schemas on arrival: a malformed one is logged and
 * dropped (its request, if any, fails with INTERNAL / malformedMessage), never handed on.
 */
export class SignalingClient {
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private notificationHandler: NotificationHandler = () => undefined;
  private closeHandler: (reason: string, code: number) => void = () => undefined;
  /** When the server was last heard from (any frame). */
  private lastHeard = Date.now();
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  private constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event) => this.receive(event.data));
    socket.addEventListener('close', (event) => this.onClose(event.reason || `connection closed (${event.code})`, event.code));
  }

  /**
   * Opens the WebSocket; rejects with CONNECTION_CLOSED if it cannot be opened within `timeoutMs`
   * (a server behind a dead network may never answer the handshake).
   */
  static connect(url: string, timeoutMs = 10_000): Promise<SignalingClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url);
      const fail = (): void => {
        clearTimeout(timer);
        reject(new ParleyError(ErrorCode.ConnectionClosed, `cannot reach the server at ${url}`));
      };
      const timer = setTimeout(() => {
        socket.removeEventListener('open', opened);
        socket.removeEventListener('error', fail);
        socket.close();
        fail();
      }, timeoutMs);
      const opened = (): void => {
        clearTimeout(timer);
        socket.removeEventListener('error', fail);
        resolve(new SignalingClient(socket));
      };
      socket.addEventListener('error', fail, { once: true });
      socket.addEventListener('open', opened, { once: true });
    });
  }

  onNotification(handler: NotificationHandler): void {
    this.notificationHandler = handler;
  }

  /** `code` is the WebSocket close code (see CloseCode in the protocol). */
  onClosed(handler: (reason: string, code: number) => void): void {
    this.closeHandler = handler;
  }

  request<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseData[M]> {
    if (this.socket.readyState !== WebSocket.OPEN) {
      return Promise.reject(new ParleyError(ErrorCode.ConnectionClosed, 'not connected to the server'));
    }
    const id = this.nextId++;
    return new Promise<ResponseData[M]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ParleyError(ErrorCode.Timeout, `${method} got no answer within ${REQUEST_TIMEOUT_MS / 1000} s`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(id, { method, resolve: resolve as (data: unknown) => void, reject, timer });
      this.socket.send(JSON.stringify({ type: 'request', id, method, data }));
    });
  }

  /** 1000 says "leaving"; CloseCode.Resuming asks the server to keep the peer for a resume. */
  close(code = 1000, reason = 'bye'): void {
    this.socket.close(code, reason);
  }

  /** Stops reporting anything (the session moved to another connection), then closes. */
  abandon(code: number, reason: string): void {
    this.stopWatching();
    this.notificationHandler = () => undefined;
    this.closeHandler = () => undefined;
    this.close(code, reason);
  }

  /**
   * Checks that the server can still be heard: after `everyMs` of silence it sends a `ping`; after
   * `timeoutMs` of silence it calls `onLost` once. TCP alone takes minutes to notice a socket whose
   * path is gone (the local address changed, the network went away without the link going down).
   */
  watchLiveness(onLost: () => void, everyMs = 500, timeoutMs = 1_500): void {
    clearInterval(this.heartbeat);
    this.lastHeard = Date.now();
    let pinging = false;
    this.heartbeat = setInterval(() => {
      const silent = Date.now() - this.lastHeard;
      if (silent >= timeoutMs) {
        this.stopWatching();
        onLost();
      } else if (silent >= everyMs && !pinging && this.socket.readyState === WebSocket.OPEN) {
        pinging = true;
        // The answer (even a refusal) is heard by receive(); a closed socket is reported by onClose.
        this.request('ping', {}).catch(() => undefined).finally(() => (pinging = false));
      }
    }, Math.min(250, everyMs));
  }

  private stopWatching(): void {
    clearInterval(this.heartbeat);
    this.heartbeat = undefined;
  }

  private receive(raw: unknown): void {
    this.lastHeard = Date.now();
    let value: unknown;
    try {
      value = JSON.parse(String(raw));
    } catch {
      console.warn('signaling: dropped a frame that is not JSON');
      return;
    }
    const frame = readServerFrame(value);
    if (!frame.ok) {
      console.warn(`signaling: dropped a frame: ${frame.problem}`);
      // A response whose id can still be read fails its request now rather than at the timeout.
      const id = (value as { id?: unknown } | null)?.id;
      if (typeof id === 'number') this.settle(id, (entry) => entry.reject(malformed(`the answer to ${entry.method} was malformed`)));
      return;
    }
    const message = frame.value;
    if (message.type === 'notification') {
      const checked = checkNotification(message.method, message.data);
      if (!checked.ok) {
        console.warn(`signaling: dropped a notification: ${checked.problem}`);
        return;
      }
      this.notificationHandler(checked.value.method, checked.value.data);
      return;
    }
    if (message.id === null) {
      console.warn('signaling: server refused a frame', message.ok ? '' : message.error);
      return;
    }
    this.settle(message.id, (entry) => {
      if (!message.ok) return entry.reject(ParleyError.fromBody(message.error));
      const checked = checkResponse(entry.method, message.data);
      if (checked.ok) return entry.resolve(checked.value);
      console.warn(`signaling: dropped a response: ${checked.problem}`);
      entry.reject(malformed(checked.problem));
    });
  }

  /** Takes the request waiting under `id` (an unknown id is ignored: it timed out already). */
  private settle(id: number, settle: (entry: PendingRequest) => void): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    settle(entry);
  }

  private onClose(reason: string, code: number): void {
    this.stopWatching();
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(new ParleyError(ErrorCode.ConnectionClosed, reason));
    }
    this.pending.clear();
    this.closeHandler(reason, code);
  }
}

function malformed(problem: string): ParleyError {
  return new ParleyError(ErrorCode.Internal, `the server sent something this app cannot read (${problem})`, ErrorReason.MalformedMessage);
}
