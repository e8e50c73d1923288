import type { Router, RtpCapabilities } from 'mediasoup/node/lib/types';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { PeerId, ProducerId, RoomId } from '../../src-common/ids';
import type { ConsumerOptions, NotificationData, NotificationMethod, PeerInfo } from '../../src-common/protocol';
import type { ServerConfig } from './config';
import { notFound } from './errors';
import type { Logger } from './logger';
import { mediaCodecs } from './media/codecs';
import type { WorkerSlot } from './media/WorkerPool';
import { Peer } from './Peer';

interface RoomEvents {
  /** Emitted once, after every peer and the router are closed. */
  closed: [];
}

export interface RoomOptions {
  id: RoomId;
  slot: WorkerSlot;
  config: Pick<ServerConfig, 'emptyRoomTimeoutMs' | 'limits'>;
  logger: Logger;
}

export interface JoinRequest {
  displayName: string;
  rtpCapabilities: RtpCapabilities;
}

/**
 * A meeting: one router on one worker, and its peers. Peers tell the room what they did; the room
 * decides who is told and who may consume what.
 */
export class Room extends EventEmitter<RoomEvents> {
  readonly id: RoomId;
  readonly slot: WorkerSlot;
  private readonly router: Router;
  private readonly peers = new Map<PeerId, Peer>();
  private readonly config: RoomOptions['config'];
  private readonly logger: Logger;
  private emptyTimer: NodeJS.Timeout | undefined;
  private closedFlag = false;

  private constructor(options: RoomOptions, router: Router) {
    super();
    this.id = options.id;
    this.slot = options.slot;
    this.router = router;
    this.config = options.config;
    this.logger = options.logger;
    router.observer.once('close', () => this.close());
    this.armEmptyTimer();
  }

  static async create(options: RoomOptions): Promise<Room> {
    const router = await options.slot.worker.createRouter({ mediaCodecs });
    options.logger.info(`create() | on worker ${options.slot.index}`);
    return new Room(options, router);
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get rtpCapabilities(): RtpCapabilities {
    return this.router.rtpCapabilities;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** A snapshot of who is here and what they own, for stats endpoints and leak checks in tests. */
  snapshot(): { peers: Array<PeerInfo & { counts: Peer['counts'] }> } {
    return { peers: [...this.peers.values()].map((peer) => ({ ...peer.info(), counts: peer.counts })) };
  }

  /** Adds a participant and tells everyone else; returns the new peer and who was already here. */
  join(request: JoinRequest): { peer: Peer; others: PeerInfo[] } {
    if (this.closedFlag) throw new ParleyError(ErrorCode.Internal, 'the room is closing; join again');
    const id = randomUUID() as PeerId;
    const peer = new Peer({
      id,
      displayName: request.displayName,
      rtpCapabilities: request.rtpCapabilities,
      router: this.router,
      webRtcServer: this.slot.webRtcServer,
      limits: this.config.limits,
      logger: this.logger.child(`peer:${id.slice(0, 8)}`),
    });
    const others = [...this.peers.values()].map((other) => other.info());
    this.peers.set(id, peer);
    this.clearEmptyTimer();
    this.wire(peer);
    this.broadcast(peer, 'peerJoined', { peer: peer.info() });
    this.logger.info(`join() | ${JSON.stringify(request.displayName)} as ${id}, ${this.peers.size} peer(s)`);
    return { peer, others };
  }

  /** Lets `peer` consume another peer's producer. Its own producers and unknown ids are NOT_FOUND. */
  async consume(peer: Peer, producerId: ProducerId): Promise<ConsumerOptions> {
    for (const owner of this.peers.values()) {
      if (owner === peer) continue;
      const producer = owner.findProducer(producerId);
      if (!producer) continue;
      if (!this.router.canConsume({ producerId, rtpCapabilities: peer.rtpCapabilities })) {
        throw new ParleyError(ErrorCode.MediaRejected, 'your device cannot receive this producer\'s codec');
      }
      return peer.consume(producer, owner.id);
    }
    throw notFound('producer of another peer', producerId);
  }

  /** Closes every peer and the router. Safe to call twice. */
  close(): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.clearEmptyTimer();
    for (const peer of this.peers.values()) peer.close();
    this.peers.clear();
    this.router.close();
    this.logger.info('close()');
    this.emit('closed');
    this.removeAllListeners();
  }

  private wire(peer: Peer): void {
    peer.on('producerAdded', (producer) => this.broadcast(peer, 'producerAdded', { peerId: peer.id, producer }));
    peer.on('producerClosed', (producerId) => this.broadcast(peer, 'producerClosed', { peerId: peer.id, producerId }));
    peer.on('producerPaused', (producerId) => this.broadcast(peer, 'producerPaused', { peerId: peer.id, producerId }));
    peer.on('producerResumed', (producerId) => this.broadcast(peer, 'producerResumed', { peerId: peer.id, producerId }));
    peer.once('closed', () => {
      if (!this.peers.delete(peer.id)) return;
      this.broadcast(peer, 'peerLeft', { peerId: peer.id });
      this.logger.info(`leave() | ${peer.id}, ${this.peers.size} peer(s) left`);
      this.armEmptyTimer();
    });
  }

  private broadcast<N extends NotificationMethod>(from: Peer, method: N, data: NotificationData[N]): void {
    for (const peer of this.peers.values()) {
      if (peer !== from) peer.notify(method, data);
    }
  }

  private armEmptyTimer(): void {
    if (this.peers.size > 0 || this.closedFlag) return;
    this.clearEmptyTimer();
    this.emptyTimer = setTimeout(() => this.close(), this.config.emptyRoomTimeoutMs);
    this.emptyTimer.unref();
  }

  private clearEmptyTimer(): void {
    if (this.emptyTimer) clearTimeout(this.emptyTimer);
    this.emptyTimer = undefined;
  }
}
