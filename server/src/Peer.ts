import type {
  Producer,
  Router,
  RtpCapabilities,
  WebRtcServer,
  WebRtcTransport,
} from 'mediasoup/node/lib/types';
import { EventEmitter } from 'node:events';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { ConsumerId, PeerId, ProducerId, TransportId } from '../../src-common/ids';
import type {
  ConsumerOptions,
  ConsumerView,
  MediaSource,
  VideoLayer,
  NotificationData,
  NotificationMethod,
  PeerInfo,
  ProducerInfo,
  RequestData,
  Role,
  TransportOptions,
} from '../../src-common/protocol';
import { CloseCode } from '../../src-common/protocol';
import type { ServerConfig } from './config';
import { mediaCall, notFound } from './errors';
import type { Logger } from './logger';
import { ConsumerControl } from './media/ConsumerControl';
import { ConsumerHealth } from './media/ConsumerHealth';
import type { VideoHealthStats } from './media/VideoHealthStats';

/**
 * How long viewers stay on a publisher's base layer after its path changed: about the time the
 * browser's bandwidth estimate takes to climb back on the new path.
 */
const PATH_CHANGE_FALLBACK_MS = 3000;

/**
 * The floor of a receive transport's bandwidth estimate. mediasoup gives a simulcast consumer no
 * layer at all when the estimate is below its base layer, and its loss-based estimator reads
 * random loss (Wi-Fi, 10 % in the fault tests) as congestion and falls to 30 kbit/s: the video
 * froze while the audio flowed. At 150 kbit/s the base layer's lower temporal layers still fit,
 * and a real 300 kbit/s link still carries them with the audio.
 */
const MIN_RECV_ESTIMATE_BPS = 150_000;

/** How often the video consumers' health is looked at (see media/ConsumerHealth). */
const HEALTH_TICK_MS = 250;

type Direction = 'send' | 'recv';

interface PeerEvents {
  /** A notification for this peer's own client. */
  notification: [method: NotificationMethod, data: NotificationData[NotificationMethod]];
  producerAdded: [info: ProducerInfo];
  producerClosed: [producerId: ProducerId];
  producerPaused: [producerId: ProducerId];
  producerResumed: [producerId: ProducerId];
  /** What one of this peer's consumers now needs of its producer (dynacast); null: nothing. */
  consumerWant: [producerId: ProducerId, consumerId: ConsumerId, spatialLayer: number | null];
  /** One of this peer's consumers is gone. */
  consumerGone: [producerId: ProducerId, consumerId: ConsumerId];
  /** Emitted once, after every transport, producer and consumer is closed; `why` says for its client. */
  closed: [why: PeerCloseReason];
  /** A new connection resumed this peer: whichever connection spoke for it until now must let go. */
  handedOver: [];
  /** The send transport's ICE path changed: whoever receives this peer's video needs a key frame. */
  sendPathChanged: [];
}

/** Why the server closed a peer, for its client: a close code and words for the user. */
export interface PeerCloseReason {
  code: number;
  reason: string;
}

const ROOM_CLOSED: PeerCloseReason = { code: CloseCode.RoomClosed, reason: 'the room was closed by the server' };

export interface PeerOptions {
  id: PeerId;
  displayName: string;
  role: Role;
  rtpCapabilities: RtpCapabilities;
  router: Router;
  webRtcServer: WebRtcServer;
  limits: ServerConfig['limits'];
  videoHealth: VideoHealthStats;
  logger: Logger;
}

/**
 * One participant's media: its transports, producers and consumers. It knows nothing of the room;
 * it emits what happened and the room decides who hears about it.
 */
export class Peer extends EventEmitter<PeerEvents> {
  readonly id: PeerId;
  readonly displayName: string;
  readonly rtpCapabilities: RtpCapabilities;
  /** Decided by the room (first in is host, tokens keep it, moderators promote). */
  role: Role;
  /** Set by the room while the peer's connection is down and it waits for a resume. */
  reconnecting = false;
  private readonly transports = new Map<TransportId, WebRtcTransport>();
  private readonly producers = new Map<ProducerId, { producer: Producer; source: MediaSource }>();
  private readonly consumers = new Map<ConsumerId, ConsumerControl>();
  private readonly router: Router;
  private readonly webRtcServer: WebRtcServer;
  private readonly limits: ServerConfig['limits'];
  private readonly logger: Logger;
  private readonly videoHealth: VideoHealthStats;
  /** Started by the first video consumer, stopped when the peer closes: asks again for pictures that do not come. */
  private healthTimer: NodeJS.Timeout | undefined;
  private closedFlag = false;

  constructor(options: PeerOptions) {
    super();
    this.id = options.id;
    this.displayName = options.displayName;
    this.role = options.role;
    this.rtpCapabilities = options.rtpCapabilities;
    this.router = options.router;
    this.webRtcServer = options.webRtcServer;
    this.limits = options.limits;
    this.logger = options.logger;
    this.videoHealth = options.videoHealth;
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Counts of owned media objects, for tests and stats. */
  get counts(): { transports: number; producers: number; consumers: number } {
    return { transports: this.transports.size, producers: this.producers.size, consumers: this.consumers.size };
  }

  info(): PeerInfo {
    const info: PeerInfo = { peerId: this.id, displayName: this.displayName, role: this.role, producers: [...this.producers.keys()].map((id) => this.producerInfo(id)) };
    return this.reconnecting ? { ...info, reconnecting: true } : info;
  }

  /** Ids of this peer's transports, for a resuming client to restart ICE on. */
  get transportIds(): TransportId[] {
    return [...this.transports.keys()];
  }

  /** Ids of this peer's producers. */
  get producerIds(): ProducerId[] {
    return [...this.producers.keys()];
  }

  /** Tells the connection that spoke for this peer that a new one takes over (see `handedOver`). */
  handOver(): void {
    if (!this.closedFlag) this.emit('handedOver');
  }

  notify<N extends NotificationMethod>(method: N, data: NotificationData[N]): void {
    if (!this.closedFlag) this.emit('notification', method, data);
  }

  async createTransport(direction: Direction): Promise<TransportOptions> {
    this.assertOpen();
    if (this.transports.size >= this.limits.transports) {
      throw new ParleyError(ErrorCode.LimitReached, `at most ${this.limits.transports} transports per peer`);
    }
    const transport = await this.router.createWebRtcTransport({
      webRtcServer: this.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction },
    });
    if (this.closedFlag) {
      transport.close();
      throw new ParleyError(ErrorCode.NotJoined, 'the peer left while its transport was created');
    }
    const id = transport.id as TransportId;
    this.transports.set(id, transport);
    transport.observer.once('close', () => this.transports.delete(id));
    if (direction === 'recv') await mediaCall('setMinOutgoingBitrate', () => transport.setMinOutgoingBitrate(MIN_RECV_ESTIMATE_BPS));
    // A new path (an ICE restart after a network change or a resume): decoders lost frames on the
    // old one and would otherwise wait for the next periodic key frame. Receiving: this peer's
    // consumers; sending: the room asks the consumers of this peer's producers.
    transport.on('iceselectedtuplechange', () => {
      if (direction === 'recv') this.requestKeyFrames();
      else this.emit('sendPathChanged');
    });
    this.logger.debug(`createTransport() | ${direction} ${id}`);
    return {
      transportId: id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates as TransportOptions['iceCandidates'],
      dtlsParameters: transport.dtlsParameters as TransportOptions['dtlsParameters'],
    };
  }

  async connectTransport({ transportId, dtlsParameters }: RequestData<'connectWebRtcTransport'>): Promise<void> {
    const transport = this.transport(transportId);
    await mediaCall('connectWebRtcTransport', () => transport.connect({ dtlsParameters }));
  }

  async restartIce(transportId: TransportId): Promise<TransportOptions['iceParameters']> {
    const transport = this.transport(transportId);
    return mediaCall('restartIce', () => transport.restartIce());
  }

  async produce(request: RequestData<'produce'>): Promise<ProducerId> {
    const transport = this.transport(request.transportId);
    if (transport.appData.direction !== 'send') {
      throw new ParleyError(ErrorCode.BadRequest, 'produce needs a send transport');
    }
    if (this.producers.size >= this.limits.producers) {
      throw new ParleyError(ErrorCode.LimitReached, `at most ${this.limits.producers} producers per peer`);
    }
    for (const { source } of this.producers.values()) {
      if (source === request.source) {
        throw new ParleyError(ErrorCode.BadRequest, `this peer already publishes a ${request.source} track`);
      }
    }
    const producer = await mediaCall('produce', () =>
      transport.produce({
        kind: request.kind,
        rtpParameters: request.rtpParameters,
        paused: request.paused ?? false,
        appData: { source: request.source, layers: request.layers },
      }),
    );
    if (this.closedFlag) {
      producer.close();
      throw new ParleyError(ErrorCode.NotJoined, 'the peer left while its producer was created');
    }
    const id = producer.id as ProducerId;
    this.producers.set(id, { producer, source: request.source });
    producer.observer.once('close', () => {
      this.producers.delete(id);
      if (!this.closedFlag) this.emit('producerClosed', id);
    });
    this.logger.info(`produce() | ${request.source} ${request.kind} ${id}`);
    this.emit('producerAdded', this.producerInfo(id));
    return id;
  }

  closeProducer(producerId: ProducerId): void {
    this.ownProducer(producerId).close();
  }

  async setProducerPaused(producerId: ProducerId, paused: boolean): Promise<void> {
    const producer = this.ownProducer(producerId);
    if (producer.paused === paused) return;
    if (paused) {
      await producer.pause();
      this.emit('producerPaused', producerId);
    } else {
      await producer.resume();
      this.emit('producerResumed', producerId);
    }
  }

  /** This peer's producers of the given sources, for moderation. */
  producersOf(sources: readonly MediaSource[]): ProducerInfo[] {
    return [...this.producers.keys()].map((id) => this.producerInfo(id)).filter((info) => sources.includes(info.source));
  }

  /** Looks up one of this peer's producers for the room, which lets others consume it. */
  findProducer(producerId: ProducerId): Producer | undefined {
    return this.producers.get(producerId)?.producer;
  }

  /** Creates a paused consumer of `producer` on this peer's receive transport. */
  async consume(producer: Producer, ownerId: PeerId): Promise<ConsumerOptions> {
    this.assertOpen();
    if (this.consumers.size >= this.limits.consumers) {
      throw new ParleyError(ErrorCode.LimitReached, `at most ${this.limits.consumers} consumers per peer`);
    }
    for (const existing of this.consumers.values()) {
      if (existing.producerId === producer.id) {
        throw new ParleyError(ErrorCode.BadRequest, 'this peer already consumes that producer');
      }
    }
    const transport = [...this.transports.values()].find((t) => t.appData.direction === 'recv');
    if (!transport) throw new ParleyError(ErrorCode.BadRequest, 'create a receive transport before consuming');
    const consumer = await mediaCall('consume', () =>
      transport.consume({ producerId: producer.id, rtpCapabilities: this.rtpCapabilities, paused: true }),
    );
    const id = consumer.id as ConsumerId;
    const producerId = producer.id as ProducerId;
    // The layer sizes the publisher reported at produce time (validated there), if any.
    const layers = producer.appData.layers as VideoLayer[] | undefined;
    this.consumers.set(id, new ConsumerControl(consumer, ownerId, layers, consumer.kind === 'video' ? this.watchHealth(consumer) : undefined));
    const gone = (): void => {
      if (!this.consumers.delete(id)) return;
      this.emit('consumerGone', producerId, id);
    };
    consumer.once('producerclose', () => {
      gone();
      consumer.close();
      this.notify('consumerClosed', { consumerId: id });
    });
    consumer.once('transportclose', gone);
    consumer.on('layerschange', (current) =>
      this.notify('consumerLayersChanged', {
        consumerId: id,
        spatialLayer: current?.spatialLayer ?? null,
        temporalLayer: current?.temporalLayer ?? null,
      }),
    );
    this.emit('consumerWant', producerId, id, null);
    return {
      consumerId: id,
      producerId,
      peerId: ownerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters as ConsumerOptions['rtpParameters'],
      type: consumer.type,
      producerPaused: consumer.producerPaused,
    };
  }

  async setConsumerPaused(consumerId: ConsumerId, paused: boolean): Promise<void> {
    const control = this.ownConsumer(consumerId);
    await control.setClientPaused(paused);
    this.emit('consumerWant', control.producerId, control.id, control.want());
  }

  /** Applies how the client shows a consumer; `isActiveSpeaker` tells whether its owner speaks. */
  async setConsumerView(view: ConsumerView, isActiveSpeaker: (peerId: PeerId) => boolean): Promise<void> {
    const control = this.ownConsumer(view.consumerId);
    try {
      await control.setView(view, isActiveSpeaker(control.ownerId));
    } catch (error) {
      // Its producer closed while the view was applied: the worker has already dropped the consumer.
      if (control.consumer.closed || /not found/i.test(String(error))) throw notFound('consumer', view.consumerId);
      throw error;
    }
    this.emit('consumerWant', control.producerId, control.id, control.want());
  }

  /** Asks the publishers of this peer's running video consumers (of `ownerId` only, if given) for a key frame. */
  requestKeyFrames(ownerId?: PeerId): void {
    for (const { consumer, ownerId: owner, health } of this.consumers.values()) {
      if (consumer.kind !== 'video' || consumer.closed || consumer.paused || (ownerId !== undefined && owner !== ownerId)) continue;
      // Owed until it comes: a request sent on a path that is still settling may be lost.
      health?.expectPicture();
      consumer.requestKeyFrame().catch((error: unknown) => this.logger.debug(`requestKeyFrame() skipped: ${String(error)}`));
    }
  }

  /**
   * `ownerId`'s sending path changed: its video consumers here fall back to the base layer for a
   * moment (ConsumerControl.fallBackToBaseLayer) and ask for a key frame.
   */
  publisherPathChanged(ownerId: PeerId): void {
    for (const control of this.consumers.values()) {
      if (control.ownerId !== ownerId || control.consumer.kind !== 'video') continue;
      const failed = (error: unknown): void => this.logger.debug(`publisherPathChanged() | ${control.id}: ${String(error)}`);
      control.fallBackToBaseLayer(PATH_CHANGE_FALLBACK_MS, failed).catch(failed);
    }
  }

  /** Re-ranks consumers for bandwidth after the active speaker changed. */
  async setActiveSpeaker(peerId: PeerId | null): Promise<void> {
    for (const control of this.consumers.values()) await control.setActiveSpeaker(control.ownerId === peerId);
  }

  async setConsumerPreferredLayers(request: RequestData<'setConsumerPreferredLayers'>): Promise<void> {
    const { consumer } = this.ownConsumer(request.consumerId);
    if (consumer.type !== 'simulcast' && consumer.type !== 'svc') {
      throw new ParleyError(ErrorCode.BadRequest, 'preferred layers apply to simulcast and SVC consumers only');
    }
    const layers = request.temporalLayer === undefined
      ? { spatialLayer: request.spatialLayer }
      : { spatialLayer: request.spatialLayer, temporalLayer: request.temporalLayer };
    await mediaCall('setConsumerPreferredLayers', () => consumer.setPreferredLayers(layers));
  }

  /** Releases everything the peer owns; `why` reaches its client when the server is the one closing. */
  close(why: PeerCloseReason = ROOM_CLOSED): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    clearInterval(this.healthTimer);
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.clear();
    this.logger.debug(`close() | ${why.reason}`);
    this.emit('closed', why);
    this.removeAllListeners();
  }

  /** Watches a new video consumer's picture and layer; tells this peer's client about limits. */
  private watchHealth(consumer: ConsumerControl['consumer']): ConsumerHealth {
    const consumerId = consumer.id as ConsumerId;
    const health = new ConsumerHealth(consumer, {
      stats: this.videoHealth,
      logger: this.logger,
      onLimit: (report) => this.notify('consumerLayerLimited', { consumerId, ...report }),
    });
    if (!this.healthTimer) {
      this.healthTimer = setInterval(() => {
        for (const control of this.consumers.values()) control.health?.tick();
      }, HEALTH_TICK_MS);
      this.healthTimer.unref();
    }
    return health;
  }

  private producerInfo(id: ProducerId): ProducerInfo {
    const entry = this.producers.get(id);
    if (!entry) throw notFound('producer', id);
    return { producerId: id, kind: entry.producer.kind, source: entry.source, paused: entry.producer.paused };
  }

  private transport(id: TransportId): WebRtcTransport {
    this.assertOpen();
    const transport = this.transports.get(id);
    if (!transport) throw notFound('transport', id);
    return transport;
  }

  private ownProducer(id: ProducerId): Producer {
    this.assertOpen();
    const entry = this.producers.get(id);
    if (!entry) throw notFound('producer', id);
    return entry.producer;
  }

  private ownConsumer(id: ConsumerId): ConsumerControl {
    this.assertOpen();
    const consumer = this.consumers.get(id);
    if (!consumer) throw notFound('consumer', id);
    return consumer;
  }

  private assertOpen(): void {
    if (this.closedFlag) throw new ParleyError(ErrorCode.NotJoined, 'this peer has left the room');
  }
}
