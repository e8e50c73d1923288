import type { PipeTransport, Producer, Router } from 'mediasoup/node/lib/types';
import { randomUUID } from 'node:crypto';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { ProducerId } from '../../../../src-common/ids';
import type { Logger } from '../../logger';
import type { NodeEvent } from '../bus/busMessages';
import type { NodeBus } from '../bus/NodeBus';
import { countedUse } from '../countedUse';
import type { PipeLease } from '../ProducerPipes';
import { createNodePipeTransport, type PipeListen } from './pipeTransport';

/** Where a producer held by another node starts: its node and the router its publisher sends to. */
export interface RemoteOrigin {
  roomId: string;
  nodeId: string;
  routerId: string;
}

interface Pair {
  readonly id: string;
  readonly nodeId: string;
  /** One pipe transport pair per (origin router, local router), shared by all producers piped over it. */
  ready: Promise<PipeTransport>;
  transport: PipeTransport | undefined;
  /** Producers piped over it, and ones on their way. */
  uses: number;
}

interface Pipe {
  uses: number;
  ready: Promise<Producer>;
  producer: Producer | undefined;
  pair: Pair;
  released: boolean;
}

/**
 * The asking side of the pipes between nodes: a consumer here needs a producer held by another
 * node, so that producer is piped into the consumer's router, over a pipe transport pair opened
 * on demand (this side creates its end, the origin answers with its own, SRTP keys exchanged over
 * the bus). Like ProducerPipes inside one process: at most one pipe producer per (producer,
 * router), every use counted, the last one closes it, and a pair closes with its last producer.
 * The pipe producer follows the original as the origin reports it (pause, resume, close).
 */
export class RemotePipes {
  private readonly pairs = new Map<string, Pair>();
  private readonly pairsById = new Map<string, Pair>();
  private readonly pipes = new Map<string, Pipe>();
  private closed = false;

  constructor(
    private readonly bus: NodeBus,
    private readonly listen: PipeListen,
    private readonly logger: Logger,
  ) {}

  /** Pipe transports and pipe producers this side holds, for stats and leak checks. */
  get size(): { pairs: number; producers: number } {
    return { pairs: this.pairs.size, producers: this.pipes.size };
  }

  /** A use of `producerId` (held by `origin`) in the local router `target`, piped now if none is there yet. */
  async acquire(producerId: ProducerId, origin: RemoteOrigin, target: Router): Promise<PipeLease> {
    if (this.closed) throw new ParleyError(ErrorCode.Unavailable, 'this node is leaving the cluster');
    const id = `${producerId} ${target.id}`;
    let pipe = this.pipes.get(id);
    if (!pipe) {
      const pair = this.pairFor(origin, target);
      const created: Pipe = { uses: 0, ready: Promise.resolve(undefined as never), producer: undefined, pair, released: false };
      pair.uses++;
      created.ready = this.open(id, created, producerId);
      pipe = created;
      this.pipes.set(id, pipe);
    }
    const current = pipe;
    const { value, release } = await countedUse(current, current.ready, () => this.unref(id, current));
    return { producer: value, release };
  }

  /** What another node told this one about a pipe. */
  event(event: NodeEvent, from: string): void {
    const pair = this.pairsById.get(event.pairId);
    if (!pair || pair.nodeId !== from) return;
    switch (event.event) {
      case 'pipeClosed':
        this.dropPair(pair, false);
        return;
      case 'pipeProducer': {
        const producer = [...this.pipes.values()].find((pipe) => pipe.pair === pair && pipe.producer?.id === event.producerId)?.producer;
        if (!producer || producer.closed) return;
        const done = event.state === 'closed' ? Promise.resolve(producer.close()) : event.state === 'paused' ? producer.pause() : producer.resume();
        done.catch((error: unknown) => this.logger.debug(`event() | ${event.state} of ${event.producerId}: ${String(error)}`));
        return;
      }
    }
  }

  /** Node `nodeId` is gone: its pipes close, and with them every consumer of its producers here. */
  nodeGone(nodeId: string): void {
    for (const pair of [...this.pairs.values()]) if (pair.nodeId === nodeId) this.dropPair(pair, false);
  }

  /** Closes every pipe (the node is leaving), telling the origins. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const pair of [...this.pairs.values()]) this.dropPair(pair, true);
  }

  private pairFor(origin: RemoteOrigin, target: Router): Pair {
    const key = `${origin.nodeId} ${origin.routerId} ${target.id}`;
    const existing = this.pairs.get(key);
    if (existing) return existing;
    const pair: Pair = { id: randomUUID(), nodeId: origin.nodeId, ready: Promise.resolve(undefined as never), transport: undefined, uses: 0 };
    pair.ready = this.openPair(key, pair, origin, target);
    // Failed pairs are forgotten at once, so the next use tries afresh.
    pair.ready.catch(() => this.forgetPair(key, pair));
    this.pairs.set(key, pair);
    this.pairsById.set(pair.id, pair);
    return pair;
  }

  private async openPair(key: string, pair: Pair, origin: RemoteOrigin, target: Router): Promise<PipeTransport> {
    const transport = await createNodePipeTransport(target, this.listen);
    pair.transport = transport;
    transport.observer.once('close', () => {
      // Our router went (the room ended here, or its worker died): the origin closes its end.
      if (this.pairs.get(key) === pair) this.dropPair(pair, true);
    });
    try {
      const answer = await this.bus.request(origin.nodeId, 'openPipe', {
        roomId: origin.roomId,
        routerId: origin.routerId,
        pairId: pair.id,
        endpoint: { ip: this.listen.announcedIp, port: transport.tuple.localPort, srtpParameters: transport.srtpParameters! },
      });
      await transport.connect({ ip: answer.ip, port: answer.port, srtpParameters: answer.srtpParameters });
      if (transport.closed) throw new ParleyError(ErrorCode.Unavailable, `the pipe to node ${origin.nodeId} closed while it was opened`);
      this.logger.debug(`openPair() | ${pair.id}: router ${origin.routerId} on ${origin.nodeId} to ${target.id}`);
      return transport;
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  private async open(id: string, pipe: Pipe, producerId: ProducerId): Promise<Producer> {
    try {
      const transport = await pipe.pair.ready;
      const answer = await this.bus.request(pipe.pair.nodeId, 'pipeConsume', { pairId: pipe.pair.id, producerId });
      let producer: Producer;
      try {
        producer = await transport.produce({ id: producerId, kind: answer.kind, rtpParameters: answer.rtpParameters, paused: answer.paused });
      } catch (error) {
        this.tellOrigin(pipe.pair, 'closePipeConsumer', producerId);
        throw new ParleyError(ErrorCode.MediaRejected, `could not make the pipe producer of ${producerId}: ${String(error)}`);
      }
      pipe.producer = producer;
      producer.observer.once('close', () => this.forget(id, pipe));
      if (pipe.released) this.drop(pipe);
      if (producer.closed) throw new ParleyError(ErrorCode.NotFound, `producer ${producerId} closed while it was piped`);
      return producer;
    } catch (error) {
      this.forget(id, pipe);
      throw error;
    }
  }

  private unref(id: string, pipe: Pipe): void {
    if (pipe.uses > 0) return;
    this.forget(id, pipe);
    this.drop(pipe);
  }

  /** The pipe leaves the table (once): its pair counts one producer fewer. */
  private forget(id: string, pipe: Pipe): void {
    if (this.pipes.get(id) !== pipe) return;
    this.pipes.delete(id);
    this.pairDone(pipe.pair);
  }

  /** The last use of a pipe producer went: it closes here and its pipe consumer at the origin. */
  private drop(pipe: Pipe): void {
    pipe.released = true;
    const producer = pipe.producer;
    if (!producer || producer.closed) return;
    producer.close();
    this.tellOrigin(pipe.pair, 'closePipeConsumer', producer.id as ProducerId);
  }

  /** One producer fewer over `pair`; the pair closes with its last one. */
  private pairDone(pair: Pair): void {
    pair.uses = Math.max(0, pair.uses - 1);
    if (pair.uses === 0) this.dropPair(pair, true);
  }

  private dropPair(pair: Pair, tellOrigin: boolean): void {
    const key = [...this.pairs].find(([, value]) => value === pair)?.[0];
    if (key === undefined) return;
    this.forgetPair(key, pair);
    if (tellOrigin && !this.closedOrigin(pair)) {
      this.bus.request(pair.nodeId, 'closePipe', { pairId: pair.id }).catch((error: unknown) => this.logger.debug(`closePipe | ${pair.id}: ${String(error)}`));
    }
    pair.transport?.close();
  }

  private forgetPair(key: string, pair: Pair): void {
    if (this.pairs.get(key) === pair) this.pairs.delete(key);
    if (this.pairsById.get(pair.id) === pair) this.pairsById.delete(pair.id);
  }

  /** No transport yet: the origin never opened its end, there is nothing to close there. */
  private closedOrigin(pair: Pair): boolean {
    return pair.transport === undefined;
  }

  private tellOrigin(pair: Pair, method: 'closePipeConsumer', producerId: ProducerId): void {
    if (!this.pairsById.has(pair.id)) return; // The whole pair went; the origin closes its consumers with it.
    this.bus.request(pair.nodeId, method, { pairId: pair.id, producerId }).catch((error: unknown) => this.logger.debug(`${method} | ${producerId}: ${String(error)}`));
  }
}
