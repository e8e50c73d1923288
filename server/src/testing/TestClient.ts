/**
 * A signaling client for integration tests: a real WebSocket speaking the Parley protocol, which
 * keeps every frame the server sent so tests can wait for responses and notifications by content.
 */
import WebSocket from 'ws';
import type { ErrorBody } from '../../../src-common/errors';
import type { PeerId, ProducerId, TransportId } from '../../../src-common/ids';
import {
  checkNotification,
  checkResponse,
  readServerFrame,
  requestSchemas,
  type MediaSource,
  type Method,
  type NotificationData,
  type NotificationMessage,
  type NotificationMethod,
  type RequestInput,
  type ResponseData,
  type ResponseMessage,
  type RtpCapabilities,
  type ServerMessage,
  type TransportOptions,
} from '../../../src-common/protocol';
import { trackFor } from './rtp';

/** The signaling address of a server from `createServer`. */
export function signalingUrl(server: { url: string }): string {
  return `${server.url.replace(/^http/, 'ws')}/ws`;
}

/** A request the server refused; `code` is the wire error code. */
export class RequestError extends Error {
  readonly code: ErrorBody['code'];
  readonly reason: ErrorBody['reason'];

  constructor(method: string, body: ErrorBody) {
    super(`${method} refused with ${body.code}: ${body.message}`);
    this.code = body.code;
    this.reason = body.reason;
  }
}

export class TestClient {
  /** Every frame the server sent, in arrival order. */
  readonly received: ServerMessage[] = [];
  /**
   * Frames the server sent that a real client would drop (they fail the protocol's schemas), each
   * with why. `request` and `notification` throw on such a frame, so any test that reads one fails.
   */
  readonly protocolProblems = new Map<ServerMessage, string>();
  /** The method of each request sent, by id, so answers are checked against its schema. */
  private readonly methods = new Map<number, string>();
  /** Resolves when the socket closes, with the close code the client saw. */
  readonly closed: Promise<{ code: number; reason: string }>;
  /** Set by `joinRoom`. */
  peerId: PeerId | undefined;
  /** The router capabilities `joinRoom` fetched and joined with. */
  rtpCapabilities: RtpCapabilities | undefined;
  private nextId = 1;
  private tracks = 0;
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw: Buffer) => {
      const message = JSON.parse(raw.toString('utf8')) as ServerMessage;
      const problem = this.check(message);
      if (problem) this.protocolProblems.set(message, problem);
      this.received.push(message);
      for (const listener of [...this.listeners]) listener();
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        for (const listener of [...this.listeners]) listener();
      });
    });
  }

  static async connect(url: string, options: WebSocket.ClientOptions = {}): Promise<TestClient> {
    const socket = new WebSocket(url, options);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new TestClient(socket);
  }

  /** Connects, fetches the router capabilities of `roomId` and joins with them. */
  static async joined(url: string, roomId: string, displayName: string): Promise<TestClient> {
    const client = await TestClient.connect(url);
    await client.joinRoom(roomId, displayName);
    return client;
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  async joinRoom(roomId: string, displayName: string, sessionToken?: string): Promise<ResponseData['join']> {
    const { routerRtpCapabilities } = await this.call('getRouterRtpCapabilities', { roomId });
    const joined = await this.call('join', {
      roomId,
      displayName,
      rtpCapabilities: routerRtpCapabilities,
      ...(sessionToken ? { sessionToken } : {}),
    });
    this.peerId = joined.peerId;
    this.rtpCapabilities = routerRtpCapabilities;
    return joined;
  }

  async createTransport(direction: 'send' | 'recv'): Promise<TransportOptions> {
    return this.call('createWebRtcTransport', { direction });
  }

  /** Publishes `source` with parameters a browser would send for it (see `rtp.ts`). */
  async produce(transportId: TransportId, source: MediaSource, options: { paused?: boolean } = {}): Promise<ProducerId> {
    if (!this.rtpCapabilities) throw new Error('join a room before producing');
    const track = trackFor(source, this.rtpCapabilities, this.tracks++);
    const { producerId } = await this.call('produce', { transportId, source, ...track, ...options });
    return producerId;
  }

  /** Sends a request and resolves with the response, whether it succeeded or not. */
  async request<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseMessage<M>> {
    return (await this.requestUnchecked(method, data)) as ResponseMessage<M>;
  }

  /** Like `request` for any method and data, to test what the server refuses. */
  async requestUnchecked(method: string, data: unknown): Promise<ResponseMessage> {
    const id = this.nextId++;
    this.methods.set(id, method);
    const response = await this.sendFrame(JSON.stringify({ type: 'request', id, method, data }), id);
    this.assertWellFormed(response);
    return response;
  }

  /** Sends a request and returns its data; a refusal throws a {@link RequestError}. */
  async call<M extends Method>(method: M, data: RequestInput<M>): Promise<ResponseData[M]> {
    const response = await this.request(method, data);
    if (!response.ok) throw new RequestError(method, response.error);
    return response.data;
  }

  /** Sends a raw frame and resolves with the next response whose id is `expectedId`. */
  async sendFrame(frame: string | Buffer, expectedId: number | null, options: { binary?: boolean } = {}): Promise<ResponseMessage> {
    const from = this.received.length;
    this.socket.send(frame, { binary: options.binary ?? false });
    return this.waitForMessage(
      from,
      (message): message is ResponseMessage => message.type === 'response' && message.id === expectedId,
      `a response with id ${String(expectedId)}`,
    );
  }

  /** Notifications of one method received so far, oldest first. */
  notifications<N extends NotificationMethod>(method: N): Array<NotificationData[N]> {
    return this.received.flatMap((message) =>
      message.type === 'notification' && message.method === method ? [message.data as NotificationData[N]] : [],
    );
  }

  /** Resolves with the first notification of `method` (already received or still to come) that matches. */
  async notification<N extends NotificationMethod>(
    method: N,
    match: (data: NotificationData[N]) => boolean = () => true,
  ): Promise<NotificationData[N]> {
    const message = await this.waitForMessage(
      0,
      (m): m is NotificationMessage<N> => m.type === 'notification' && m.method === method && match(m.data as NotificationData[N]),
      `a ${method} notification`,
    );
    this.assertWellFormed(message);
    return message.data;
  }

  /** Resolves with the close code once the socket has closed; rejects if it is still open after `timeoutMs`. */
  async closedWithin(timeoutMs = 5_000): Promise<{ code: number; reason: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the socket was still open after ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      return await Promise.race([this.closed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes with a close frame (`code` as the client would send it, none by default). */
  close(code?: number): void {
    this.socket.close(code);
  }

  /** Drops the TCP connection without a close handshake, like a crashed client. */
  terminate(): void {
    this.socket.terminate();
  }

  /** Why a client would drop `message`, or undefined when it would take it. */
  private check(message: unknown): string | undefined {
    const frame = readServerFrame(message);
    if (!frame.ok) return frame.problem;
    const { value } = frame;
    if (value.type === 'notification') {
      const checked = checkNotification(value.method, value.data);
      return checked.ok ? undefined : checked.problem;
    }
    const method = value.id === null ? undefined : this.methods.get(value.id);
    // Answers to methods outside the protocol (tests of refusals) carry only errors, checked above.
    if (!value.ok || method === undefined || !Object.prototype.hasOwnProperty.call(requestSchemas, method)) return undefined;
    const checked = checkResponse(method as Method, value.data);
    return checked.ok ? undefined : checked.problem;
  }

  private assertWellFormed(message: ServerMessage): void {
    const problem = this.protocolProblems.get(message);
    if (problem) throw new Error(`the server sent a frame a client would drop: ${problem}`);
  }

  private waitForMessage<T extends ServerMessage>(
    from: number,
    match: (message: ServerMessage) => message is T,
    description: string,
    timeoutMs = 5_000,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const found = this.received.slice(from).find(match);
        if (found) {
          done();
          resolve(found as T);
        } else if (this.socket.readyState === WebSocket.CLOSED) {
          done();
          reject(new Error(`the socket closed while waiting for ${description}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }
}
