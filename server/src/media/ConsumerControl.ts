import type { Consumer } from 'mediasoup/node/lib/types';
import type { ConsumerId, PeerId, ProducerId } from '../../../src-common/ids';
import type { ConsumerView, VideoLayer } from '../../../src-common/protocol';
import { mediaCall } from '../errors';
import { defaultLayers, pickLayers, priorityFor } from './layerPolicy';

/**
 * One consumer and what its receiver asked of it: paused by the client, and how its tile is shown.
 * It is paused on the server while the client paused it or its tile is invisible, and otherwise
 * gets the layers and priority that the tile's size calls for.
 */
export class ConsumerControl {
  private clientPaused = true;
  private view: ConsumerView | undefined;
  private speaker = false;
  private readonly temporalLayers: number;

  constructor(
    readonly consumer: Consumer,
    readonly ownerId: PeerId,
    private readonly layers: readonly VideoLayer[] = defaultLayers,
  ) {
    const mode = consumer.rtpParameters.encodings?.[0]?.scalabilityMode ?? '';
    this.temporalLayers = Number(/T(\d)/.exec(mode)?.[1] ?? 1);
  }

  get id(): ConsumerId {
    return this.consumer.id as ConsumerId;
  }

  get producerId(): ProducerId {
    return this.consumer.producerId as ProducerId;
  }

  private get layered(): boolean {
    return this.consumer.type === 'simulcast' || this.consumer.type === 'svc';
  }

  /** The spatial layer this consumer needs of its producer, or null while it shows nothing. */
  want(): number | null {
    if (this.effectivelyPaused()) return null;
    if (!this.layered) return 0;
    return this.view ? pickLayers(this.view, this.layers, this.temporalLayers).spatialLayer : this.layers.length - 1;
  }

  async setClientPaused(paused: boolean): Promise<void> {
    this.clientPaused = paused;
    await this.apply();
  }

  async setView(view: ConsumerView, isActiveSpeaker: boolean): Promise<void> {
    this.view = view;
    this.speaker = isActiveSpeaker;
    await this.apply();
  }

  /** The producer's owner became (or stopped being) the active speaker: re-rank for bandwidth. */
  async setActiveSpeaker(isActiveSpeaker: boolean): Promise<void> {
    if (this.speaker === isActiveSpeaker) return;
    this.speaker = isActiveSpeaker;
    if (this.view && !this.consumer.closed) await this.consumer.setPriority(priorityFor(this.view, this.speaker));
  }

  private effectivelyPaused(): boolean {
    return this.clientPaused || this.view?.visible === false;
  }

  private async apply(): Promise<void> {
    if (this.consumer.closed) return;
    if (this.effectivelyPaused()) {
      if (!this.consumer.paused) await mediaCall('pauseConsumer', () => this.consumer.pause());
      return;
    }
    if (this.view && this.layered) {
      const layers = pickLayers(this.view, this.layers, this.temporalLayers);
      await mediaCall('setPreferredLayers', () => this.consumer.setPreferredLayers(layers));
    }
    if (this.view) await this.consumer.setPriority(priorityFor(this.view, this.speaker));
    if (this.consumer.paused) {
      await mediaCall('resumeConsumer', () => this.consumer.resume());
      // Show the tile at once instead of waiting for the publisher's next key frame.
      if (this.consumer.kind === 'video') await this.consumer.requestKeyFrame();
    }
  }
}
