import type { Consumer, PipeTransport, Router } from 'mediasoup/node/lib/types';
import { EventEmitter } from 'node:events';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { ProducerId } from '../../../../src-common/ids';
import type { Logger } from '../../logger';
import type { BusParams, BusResult, PipeEndpoint } from '../bus/busMessages';
import type { NodeBus } from '../bus/NodeBus';
import { createNodePipeTransport, type PipeListen } from './pipeTransport';

interface Pair {
  readonly transport: PipeTransport;
  /** The node at the other end, which asked for the pipe. */
  readonly nodeId: string;
  readonly consumers: Map<ProducerId, Consumer>;
}

interface PipeOriginEvents {
  /**
   * A producer of this node is watched on another node (`watched`) or no longer through one pipe:
   * the room's dynacast counts the far side as a viewer of every layer (the pipe carries them all).
   */
  remoteUse: [producerId: ProducerId, useId: string, watched: boolean];
}

/** Pipes at most; a request for one more is refused with UNAVAILABLE. */
const MAX_PAIRS = 1_000;

/**
 * The origin side of the pipes between nodes: another node whose people consume a producer held
 * here asks (over the bus) for a pipe transport on that producer's router, then for a pipe
 * consumer of the producer on it. This side follows the producer: its pause, resume and close
 * are sent to the asker, which makes its pipe producer follow. Key-frame requests need no message:
 * they arrive as RTCP over the pipe and the pipe consumer asks the publisher.
 */
export class PipeOrigin extends EventEmitter<PipeOriginEvents> {
  private readonly pairs = new Map<string, Pair>();
  private closed = false;

  constructor(
    private readonly bus: NodeBus,
    private readonly listen: PipeListen,
    /** The router `routerId` of room `roomId` on this node, if it has it. */
    private readonly findRouter: (roomId: string, routerId: string) => Router | undefined,
    private readonly logger: Logger,
  ) {
    super();
  }

  /** Open pipe transports and the pipe consumers on them, for stats and leak checks. */
  get size(): { pairs: number; consumers: number } {
    let consumers = 0;
    for (const pair of this.pairs.values()) consumers += pair.consumers.size;
    return { pairs: this.pairs.size, consumers };
  }

  async openPipe(params: BusParams<'openPipe'>, from: string): Promise<PipeEndpoint> {
    if (this.closed) throw new ParleyError(ErrorCode.Unavailable, 'this node is leaving the cluster');
    if (this.pairs.has(params.pairId)) throw new ParleyError(ErrorCode.BadRequest, `pipe ${params.pairId} is already open`);
    if (this.pairs.size >= MAX_PAIRS) throw new ParleyError(ErrorCode.Unavailable, `this node already has ${MAX_PAIRS} pipes to other nodes`);
    const router = this.findRouter(params.roomId, params.routerId);
    if (!router) throw new ParleyError(ErrorCode.NotFound, `room ${params.roomId} has no router ${params.routerId} on this node`);
    const transport = await createNodePipeTransport(router, this.listen);
    try {
      await transport.connect({ ip: params.endpoint.ip, port: params.endpoint.port, srtpParameters: params.endpoint.srtpParameters });
    } catch (error) {
      transport.close();
      throw new ParleyError(ErrorCode.MediaRejected, `could not connect the pipe to ${params.endpoint.ip}:${params.endpoint.port}: ${String(error)}`);
    }
    const pair: Pair = { transport, nodeId: from, consumers: new Map() };
    this.pairs.set(params.pairId, pair);
    transport.observer.once('close', () => {
      if (this.pairs.get(params.pairId) !== pair) return;
      this.pairs.delete(params.pairId);
      this.forgetUses(params.pairId, pair);
      // Our router went (the room ended here, or its worker died): the asker closes its end.
      if (!this.closed) this.bus.send(pair.nodeId, { event: 'pipeClosed', pairId: params.pairId });
    });
    this.logger.debug(`openPipe() | ${params.pairId} from router ${router.id} to node ${from}`);
    return { ip: this.listen.announcedIp, port: transport.tuple.localPort, srtpParameters: transport.srtpParameters! };
  }

  async pipeConsume(params: BusParams<'pipeConsume'>, from: string): Promise<BusResult<'pipeConsume'>> {
    const pair = this.pairOf(params.pairId, from);
    if (pair.consumers.has(params.producerId)) throw new ParleyError(ErrorCode.BadRequest, `producer ${params.producerId} is already piped over ${params.pairId}`);
    let consumer: Consumer;
    try {
      consumer = await pair.transport.consume({ producerId: params.producerId });
    } catch (error) {
      throw new ParleyError(ErrorCode.NotFound, `producer ${params.producerId} is not on this pipe's router: ${String(error)}`);
    }
    pair.consumers.set(params.producerId, consumer);
    const state = (value: 'paused' | 'resumed' | 'closed'): void => this.bus.send(pair.nodeId, { event: 'pipeProducer', pairId: params.pairId, producerId: params.producerId, state: value });
    consumer.on('producerpause', () => state('paused'));
    consumer.on('producerresume', () => state('resumed'));
    consumer.observer.once('close', () => {
      if (pair.consumers.get(params.producerId) === consumer) pair.consumers.delete(params.producerId);
      this.emit('remoteUse', params.producerId, `${params.pairId} ${params.producerId}`, false);
    });
    // The original closed: the far side's pipe producer must close too (a transport closing says so by itself).
    consumer.on('producerclose', () => state('closed'));
    if (consumer.kind === 'video') this.emit('remoteUse', params.producerId, `${params.pairId} ${params.producerId}`, true);
    return { kind: consumer.kind, rtpParameters: consumer.rtpParameters, paused: consumer.producerPaused };
  }

  async closePipeConsumer(params: BusParams<'closePipeConsumer'>, from: string): Promise<BusResult<'closePipeConsumer'>> {
    this.pairOf(params.pairId, from).consumers.get(params.producerId)?.close();
    return {};
  }

  async closePipe(params: BusParams<'closePipe'>, from: string): Promise<BusResult<'closePipe'>> {
    const pair = this.pairs.get(params.pairId);
    if (pair && pair.nodeId === from) this.drop(params.pairId, pair);
    return {};
  }

  /** Node `nodeId` is gone: every pipe to it closes, and with them its pipe consumers. */
  nodeGone(nodeId: string): void {
    for (const [pairId, pair] of this.pairs) if (pair.nodeId === nodeId) this.drop(pairId, pair);
  }

  /** Closes every pipe (the node is leaving). Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const [pairId, pair] of this.pairs) this.drop(pairId, pair);
    this.removeAllListeners();
  }

  private pairOf(pairId: string, from: string): Pair {
    const pair = this.pairs.get(pairId);
    if (!pair || pair.nodeId !== from) throw new ParleyError(ErrorCode.NotFound, `there is no pipe ${pairId} from node ${from} here (closed, or its router went)`);
    return pair;
  }

  private drop(pairId: string, pair: Pair): void {
    this.pairs.delete(pairId);
    this.forgetUses(pairId, pair);
    pair.transport.close();
  }

  private forgetUses(pairId: string, pair: Pair): void {
    for (const consumer of pair.consumers.values()) consumer.close();
    pair.consumers.clear();
    this.logger.debug(`pipe ${pairId} to node ${pair.nodeId} closed`);
  }
}
