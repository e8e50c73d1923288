import type { Producer, Router, RtpCapabilities } from 'mediasoup/node/lib/types';
import { EventEmitter } from 'node:events';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
import type { ConsumerId, PeerId, ProducerId } from '../../../src-common/ids';
import type { ConsumerOptions } from '../../../src-common/protocol';
import { notFound } from '../errors';
import type { Logger } from '../logger';
import { SpeakerDetection } from '../media/SpeakerDetection';
import type { WorkerSlot } from '../media/WorkerPool';
import type { Peer } from '../Peer';
import type { PipeLease } from './ProducerPipes';
import type { RemoteOrigin, RemotePipes } from './nodePipes/RemotePipes';
import type { RoomPlacer } from './RoomPlacer';
import { RoomRouters, type RouterLease } from './RoomRouters';

interface RoomMediaEvents {
  /** These peers' router went with its worker: their transports are gone. */
  peersLost: [peers: Peer[]];
}

export interface RoomMediaOptions {
  /** The worker of the home router: the room's first router, which carries its speaker observers. */
  home: WorkerSlot;
  /** Where each newcomer's media goes; without it everyone shares the home router. */
  placer?: RoomPlacer;
  /** Pipes from other nodes of a cluster, for producers of people whose media is there. */
  remote?: RemotePipes;
  logger: Logger;
}

/**
 * The media side of one room across the workers of this process: which router each peer uses,
 * the pipes behind consumers whose producer arrives on another router, and the speaker observers
 * on the home router, which hear every voice of the room.
 */
export class RoomMedia extends EventEmitter<RoomMediaEvents> {
  private readonly leases = new Map<Peer, RouterLease>();
  /** The producer uses behind consumers (pipes into the consumer's router, when it is not the producer's). */
  private readonly consumerPipes = new Map<ConsumerId, PipeLease>();
  /** Voices from other routers piped into the home router for its speaker observers, by owner. */
  private readonly hubPipes = new Map<ProducerId, { owner: Peer; pipe: PipeLease }>();
  private closed = false;

  private constructor(
    private readonly routers: RoomRouters,
    readonly speakers: SpeakerDetection,
    private readonly options: RoomMediaOptions,
  ) {
    super();
    routers.on('routerLost', (router) => this.emit('peersLost', this.peersOn(router)));
  }

  static async create(options: RoomMediaOptions): Promise<RoomMedia> {
    const routers = await RoomRouters.create({ home: options.home, nodeId: 'local', logger: options.logger });
    try {
      return new RoomMedia(routers, await SpeakerDetection.create(routers.home, options.logger), options);
    } catch (error) {
      routers.close();
      throw error;
    }
  }

  /** The home router: the room ends when it goes. */
  get home(): Router {
    return this.routers.home;
  }

  /** Every router of the room is made with the same codecs, so the home router speaks for all. */
  get rtpCapabilities(): RtpCapabilities {
    return this.routers.home.rtpCapabilities;
  }

  /** A router for a newcomer (`roomPeers` are already in), chosen by the placer. */
  async place(roomPeers: number): Promise<RouterLease> {
    const slot = this.options.placer?.pick(this.routers.loads(), roomPeers) ?? this.options.home;
    return this.routers.lease(slot).catch((error: unknown) => {
      throw new ParleyError(ErrorCode.Internal, `no router for you on worker ${slot.index}; join again (${String(error)})`);
    });
  }

  /** `peer` now uses `lease`, until `leave(peer)`. */
  attach(peer: Peer, lease: RouterLease): void {
    this.leases.set(peer, lease);
  }

  /** `peer` is gone: its router and the home router's copies of its voices are released. */
  leave(peer: Peer): void {
    // A closing peer does not report its producers closing one by one (see Peer.close).
    for (const [producerId, { owner }] of this.hubPipes) if (owner === peer) this.producerClosed(producerId);
    this.leases.get(peer)?.release();
    this.leases.delete(peer);
  }

  /** Whether one of the room's routers runs on `slot`. */
  uses(slot: WorkerSlot): boolean {
    return this.routers.uses(slot);
  }

  /** Consumers of this room's peers per worker slot, for placement. */
  consumersBySlot(): Map<WorkerSlot, number> {
    const counts = new Map<WorkerSlot, number>();
    for (const [peer, lease] of this.leases) counts.set(lease.slot, (counts.get(lease.slot) ?? 0) + peer.counts.consumers);
    return counts;
  }

  /** The room's routers (worker index and peers on each) and live pipes, for stats and leak checks. */
  snapshot(): { routers: Array<{ routerId: string; workerIndex: number; peers: number }>; pipes: number } {
    const leases = [...this.leases.values()];
    return {
      routers: this.routers.routers().map((router) => ({
        routerId: router.id,
        workerIndex: (router === this.home ? this.options.home : leases.find((lease) => lease.router === router)?.slot)?.index ?? -1,
        peers: leases.filter((lease) => lease.router === router).length,
      })),
      pipes: this.routers.pipes.size,
    };
  }

  /** `peer` consumes `producer` of `owner`, piped into `peer`'s router first when it arrives on another. */
  async consume(peer: Peer, owner: Peer, producer: Producer): Promise<ConsumerOptions> {
    const origin = this.leases.get(owner)?.router;
    const target = this.leases.get(peer)?.router;
    if (!origin || !target) throw notFound('producer of another peer', producer.id);
    if (!origin.canConsume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities })) {
      throw new ParleyError(ErrorCode.MediaRejected, 'your device cannot receive this producer\'s codec');
    }
    const pipe = await this.routers.pipes.acquire(producer, origin, target).catch((error: unknown) => {
      if (producer.closed) throw notFound('producer of another peer', producer.id);
      throw new ParleyError(ErrorCode.Internal, `could not bring this producer to your router: ${String(error)}`);
    });
    try {
      const options = await peer.consume(pipe.producer, owner.id);
      this.consumerPipes.set(options.consumerId, pipe);
      return options;
    } catch (error) {
      pipe.release();
      throw error;
    }
  }

  /**
   * `peer` consumes a producer of someone on another node (`origin`): piped from that node into
   * `peer`'s router (SRTP, RTX) unless something here already consumes it.
   */
  async consumeRemote(peer: Peer, ownerId: PeerId, producerId: ProducerId, origin: RemoteOrigin): Promise<ConsumerOptions> {
    const target = this.leases.get(peer)?.router;
    if (!target || !this.options.remote) throw notFound('producer of another peer', producerId);
    const pipe = await this.options.remote.acquire(producerId, origin, target).catch((error: unknown) => {
      if (error instanceof ParleyError && error.code === ErrorCode.NotFound) throw notFound('producer of another peer', producerId);
      throw new ParleyError(ErrorCode.Unavailable, `could not bring this producer from node ${origin.nodeId}: ${error instanceof Error ? error.message : String(error)}`);
    });
    try {
      if (!target.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities })) {
        throw new ParleyError(ErrorCode.MediaRejected, 'your device cannot receive this producer\'s codec');
      }
      const options = await peer.consume(pipe.producer, ownerId);
      this.consumerPipes.set(options.consumerId, pipe);
      return options;
    } catch (error) {
      pipe.release();
      throw error;
    }
  }

  /** The room's router `routerId` in this process, for another node that pipes from it. */
  routerById(routerId: string): Router | undefined {
    return this.routers.routers().find((router) => router.id === routerId);
  }

  /** The router `peer`'s media uses. */
  routerOf(peer: Peer): Router | undefined {
    return this.leases.get(peer)?.router;
  }

  /** A consumer is gone: its use of a pipe ends. */
  consumerGone(consumerId: ConsumerId): void {
    this.consumerPipes.get(consumerId)?.release();
    this.consumerPipes.delete(consumerId);
  }

  /**
   * The home router's observers hear every voice of the room: a microphone that arrives on another
   * router is piped home (audio is cheap: a worker carries about 1,500 audio consumers) for as long
   * as it lives. One pair of observers over all voices picks one dominant speaker; per-router
   * observers would each pick their own, with no common level to compare them by.
   */
  audioAdded(owner: Peer, producerId: ProducerId): void {
    const producer = owner.findProducer(producerId);
    const origin = this.leases.get(owner)?.router;
    if (!producer || !origin) return;
    if (origin === this.home) {
      this.speakers.add(producerId);
      return;
    }
    this.routers.pipes.acquire(producer, origin, this.home).then(
      (pipe) => {
        if (producer.closed || this.closed || !this.leases.has(owner)) {
          pipe.release();
          return;
        }
        this.hubPipes.set(producerId, { owner, pipe });
        this.speakers.add(producerId);
      },
      (error: unknown) => this.options.logger.warn(`audioAdded() | ${producerId} is not heard by the speaker observers: ${String(error)}`),
    );
  }

  producerClosed(producerId: ProducerId): void {
    this.hubPipes.get(producerId)?.pipe.release();
    this.hubPipes.delete(producerId);
  }

  /** Closes the observers, the pipes and every router. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.speakers.close();
    // Pipes from other nodes are told goodbye one by one; the routers' closing would only drop them.
    for (const pipe of this.consumerPipes.values()) pipe.release();
    this.routers.close();
    this.leases.clear();
    this.consumerPipes.clear();
    this.hubPipes.clear();
    this.removeAllListeners();
  }

  private peersOn(router: Router): Peer[] {
    return [...this.leases].flatMap(([peer, lease]) => (lease.router === router ? [peer] : []));
  }
}
