import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { Logger } from '../../logger';
import {
  busRequests,
  nodeMessageSchema,
  roomEventSchema,
  type BusMethod,
  type BusParams,
  type BusResult,
  type NodeEvent,
  type NodeMessage,
  type RoomEvent,
} from './busMessages';

export interface NodeBusOptions {
  url: string;
  nodeId: string;
  /** Prefix of every channel (the directory's key prefix). */
  prefix: string;
  /** A request without an answer after this long fails with TIMEOUT. */
  timeoutMs: number;
  logger: Logger;
  /** Requests of this node waiting for answers at most; more fail at once (a bounded table). */
  maxPending?: number;
}

/** Answers another node's request; a thrown ParleyError goes back with its code. */
export type BusHandler = <M extends BusMethod>(method: M, params: BusParams<M>, from: string) => Promise<BusResult<M>>;

interface Pending {
  method: BusMethod;
  resolve: (result: unknown) => void;
  reject: (error: ParleyError) => void;
  timer: NodeJS.Timeout;
}

const ERROR_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Requests and events between the nodes of a cluster over Redis pub/sub. Each node listens on its
 * own channel; a request carries an id and the asker's node id, and the answer comes back on the
 * asker's channel. A request to a node nobody listens for (its process is gone: Redis counts the
 * receivers of every publish) fails at once with UNAVAILABLE; one that is heard but not answered
 * within the timeout fails with TIMEOUT. Nothing waits forever, and the table of waiting requests
 * is bounded.
 *
 * Two connections: a subscribed Redis connection can do nothing but listen.
 */
export class NodeBus {
  private readonly pending = new Map<string, Pending>();
  private readonly roomListeners = new Map<string, (event: RoomEvent) => void>();
  private handler: BusHandler | undefined;
  private eventListener: ((event: NodeEvent, from: string) => void) | undefined;
  private closed = false;

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly options: NodeBusOptions,
  ) {
    sub.on('message', (channel: string, text: string) => this.received(channel, text));
  }

  static async create(options: NodeBusOptions): Promise<NodeBus> {
    const connect = async (): Promise<Redis> => {
      const redis = new Redis(options.url, { lazyConnect: true, connectTimeout: options.timeoutMs, maxRetriesPerRequest: 1, retryStrategy: (attempt) => Math.min(attempt * 200, 2_000) });
      redis.on('error', (error: Error) => options.logger.debug(`redis | ${error.message}`));
      try {
        await redis.connect();
      } catch (error) {
        redis.disconnect();
        throw new ParleyError(ErrorCode.Unavailable, `the cluster's Redis at ${options.url} did not answer: ${String(error)}`);
      }
      return redis;
    };
    const pub = await connect();
    const sub = await connect().catch((error: unknown) => {
      pub.disconnect();
      throw error;
    });
    const bus = new NodeBus(pub, sub, options);
    await sub.subscribe(bus.nodeChannel(options.nodeId));
    return bus;
  }

  get nodeId(): string {
    return this.options.nodeId;
  }

  /** Requests of this node still waiting for an answer (tests check that none is left behind). */
  get waiting(): number {
    return this.pending.size;
  }

  /** Who answers the requests other nodes make of this one. */
  serve(handler: BusHandler): void {
    this.handler = handler;
  }

  /** Who hears the one-way events other nodes send this one. */
  onEvent(listener: (event: NodeEvent, from: string) => void): void {
    this.eventListener = listener;
  }

  /** Asks node `nodeId`; rejects with UNAVAILABLE (gone), TIMEOUT (no answer) or the answer's own error. */
  async request<M extends BusMethod>(nodeId: string, method: M, params: BusParams<M>): Promise<BusResult<M>> {
    if (this.closed) throw new ParleyError(ErrorCode.Unavailable, 'this node is leaving the cluster');
    if (this.pending.size >= (this.options.maxPending ?? 10_000)) {
      throw new ParleyError(ErrorCode.Unavailable, `${this.pending.size} requests to other nodes are already waiting; try again`);
    }
    const id = randomUUID();
    const answer = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ParleyError(ErrorCode.Timeout, `node ${nodeId} did not answer ${method} within ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      this.pending.set(id, { method, resolve, reject, timer });
    });
    // Settled by whoever comes first: the answer, the timeout, or the publish failing below.
    answer.catch(() => undefined);
    let receivers: number;
    try {
      receivers = await this.pub.publish(this.nodeChannel(nodeId), JSON.stringify({ kind: 'request', id, from: this.nodeId, method, params } satisfies NodeMessage));
    } catch (error) {
      this.settle(id, new ParleyError(ErrorCode.Unavailable, `the cluster's Redis did not take the request to node ${nodeId}: ${String(error)}`));
      return answer as Promise<BusResult<M>>;
    }
    if (receivers === 0) this.settle(id, new ParleyError(ErrorCode.Unavailable, `node ${nodeId} is not in the cluster (nobody listens on its channel): it stopped or was cut off`));
    return answer as Promise<BusResult<M>>;
  }

  /** Tells node `nodeId` a fact, without an answer; a failure is logged, not thrown. */
  send(nodeId: string, data: NodeEvent): void {
    this.publish(this.nodeChannel(nodeId), { kind: 'event', from: this.nodeId, data } satisfies NodeMessage, `send(${data.event}) to ${nodeId}`);
  }

  /** Hears the events of room `roomId` from the other nodes until the returned function is called. */
  async joinRoom(roomId: string, listener: (event: RoomEvent) => void): Promise<() => void> {
    const channel = this.roomChannel(roomId);
    this.roomListeners.set(channel, listener);
    await this.sub.subscribe(channel);
    return () => {
      if (this.roomListeners.get(channel) !== listener) return;
      this.roomListeners.delete(channel);
      if (!this.closed) this.sub.unsubscribe(channel).catch((error: unknown) => this.options.logger.debug(`leaveRoom() | ${String(error)}`));
    };
  }

  /** Tells the other nodes of room `roomId` a fact about this node's part of it. */
  publishRoom(roomId: string, event: RoomEvent): void {
    this.publish(this.roomChannel(roomId), event, `publishRoom(${event.event})`);
  }

  /** Fails every waiting request and lets go of both connections. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const id of [...this.pending.keys()]) this.settle(id, new ParleyError(ErrorCode.Unavailable, 'this node is leaving the cluster'));
    this.roomListeners.clear();
    await Promise.all([this.pub, this.sub].map((redis) => redis.quit().catch(() => redis.disconnect())));
  }

  private nodeChannel(nodeId: string): string {
    return `${this.options.prefix}node:${nodeId}`;
  }

  private roomChannel(roomId: string): string {
    return `${this.options.prefix}room:${roomId}`;
  }

  private publish(channel: string, message: object, what: string): void {
    if (this.closed) return;
    this.pub.publish(channel, JSON.stringify(message)).catch((error: unknown) => this.options.logger.warn(`${what} | not delivered: ${String(error)}`));
  }

  private settle(id: string, error: ParleyError | null, result?: unknown): void {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else pending.resolve(result);
  }

  private received(channel: string, text: string): void {
    const listener = this.roomListeners.get(channel);
    if (listener) {
      const event = parseJson(text, roomEventSchema);
      if (!event) this.options.logger.warn(`room message on ${channel} dropped: not a room event`);
      else if (event.from !== this.nodeId) listener(event);
      return;
    }
    const message = parseJson(text, nodeMessageSchema);
    if (!message) {
      this.options.logger.warn(`message dropped: not a node message (${text.slice(0, 100)})`);
      return;
    }
    switch (message.kind) {
      case 'request':
        void this.answer(message);
        return;
      case 'response': {
        const pending = this.pending.get(message.id);
        if (!pending) return; // Timed out already.
        if (!message.ok) {
          this.settle(message.id, new ParleyError(ERROR_CODES.has(message.code) ? (message.code as ErrorCode) : ErrorCode.Internal, message.message));
          return;
        }
        const result = busRequests[pending.method].result.safeParse(message.result);
        if (result.success) this.settle(message.id, null, result.data);
        else this.settle(message.id, new ParleyError(ErrorCode.Internal, `the answer to ${pending.method} did not match the protocol: ${result.error.message}`));
        return;
      }
      case 'event':
        this.eventListener?.(message.data, message.from);
        return;
    }
  }

  private async answer(request: Extract<NodeMessage, { kind: 'request' }>): Promise<void> {
    const reply = (body: { ok: true; result: unknown } | { ok: false; code: string; message: string }): void =>
      this.publish(this.nodeChannel(request.from), { kind: 'response', id: request.id, ...body }, `answer(${request.method})`);
    const method = request.method as BusMethod;
    const schema = Object.hasOwn(busRequests, method) ? busRequests[method] : undefined;
    if (!schema) return reply({ ok: false, code: ErrorCode.UnknownMethod, message: `${request.method} is not a request between nodes` });
    const params = schema.params.safeParse(request.params);
    if (!params.success) return reply({ ok: false, code: ErrorCode.BadRequest, message: `${request.method}: ${params.error.message}` });
    if (!this.handler) return reply({ ok: false, code: ErrorCode.Unavailable, message: `node ${this.nodeId} is not ready` });
    try {
      reply({ ok: true, result: await this.handler(method, params.data as never, request.from) });
    } catch (error) {
      const coded = error instanceof ParleyError ? error : new ParleyError(ErrorCode.Internal, String(error));
      reply({ ok: false, code: coded.code, message: coded.message });
    }
  }
}

function parseJson<T>(text: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}
