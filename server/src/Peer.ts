import type { ClientId } from './admission/clientId';
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
import { PeerConsumers } from './media/PeerConsumers';
import type { VideoHealthStats } from './media/VideoHealthStats';

/**
 * The floor of a receive transport's bandwidth estimate. mediasoup gives a simulcast consumer no
 * layer at all when the estimate is below its base layer, and its loss-based estimator reads
 * random loss (Wi-Fi, 10 % in the fault tests) as congestion and falls to 30 kbit/s: the video
 * froze while the audio flowed. At 150 kbit/s the base layer's lower temporal layers still fit,
 * and a real 300 kbit/s link still carries them with the audio.
 */
const MIN_RECV_ESTIMATE_BPS = 150_000;

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
  /**
   * The browser it joined from (the server-issued cookie of the joining socket), bound at join:
   * a removal refuses that browser too. Null for clients without cookies (tests, scripts).
   */
  clientId: ClientId | null = null;
  private readonly transports = new Map<TransportId, WebRtcTransport>();
  private readonly producers = new Map<ProducerId, { producer: Producer; source: MediaSource }>();
  private readonly consumers: PeerConsumers;
  private readonly router: Router;
  private readonly webRtcServer: WebRtcServer;
  private readonly limits: ServerConfig['limits'];
  private readonly logger: Logger;
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
    this.consumers = new PeerConsumers({
      rtpCapabilities: options.rtpCapabilities,
      maxConsumers: options.limits.consumers,
      videoHealth: options.videoHealth,
      logger: options.logger,
      recvTransport: () => [...this.transports.values()].find((t) => t.appData.direction === 'recv'),
      notify: (method, data) => this.notify(method, data),
      onWant: (producerId, consumerId, layer) => this.emit('consumerWant', producerId, consumerId, layer),
      // Also while the peer closes (its transports close its consumers): the room releases pipes.
      onGone: (producerId, consumerId) => this.emit('consumerGone', producerId, consumerId),
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** Counts of owned media objects, for tests and stats. */
  get counts(): { transports: number; producers: number; consumers: number } {
    return { transports: this.transports.size, producers: this.producers.size, consumers: this.consumers.size };
  }

  /** How many more consumers this peer may have. */
  get consumerRoom(): number {
    return Math.max(0, this.limits.consumers - this.consumers.size);
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
    return this.consumers.consume(producer, ownerId);
  }

  /** See PeerConsumers.markArriving. */
  markConsumerArriving(consumerId: ConsumerId): void {
    this.assertOpen();
    this.consumers.markArriving(consumerId);
  }

  async setConsumerPaused(consumerId: ConsumerId, paused: boolean): Promise<void> {
    this.assertOpen();
    await this.consumers.setPaused(consumerId, paused);
  }

  /** Applies how the client shows a consumer; `isActiveSpeaker` tells whether its owner speaks. */
  async setConsumerView(view: ConsumerView, isActiveSpeaker: (peerId: PeerId) => boolean): Promise<void> {
    this.assertOpen();
    await this.consumers.setView(view, isActiveSpeaker);
  }

  async setConsumerPreferredLayers(request: RequestData<'setConsumerPreferredLayers'>): Promise<void> {
    this.assertOpen();
    await this.consumers.setPreferredLayers(request);
  }

  /** Asks the publishers of this peer's running video consumers (of `ownerId` only, if given) for a key frame. */
  requestKeyFrames(ownerId?: PeerId): void {
    this.consumers.requestKeyFrames(ownerId);
  }

  /** `ownerId`'s sending path changed: its video here falls back to the base layer for a moment. */
  publisherPathChanged(ownerId: PeerId): void {
    this.consumers.publisherPathChanged(ownerId);
  }

  /** Re-ranks consumers for bandwidth after the active speaker changed. */
  async setActiveSpeaker(peerId: PeerId | null): Promise<void> {
    await this.consumers.setActiveSpeaker(peerId);
  }

  /** Releases everything the peer owns; `why` reaches its client when the server is the one closing. */
  close(why: PeerCloseReason = ROOM_CLOSED): void {
    if (this.closedFlag) return;
    this.closedFlag = true;
    for (const transport of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.consumers.close();
    this.logger.debug(`close() | ${why.reason}`);
    this.emit('closed', why);
    this.removeAllListeners();
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

  private assertOpen(): void {
    if (this.closedFlag) throw new ParleyError(ErrorCode.NotJoined, 'this peer has left the room');
  }
}
