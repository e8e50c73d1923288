import type { RtpCapabilities } from 'mediasoup/node/lib/types';
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { ErrorCode, ErrorReason, ParleyError } from '../../src-common/errors';
import { CloseCode } from '../../src-common/protocol';
import type { PeerId, ProducerId, RoomId } from '../../src-common/ids';
import { canModerate, type ConsumerOptions, type ConsumerView, type InitialView, type NotificationData, type NotificationMethod, type PeerInfo, type Role } from '../../src-common/protocol';
import type { ClusterNode } from './cluster/ClusterNode';
import { RoomMedia } from './cluster/RoomMedia';
import { RoomSpan } from './cluster/RoomSpan';
import type { RoomPlacer } from './cluster/RoomPlacer';
import type { ServerConfig } from './config';
import { notFound } from './errors';
import type { GuardMetrics } from './guards/GuardMetrics';
import type { Logger } from './logger';
import { Dynacast } from './media/Dynacast';
import type { VideoHealthStats } from './media/VideoHealthStats';
import type { WorkerSlot } from './media/WorkerPool';
import { Peer, type PeerCloseReason } from './Peer';
import { Chat } from './room/Chat';
import { Hands } from './room/Hands';
import { KeyedTimers } from './room/KeyedTimers';
import { Moderation } from './room/Moderation';
import { Reactions } from './room/Reactions';
import type { RoomMembers } from './room/RoomMembers';
import { roleForJoiner } from './room/joinerRole';

interface RoomEvents {
  /** Emitted once, after every peer and the router are closed. */
  closed: [];
  /** A peer got a role (joining, or a moderator's or hand-over's decision): the record keeps it. */
  roleChanged: [peerId: PeerId, role: Role];
}

export interface RoomOptions {
  id: RoomId;
  /** The worker of the room's home router (its first router, which carries its speaker observers). */
  slot: WorkerSlot;
  /** Where each newcomer's media goes (cluster/RoomPlacer.ts); without it everyone shares the home router. */
  placer?: RoomPlacer;
  config: Pick<ServerConfig, 'emptyRoomTimeoutMs' | 'limits' | 'dynacastLowerDelayMs' | 'reconnectGraceMs'> & {
    guards: Pick<ServerConfig['guards'], 'participantsPerRoom'>;
  };
  logger: Logger;
  /** The server's video self-healing counters (see media/ConsumerHealth). */
  videoHealth: VideoHealthStats;
  /** Counts refusals (a full room). */
  metrics?: GuardMetrics;
  /** This server's node of a cluster: the meeting then spans the nodes its people reach (cluster/RoomSpan.ts). */
  cluster?: ClusterNode;
}

export interface JoinRequest {
  displayName: string;
  rtpCapabilities: RtpCapabilities;
  /**
   * Who the joiner was, from a verified session token: they return as that peer, with the role the
   * meeting's record gives them (never the token's claim).
   */
  identity?: { peerId: PeerId; role: Role };
  /** The meeting is hosted: its owner alone is host, and nobody is promoted by arriving first. */
  fixedOwner?: boolean;
  /**
   * Called with the new peer as soon as it is in the room, before anyone is told: the caller's
   * connection subscribes here, so no notification falls into the gap between a placement that
   * had to wait (a new router) and the caller's own continuation.
   */
  onJoined?: (peer: Peer) => void;
}

/**
 * A meeting: its peers, and its media on one router per worker it uses (cluster/RoomMedia.ts:
 * newcomers placed by load, producers piped between routers as consumers need them). Peers tell
 * the room what they did; the room decides who is told and who may consume what.
 */
export class Room extends EventEmitter<RoomEvents> {
  readonly id: RoomId;
  readonly slot: WorkerSlot;
  private readonly media: RoomMedia;
  private readonly peers = new Map<PeerId, Peer>();
  private readonly dynacast: Dynacast;
  private activeSpeakerId: PeerId | null = null;
  private readonly config: RoomOptions['config'];
  private readonly logger: Logger;
  private readonly videoHealth: VideoHealthStats;
  private readonly metrics: GuardMetrics | undefined;
  /** The room closes this long after its last peer left, unless someone comes (key: the room). */
  private readonly emptyTimer = new KeyedTimers<'empty'>();
  private closedFlag = false;
  /** Peers being replaced by a returning connection: their leaving hands nothing over. */
  private readonly replacing = new Set<Peer>();
  /** Peers whose connection dropped, with the timer that releases them if they do not resume. */
  private readonly graceTimers = new KeyedTimers<Peer>();
  readonly chat: Chat;
  readonly hands: Hands;
  readonly moderation: Moderation;
  readonly reactions: Reactions;
  /** The parts of this meeting on other nodes of a cluster; absent on a server of its own. */
  private readonly span: RoomSpan | undefined;

  private constructor(options: RoomOptions, media: RoomMedia) {
    super();
    this.id = options.id;
    this.slot = options.slot;
    this.media = media;
    this.config = options.config;
    this.logger = options.logger;
    this.videoHealth = options.videoHealth;
    this.metrics = options.metrics;
    const speakers = media.speakers;
    const members: RoomMembers = {
      get: (peerId) => this.peers.get(peerId),
      all: () => [...this.peers.values()],
      notifyAll: (method, data) => this.broadcast(null, method, data),
    };
    this.dynacast = new Dynacast({
      lowerDelayMs: options.config.dynacastLowerDelayMs,
      notify: (ownerId, producerId, spatialLayer) =>
        this.peers.get(ownerId)?.notify('producerLayersWanted', { producerId, spatialLayer }),
    });
    this.span = options.cluster ? new RoomSpan({ roomId: options.id, node: options.cluster, members, dynacast: this.dynacast, logger: options.logger.child('span') }) : undefined;
    this.chat = new Chat(members, this.span ? { relay: this.span } : {});
    this.hands = new Hands(members, Date.now, this.span);
    this.span?.attach(this.chat, this.hands);
    this.moderation = new Moderation(members, (peer) => this.emit('roleChanged', peer.id, peer.role));
    this.reactions = new Reactions(members);
    speakers.on('dominant', (producerId) => this.setActiveSpeaker(this.ownerOf(producerId)?.id ?? null));
    speakers.on('levels', (levels) => {
      const named = levels.flatMap(({ producerId, volume }) => {
        const owner = this.ownerOf(producerId);
        return owner ? [{ peerId: owner.id, volume }] : [];
      });
      this.broadcast(null, 'audioLevels', { levels: named });
    });
    media.home.observer.once('close', () => this.close());
    media.on('peersLost', (lost) => {
      for (const peer of lost) peer.close({ code: CloseCode.RoomClosed, reason: 'the media worker carrying your connection stopped; join again' });
    });
    this.armEmptyTimer();
  }

  static async create(options: RoomOptions): Promise<Room> {
    const media = await RoomMedia.create({
      home: options.slot,
      logger: options.logger,
      ...(options.placer ? { placer: options.placer } : {}),
      ...(options.cluster ? { remote: options.cluster.remote } : {}),
    });
    options.logger.info(`create() | on worker ${options.slot.index}`);
    const room = new Room(options, media);
    try {
      await room.span?.start();
    } catch (error) {
      room.close();
      throw error;
    }
    return room;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  get rtpCapabilities(): RtpCapabilities {
    return this.media.rtpCapabilities;
  }

  get peerCount(): number {
    return this.peers.size;
  }

  /** A snapshot of who is here and what they own, for stats endpoints and leak checks in tests. */
  snapshot(): { peers: Array<PeerInfo & { counts: Peer['counts'] }> } {
    return { peers: [...this.peers.values()].map((peer) => ({ ...peer.info(), counts: peer.counts })) };
  }

  /** The home router's own dump (transport and observer ids), for stats and leak checks. */
  routerDump(): Promise<{ id: string; transportIds: string[]; rtpObserverIds: string[] }> {
    return this.media.home.dump() as Promise<{ id: string; transportIds: string[]; rtpObserverIds: string[] }>;
  }

  /** The room's routers and pipes, and its consumers per worker (placement, stats, leak checks). */
  get mediaState(): Pick<RoomMedia, 'snapshot' | 'consumersBySlot' | 'uses' | 'routerById'> {
    return this.media;
  }

  /** A newcomer (not someone returning) needs a free place: the room's size is bounded. */
  private assertRoomFor(id: PeerId): void {
    if (this.peers.has(id) || this.peers.size < this.config.guards.participantsPerRoom) return;
    this.metrics?.count('participantsPerRoomRefused', `${this.id} is full with ${this.peers.size} people`);
    throw new ParleyError(ErrorCode.RoomFull, `this meeting already has ${this.peers.size} participants, its limit`);
  }

  /** Adds a participant and tells everyone else; returns the new peer and who was already here. */
  async join(request: JoinRequest): Promise<{ peer: Peer; others: PeerInfo[]; activeSpeakerId: PeerId | null }> {
    const id = request.identity?.peerId ?? (randomUUID() as PeerId);
    this.assertJoinable(request);
    this.assertRoomFor(id);
    const lease = await this.media.place(this.peers.size);
    try {
      // Checked again: the room may have closed, locked or filled while a router was made.
      this.assertJoinable(request);
      this.assertRoomFor(id);
    } catch (error) {
      lease.release();
      throw error;
    }
    if (request.fixedOwner) this.moderation.fixedOwner = true;
    // Returning with a token while the old connection is still here (a reload, a new socket):
    // the new connection takes over, in the old peer's current role, and the old peer is released.
    const previous = this.peers.get(id);
    if (previous) {
      this.replacing.add(previous);
      previous.close({ code: CloseCode.Superseded, reason: 'you joined this meeting from another window' });
    }
    const peer = new Peer({
      id,
      displayName: request.displayName,
      role: roleForJoiner(previous?.role ?? request.identity?.role, { fixedOwner: this.moderation.fixedOwner, present: [...this.peers.values()] }),
      rtpCapabilities: request.rtpCapabilities,
      router: lease.router,
      webRtcServer: lease.slot.webRtcServer,
      limits: this.config.limits,
      videoHealth: this.videoHealth,
      logger: this.logger.child(`peer:${id.slice(0, 8)}`),
    });
    const others = [...[...this.peers.values()].map((other) => other.info()), ...(this.span?.others() ?? [])];
    this.peers.set(id, peer);
    this.media.attach(peer, lease);
    this.emptyTimer.clear('empty');
    this.wire(peer);
    this.span?.track(peer, lease.router.id);
    try {
      request.onJoined?.(peer);
    } catch (error) {
      peer.close();
      throw error;
    }
    this.broadcast(peer, 'peerJoined', { peer: peer.info() });
    this.emit('roleChanged', peer.id, peer.role);
    this.logger.info(`join() | ${JSON.stringify(request.displayName)} as ${id}, ${this.peers.size} peer(s)`);
    return { peer, others, activeSpeakerId: this.activeSpeakerId };
  }

  /**
   * The peer's connection dropped without a goodbye (network loss, sleep, a client abandoning a
   * dead socket): keep everything it owns for the grace period, tell the others it is
   * reconnecting, and release it if it has not resumed by then.
   */
  detach(peer: Peer): void {
    if (this.closedFlag || peer.closed || this.peers.get(peer.id) !== peer) return;
    this.graceTimers.start(peer, this.config.reconnectGraceMs, () => {
      this.logger.info(`detach() | ${peer.id} did not come back within ${this.config.reconnectGraceMs} ms`);
      peer.close({ code: CloseCode.RoomClosed, reason: 'the connection was lost for too long' });
    });
    if (!peer.reconnecting) {
      peer.reconnecting = true;
      this.broadcast(peer, 'peerReconnecting', { peerId: peer.id });
    }
    this.logger.info(`detach() | ${peer.id} is reconnecting`);
  }

  /**
   * A new connection takes back `peerId` (its token was verified by the caller): the connection
   * that spoke for it until now lets go, the others see it back. NOT_FOUND when it has already
   * left (grace expired, removed, room rebuilt): the client then joins again.
   */
  resume(peerId: PeerId): { peer: Peer; others: PeerInfo[]; activeSpeakerId: PeerId | null; wanted: Array<{ producerId: ProducerId; spatialLayer: number | null }> } {
    const peer = this.peers.get(peerId);
    if (this.closedFlag || !peer || peer.closed) throw new ParleyError(ErrorCode.NotFound, 'this session has ended; join the meeting again', ErrorReason.SessionGone);
    this.graceTimers.clear(peer);
    peer.handOver();
    if (peer.reconnecting) {
      peer.reconnecting = false;
      this.broadcast(peer, 'peerReconnected', { peerId: peer.id });
    }
    const others = [...[...this.peers.values()].filter((other) => other !== peer).map((other) => other.info()), ...(this.span?.others() ?? [])];
    const wanted = peer.producerIds.flatMap((producerId) => {
      const spatialLayer = this.dynacast.announced(producerId);
      return spatialLayer === undefined ? [] : [{ producerId, spatialLayer }];
    });
    this.logger.info(`resume() | ${peer.id}`);
    return { peer, others, activeSpeakerId: this.activeSpeakerId, wanted };
  }

  /**
   * Lets `peer` consume another peer's producer. Its own producers and unknown ids are NOT_FOUND.
   * `view` (video only): how the consumer is shown at first, applied before anyone can resume it.
   * `arriving`: a newcomer's consumer: its publisher is asked for pictures before the client resumes
   * it (ConsumerControl.markArriving).
   */
  async consume(peer: Peer, producerId: ProducerId, view?: InitialView, arriving = false): Promise<ConsumerOptions> {
    const options = await this.consumeAnywhere(peer, producerId);
    if (view && options.kind === 'video') await this.setConsumerView(peer, { ...view, consumerId: options.consumerId });
    if (arriving && options.kind === 'video') peer.markConsumerArriving(options.consumerId);
    return options;
  }

  /** A consumer of a producer of someone here, or of someone on another node of the cluster. */
  private async consumeAnywhere(peer: Peer, producerId: ProducerId): Promise<ConsumerOptions> {
    for (const owner of this.peers.values()) {
      const producer = owner === peer ? undefined : owner.findProducer(producerId);
      if (producer) return this.media.consume(peer, owner, producer);
    }
    const remote = this.span?.origin(producerId);
    if (remote) return this.media.consumeRemote(peer, remote.ownerId, producerId, remote);
    throw notFound('producer of another peer', producerId);
  }

  /** Applies how `peer` shows one of its consumers (layers, priority, pause, dynacast). */
  async setConsumerView(peer: Peer, view: ConsumerView): Promise<void> {
    await peer.setConsumerView(view, (ownerId) => ownerId === this.activeSpeakerId);
  }

  /** Closes every peer (telling their clients `why`) and the router. Safe to call twice. */
  close(why?: PeerCloseReason): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    this.emptyTimer.clearAll();
    this.dynacast.close();
    this.graceTimers.clearAll();
    for (const peer of this.peers.values()) peer.close(why);
    this.peers.clear();
    this.span?.close();
    this.media.close();
    this.logger.info('close()');
    this.emit('closed');
    this.removeAllListeners();
  }

  private wire(peer: Peer): void {
    peer.on('producerAdded', (producer) => {
      if (producer.kind === 'audio') this.media.audioAdded(peer, producer.producerId);
      else this.dynacast.addProducer(producer.producerId, peer.id);
      this.broadcast(peer, 'producerAdded', { peerId: peer.id, producer });
    });
    peer.on('producerClosed', (producerId) => {
      this.media.producerClosed(producerId);
      this.dynacast.removeProducer(producerId);
      this.broadcast(peer, 'producerClosed', { peerId: peer.id, producerId });
    });
    peer.on('sendPathChanged', () => {
      this.logger.info(`sendPathChanged | ${peer.id}: its viewers fall back to the base layer for a moment`);
      for (const other of this.peers.values()) if (other !== peer) other.publisherPathChanged(peer.id);
    });
    peer.on('consumerWant', (producerId, consumerId, layer) => this.dynacast.setWant(producerId, consumerId, layer));
    peer.on('consumerGone', (producerId, consumerId) => {
      this.media.consumerGone(consumerId);
      this.dynacast.removeConsumer(producerId, consumerId);
    });
    peer.on('producerPaused', (producerId) => this.broadcast(peer, 'producerPaused', { peerId: peer.id, producerId }));
    peer.on('producerResumed', (producerId) => this.broadcast(peer, 'producerResumed', { peerId: peer.id, producerId }));
    peer.once('closed', () => {
      this.graceTimers.clear(peer);
      this.media.leave(peer);
      if (this.peers.get(peer.id) !== peer) return;
      this.peers.delete(peer.id);
      this.broadcast(peer, 'peerLeft', { peerId: peer.id });
      if (this.activeSpeakerId === peer.id) this.setActiveSpeaker(null);
      this.hands.lower(peer.id);
      this.chat.forget(peer.id);
      this.reactions.forget(peer.id);
      if (!this.replacing.delete(peer)) this.moderation.handOver(peer);
      this.logger.info(`leave() | ${peer.id}, ${this.peers.size} peer(s) left`);
      this.armEmptyTimer();
    });
  }

  private assertJoinable(request: JoinRequest): void {
    if (this.closedFlag) throw new ParleyError(ErrorCode.Internal, 'the room is closing; join again');
    if (this.moderation.locked && !request.identity) {
      throw new ParleyError(ErrorCode.Forbidden, 'the meeting is locked; the host is not letting anyone new in', ErrorReason.Locked);
    }
  }

  private ownerOf(producerId: ProducerId): Peer | undefined {
    for (const peer of this.peers.values()) {
      if (peer.findProducer(producerId)) return peer;
    }
    return undefined;
  }

  private setActiveSpeaker(peerId: PeerId | null): void {
    if (peerId === this.activeSpeakerId) return;
    this.activeSpeakerId = peerId;
    this.broadcast(null, 'activeSpeaker', { peerId });
    for (const peer of this.peers.values()) {
      // Best effort: a consumer whose producer is closing may already be gone in the worker.
      peer.setActiveSpeaker(peerId).catch((error: unknown) => this.logger.debug(`re-ranking consumers skipped: ${String(error)}`));
    }
  }

  /** Tells the hosts and co-hosts only (the lobby is theirs to decide). */
  notifyModerators<N extends NotificationMethod>(method: N, data: NotificationData[N]): void {
    for (const peer of this.peers.values()) if (canModerate(peer.role)) peer.notify(method, data);
  }

  /** Tells every peer but `from` (everyone when `from` is null). */
  private broadcast<N extends NotificationMethod>(from: Peer | null, method: N, data: NotificationData[N]): void {
    for (const peer of this.peers.values()) {
      if (peer !== from) peer.notify(method, data);
    }
  }

  private armEmptyTimer(): void {
    if (this.peers.size > 0 || this.closedFlag) return;
    this.emptyTimer.start('empty', this.config.emptyRoomTimeoutMs, () => this.close());
  }
}
