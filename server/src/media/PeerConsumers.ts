import type { Producer, RtpCapabilities, WebRtcTransport } from 'mediasoup/node/lib/types';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
import type { ConsumerId, PeerId, ProducerId } from '../../../src-common/ids';
import type { ConsumerOptions, ConsumerView, NotificationData, NotificationMethod, RequestData, VideoLayer } from '../../../src-common/protocol';
import { mediaCall, notFound } from '../errors';
import type { Logger } from '../logger';
import { ConsumerControl } from './ConsumerControl';
import { ConsumerHealth } from './ConsumerHealth';
import type { VideoHealthStats } from './VideoHealthStats';

/**
 * How long viewers stay on a publisher's base layer after its path changed: about the time the
 * browser's bandwidth estimate takes to climb back on the new path.
 */
const PATH_CHANGE_FALLBACK_MS = 3000;

/** How often the video consumers' health is looked at (see ConsumerHealth). */
const HEALTH_TICK_MS = 250;

/** What the owning peer provides, and hears back: the consumers never reach past it. */
export interface PeerConsumersOptions {
  rtpCapabilities: RtpCapabilities;
  maxConsumers: number;
  videoHealth: VideoHealthStats;
  logger: Logger;
  /** The peer's receive transport, if it has one yet. */
  recvTransport(): WebRtcTransport | undefined;
  /** Sends a notification to the peer's own client (dropped once the peer is closed). */
  notify<N extends NotificationMethod>(method: N, data: NotificationData[N]): void;
  /** What one consumer now needs of its producer (dynacast); null: nothing. */
  onWant(producerId: ProducerId, consumerId: ConsumerId, spatialLayer: number | null): void;
  /** One consumer is gone. */
  onGone(producerId: ProducerId, consumerId: ConsumerId): void;
}

/**
 * One peer's consumers: creating them, how its client shows them, their layers, and the health
 * watch that asks again for pictures that do not come. The half of a Peer that receives.
 */
export class PeerConsumers {
  private readonly consumers = new Map<ConsumerId, ConsumerControl>();
  /** Started by the first video consumer, stopped by `close()`. */
  private healthTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: PeerConsumersOptions) {}

  get size(): number {
    return this.consumers.size;
  }

  /** Creates a paused consumer of `producer` (published by `ownerId`) on the receive transport. */
  async consume(producer: Producer, ownerId: PeerId): Promise<ConsumerOptions> {
    const { maxConsumers, rtpCapabilities } = this.options;
    if (this.consumers.size >= maxConsumers) {
      throw new ParleyError(ErrorCode.LimitReached, `at most ${maxConsumers} consumers per peer`);
    }
    for (const existing of this.consumers.values()) {
      if (existing.producerId === producer.id) throw new ParleyError(ErrorCode.BadRequest, 'this peer already consumes that producer');
    }
    const transport = this.options.recvTransport();
    if (!transport) throw new ParleyError(ErrorCode.BadRequest, 'create a receive transport before consuming');
    const consumer = await mediaCall('consume', () => transport.consume({ producerId: producer.id, rtpCapabilities, paused: true }));
    const id = consumer.id as ConsumerId;
    const producerId = producer.id as ProducerId;
    // The layer sizes the publisher reported at produce time (validated there), if any.
    const layers = producer.appData.layers as VideoLayer[] | undefined;
    this.consumers.set(id, new ConsumerControl(consumer, ownerId, layers, consumer.kind === 'video' ? this.watchHealth(consumer) : undefined));
    const gone = (): void => {
      if (this.consumers.delete(id)) this.options.onGone(producerId, id);
    };
    consumer.once('producerclose', () => {
      gone();
      consumer.close();
      this.options.notify('consumerClosed', { consumerId: id });
    });
    consumer.once('transportclose', gone);
    consumer.on('layerschange', (current) =>
      this.options.notify('consumerLayersChanged', {
        consumerId: id,
        spatialLayer: current?.spatialLayer ?? null,
        temporalLayer: current?.temporalLayer ?? null,
      }),
    );
    this.options.onWant(producerId, id, null);
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

  /** A newcomer's consumer: its publisher is woken before the client resumes it (ConsumerControl.markArriving). */
  markArriving(consumerId: ConsumerId): void {
    const control = this.own(consumerId);
    control.markArriving();
    this.options.onWant(control.producerId, control.id, control.want());
  }

  async setPaused(consumerId: ConsumerId, paused: boolean): Promise<void> {
    const control = this.own(consumerId);
    await control.setClientPaused(paused);
    this.options.onWant(control.producerId, control.id, control.want());
  }

  /** Applies how the client shows a consumer; `isActiveSpeaker` tells whether its owner speaks. */
  async setView(view: ConsumerView, isActiveSpeaker: (peerId: PeerId) => boolean): Promise<void> {
    const control = this.own(view.consumerId);
    try {
      await control.setView(view, isActiveSpeaker(control.ownerId));
    } catch (error) {
      // Its producer closed while the view was applied: the worker has already dropped the consumer.
      if (control.consumer.closed || /not found/i.test(String(error))) throw notFound('consumer', view.consumerId);
      throw error;
    }
    this.options.onWant(control.producerId, control.id, control.want());
  }

  async setPreferredLayers(request: RequestData<'setConsumerPreferredLayers'>): Promise<void> {
    const { consumer } = this.own(request.consumerId);
    if (consumer.type !== 'simulcast' && consumer.type !== 'svc') {
      throw new ParleyError(ErrorCode.BadRequest, 'preferred layers apply to simulcast and SVC consumers only');
    }
    const layers = request.temporalLayer === undefined
      ? { spatialLayer: request.spatialLayer }
      : { spatialLayer: request.spatialLayer, temporalLayer: request.temporalLayer };
    await mediaCall('setConsumerPreferredLayers', () => consumer.setPreferredLayers(layers));
  }

  /** Asks the publishers of the running video consumers (of `ownerId` only, if given) for a key frame. */
  requestKeyFrames(ownerId?: PeerId): void {
    for (const { consumer, ownerId: owner, health } of this.consumers.values()) {
      if (consumer.kind !== 'video' || consumer.closed || consumer.paused || (ownerId !== undefined && owner !== ownerId)) continue;
      // Owed until it comes: a request sent on a path that is still settling may be lost.
      health?.expectPicture();
      consumer.requestKeyFrame().catch((error: unknown) => this.options.logger.debug(`requestKeyFrame() skipped: ${String(error)}`));
    }
  }

  /**
   * `ownerId`'s sending path changed: its video consumers here fall back to the base layer for a
   * moment (ConsumerControl.fallBackToBaseLayer) and ask for a key frame.
   */
  publisherPathChanged(ownerId: PeerId): void {
    for (const control of this.consumers.values()) {
      if (control.ownerId !== ownerId || control.consumer.kind !== 'video') continue;
      const failed = (error: unknown): void => this.options.logger.debug(`publisherPathChanged() | ${control.id}: ${String(error)}`);
      control.fallBackToBaseLayer(PATH_CHANGE_FALLBACK_MS, failed).catch(failed);
    }
  }

  /** Re-ranks consumers for bandwidth after the active speaker changed. */
  async setActiveSpeaker(peerId: PeerId | null): Promise<void> {
    for (const control of this.consumers.values()) await control.setActiveSpeaker(control.ownerId === peerId);
  }

  /** Stops the health watch and forgets every consumer (their transports close them). Safe twice. */
  close(): void {
    clearInterval(this.healthTimer);
    this.healthTimer = undefined;
    this.consumers.clear();
  }

  /** Watches a new video consumer's picture and layer; tells the client about limits. */
  private watchHealth(consumer: ConsumerControl['consumer']): ConsumerHealth {
    const consumerId = consumer.id as ConsumerId;
    const health = new ConsumerHealth(consumer, {
      stats: this.options.videoHealth,
      logger: this.options.logger,
      onLimit: (report) => this.options.notify('consumerLayerLimited', { consumerId, ...report }),
    });
    if (!this.healthTimer) {
      this.healthTimer = setInterval(() => {
        for (const control of this.consumers.values()) control.health?.tick();
      }, HEALTH_TICK_MS);
      this.healthTimer.unref();
    }
    return health;
  }

  private own(id: ConsumerId): ConsumerControl {
    const consumer = this.consumers.get(id);
    if (!consumer) throw notFound('consumer', id);
    return consumer;
  }
}
