import type { Router } from 'mediasoup/node/lib/types';
import { EventEmitter } from 'node:events';
import { assertUnreachable } from '../../../src-common/errors';
import type { ClusterConfig } from '../config';
import type { Logger } from '../logger';
import { NodeBus } from './bus/NodeBus';
import type { Directory } from './directory/Directory';
import type { WorkerInfo } from './directory/records';
import { RedisDirectory } from './directory/RedisDirectory';
import { PipeOrigin } from './nodePipes/PipeOrigin';
import { RemotePipes } from './nodePipes/RemotePipes';

export interface ClusterNodeOptions {
  config: ClusterConfig;
  /** The address the server binds (pipe transports listen there). */
  host: string;
  logger: Logger;
  /** The router `routerId` of room `roomId` in this process, if it has it (for other nodes' pipes). */
  findRouter: (roomId: string, routerId: string) => Router | undefined;
  /** This node's workers and their load, sent with every heartbeat. */
  workers: () => WorkerInfo[];
}

interface ClusterNodeEvents {
  /** A node stopped sending heartbeats (killed, cut off) or left: its part of every meeting is gone. */
  nodeGone: [nodeId: string];
}

/**
 * This server as one node of a cluster: registered in the directory (Redis) with a heartbeat,
 * answering other nodes' pipe requests (PipeOrigin) and piping their producers here when local
 * consumers need them (RemotePipes). It notices a node whose heartbeat lapsed and closes every
 * pipe to it, so nothing waits on a dead process.
 */
export class ClusterNode extends EventEmitter<ClusterNodeEvents> {
  readonly origin: PipeOrigin;
  readonly remote: RemotePipes;
  private readonly timer: NodeJS.Timeout;
  /** The nodes alive at the last heartbeat (this one included). */
  private known = new Set<string>();
  private beating: Promise<void> | undefined;
  private closed = false;

  private constructor(
    readonly directory: Directory,
    readonly bus: NodeBus,
    private readonly options: ClusterNodeOptions,
  ) {
    super();
    // Every room of this node listens (RoomSpan): as many listeners as rooms, bounded by guards.maxRooms.
    this.setMaxListeners(0);
    const listen = { ip: options.host, announcedIp: options.config.pipeAddress };
    this.origin = new PipeOrigin(bus, listen, options.findRouter, options.logger.child('pipes'));
    this.origin.setMaxListeners(0);
    this.remote = new RemotePipes(bus, listen, options.logger.child('pipes'));
    bus.serve(async (method, params, from) => {
      switch (method) {
        case 'openPipe':
          return this.origin.openPipe(params as never, from) as never;
        case 'pipeConsume':
          return this.origin.pipeConsume(params as never, from) as never;
        case 'closePipeConsumer':
          return this.origin.closePipeConsumer(params as never, from) as never;
        case 'closePipe':
          return this.origin.closePipe(params as never, from) as never;
        default:
          return assertUnreachable(method);
      }
    });
    bus.onEvent((event, from) => this.remote.event(event, from));
    this.timer = setInterval(() => void this.heartbeat(), options.config.heartbeatMs);
    this.timer.unref();
  }

  /** Connects to the cluster's Redis and registers this node; UNAVAILABLE when Redis does not answer. */
  static async create(options: ClusterNodeOptions): Promise<ClusterNode> {
    const { config, logger } = options;
    const directory = await RedisDirectory.create({ url: config.redisUrl, prefix: config.prefix, timeoutMs: config.requestTimeoutMs });
    let bus: NodeBus;
    try {
      bus = await NodeBus.create({ url: config.redisUrl, nodeId: config.nodeId, prefix: config.prefix, timeoutMs: config.requestTimeoutMs, logger: logger.child('bus') });
    } catch (error) {
      await directory.close();
      throw error;
    }
    const node = new ClusterNode(directory, bus, options);
    await node.heartbeat();
    logger.info(`create() | node ${config.nodeId} joined the cluster at ${config.redisUrl} (pipes to ${config.pipeAddress})`);
    return node;
  }

  get nodeId(): string {
    return this.options.config.nodeId;
  }

  /** Registers this node again and looks for nodes that went. Errors are logged: Redis may be away a moment. */
  heartbeat(): Promise<void> {
    this.beating ??= this.beat().finally(() => {
      this.beating = undefined;
    });
    return this.beating;
  }

  /** Leaves the cluster at once (no heartbeat to lapse), closing every pipe. Safe to call twice. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.beating;
    this.remote.close();
    this.origin.close();
    await this.directory.removeNode(this.nodeId).catch((error: unknown) => this.options.logger.warn(`close() | could not leave the directory: ${String(error)}`));
    await this.bus.close();
    await this.directory.close();
    this.removeAllListeners();
  }

  private async beat(): Promise<void> {
    if (this.closed) return;
    try {
      const { config } = this.options;
      await this.directory.heartbeat({ nodeId: config.nodeId, pipeAddress: config.pipeAddress, workers: this.options.workers(), state: 'serving' }, config.nodeTtlMs);
      const alive = new Set((await this.directory.nodes()).map((node) => node.nodeId));
      for (const nodeId of this.known) {
        if (alive.has(nodeId) || this.closed) continue;
        this.options.logger.warn(`heartbeat() | node ${nodeId} is gone (no heartbeat for ${config.nodeTtlMs} ms); closing its pipes`);
        this.remote.nodeGone(nodeId);
        this.origin.nodeGone(nodeId);
        this.emit('nodeGone', nodeId);
      }
      this.known = alive;
    } catch (error) {
      this.options.logger.warn(`heartbeat() | ${String(error)}`);
    }
  }
}

