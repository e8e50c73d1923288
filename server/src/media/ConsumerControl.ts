import type { Consumer } from 'mediasoup/node/lib/types';
import type { ConsumerId, PeerId, ProducerId } from '../../../src-common/ids';
import type { ConsumerView, VideoLayer } from '../../../src-common/protocol';
import { mediaCall } from '../errors';
import type { ConsumerHealth } from './ConsumerHealth';
import { defaultLayers, pickLayers, priorityFor } from './layerPolicy';

/**
 * One consumer and what its receiver asked of it: paused by the client, and how its tile is shown.
 * It is paused on the server while the client paused it or its tile is invisible, and otherwise
 * gets the layers and priority that the tile's size calls for.
 */
export class ConsumerControl {
  private clientPaused = true;
  /** Made for a newcomer and not resumed by its client yet (see want()). */
  private arriving = false;
  private view: ConsumerView | undefined;
  private speaker = false;
  private readonly temporalLayers: number;
  /** Ends a base-layer fallback after a publisher's path change (see fallBackToBaseLayer). */
  private fallbackTimer: NodeJS.Timeout | undefined;
  /**
   * Applying runs one at a time: a pause still in flight when a later view asks to resume would
   * otherwise be seen as "not paused yet", skipped, and leave the consumer paused for good.
   */
  private applying: Promise<void> = Promise.resolve();

  constructor(
    readonly consumer: Consumer,
    readonly ownerId: PeerId,
    private readonly layers: readonly VideoLayer[] = defaultLayers,
    /** Video only: keeps asking for a picture until the viewer has one. */
    readonly health?: ConsumerHealth,
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

  /**
   * The spatial layer this consumer needs of its producer, or null while it shows nothing. A
   * newcomer's consumer its client has not resumed yet (see markArriving) already needs what its
   * first view asks for, the base layer until that view comes.
   */
  want(): number | null {
    if (this.arriving && this.clientPaused) {
      if (!this.layered || !this.view?.visible) return 0;
      return pickLayers(this.view, this.layers, this.temporalLayers).spatialLayer;
    }
    if (this.effectivelyPaused()) return null;
    if (!this.layered) return 0;
    return this.view ? pickLayers(this.view, this.layers, this.temporalLayers).spatialLayer : this.layers.length - 1;
  }

  /**
   * Made with a newcomer's join: its publisher is asked for pictures now (dynacast), so an encoder
   * paused while nobody watched runs again by the time the newcomer's media path is up. Ends when
   * the client resumes the consumer; from then on the view decides, as for every consumer.
   */
  markArriving(): void {
    this.arriving = true;
  }

  async setClientPaused(paused: boolean): Promise<void> {
    this.clientPaused = paused;
    if (!paused) this.arriving = false;
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

  /**
   * The publisher's media path changed (an ICE restart after a network change or a resume). Its
   * browser restarts its bandwidth estimate on the new path and stops sending its upper simulcast
   * layers for a few seconds, but the SFU notices a layer has gone only after its inactivity check
   * (seconds more), and the picture freezes meanwhile. So this consumer drops to the base layer at
   * once (with a key frame), and its own layers apply again after `ms`: the SFU moves up only once
   * a layer flows again, so nothing freezes on the way back.
   */
  async fallBackToBaseLayer(ms: number, onError: (error: unknown) => void): Promise<void> {
    if (this.consumer.closed || !this.layered || this.effectivelyPaused()) return;
    clearTimeout(this.fallbackTimer);
    this.fallbackTimer = setTimeout(() => {
      this.fallbackTimer = undefined;
      this.apply().catch(onError);
    }, ms);
    this.fallbackTimer.unref();
    await mediaCall('setPreferredLayers', () => this.consumer.setPreferredLayers({ spatialLayer: 0, temporalLayer: this.temporalLayers - 1 }));
    this.health?.expectPicture();
    await this.consumer.requestKeyFrame();
  }

  private effectivelyPaused(): boolean {
    return this.clientPaused || this.view?.visible === false;
  }

  private apply(): Promise<void> {
    const run = this.applying.then(() => this.applyNow());
    this.applying = run.catch(() => undefined);
    return run;
  }

  private async applyNow(): Promise<void> {
    if (this.consumer.closed) return;
    if (this.effectivelyPaused()) {
      if (!this.consumer.paused) await mediaCall('pauseConsumer', () => this.consumer.pause());
      return;
    }
    // During a fallback the base layer holds until its timer ends; a new view applies then.
    if (this.layered && this.fallbackTimer === undefined) {
      // Without a view the consumer wants the top layer (mediasoup's default, restated after a fallback).
      const layers = this.view
        ? pickLayers(this.view, this.layers, this.temporalLayers)
        : { spatialLayer: this.layers.length - 1, temporalLayer: this.temporalLayers - 1 };
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
