import type { Consumer } from 'mediasoup/node/lib/types';
import type { Logger } from '../logger';
import { LAYER_GRACE_MS, PictureWatch, type LayerLimit } from './PictureWatch';
import type { VideoHealthStats } from './VideoHealthStats';

/** What a viewer is told about one consumer's layer (reason null: it has its layer again). */
export interface LayerLimitReport {
  spatialLayer: number | null;
  preferredSpatialLayer: number;
  reason: LayerLimit | null;
}

export interface ConsumerHealthOptions {
  stats: VideoHealthStats;
  logger: Logger;
  /** Tells the consumer's viewer why its layer is limited, or that it no longer is. */
  onLimit: (report: LayerLimitReport) => void;
  now?: () => number;
}

/** The layers a consumer's dump reports (simulcast and SVC consumers; -1 or absent: none). */
interface LayerDump {
  targetSpatialLayer?: number;
  currentSpatialLayer?: number;
}

/**
 * Feeds one real video consumer's events into a PictureWatch and carries out what it decides:
 * asks again for key frames while its viewer is owed a picture, helps a layer switch that waits
 * for one, and tells the viewer when its layer is limited by bandwidth or by the publisher.
 * `tick()` is called periodically by the consumer's owner (one timer per peer, not per consumer).
 */
export class ConsumerHealth {
  private readonly watch = new PictureWatch();
  private readonly now: () => number;
  private told: LayerLimit | null = null;
  private diagnosing = false;

  constructor(
    private readonly consumer: Consumer,
    private readonly options: ConsumerHealthOptions,
  ) {
    this.now = options.now ?? Date.now;
    consumer.observer.on('resume', () => this.watch.expectPicture(this.now()));
    consumer.observer.on('pause', () => this.watch.stop());
    consumer.on('trace', (trace) => {
      if (trace.type === 'keyframe') this.keyFrameSent();
      // The viewer's decoder lacks a decodable frame (loss, a new path): a picture is owed again.
      else if ((trace.type === 'pli' || trace.type === 'fir') && trace.direction === 'in') this.expectPicture();
    });
    consumer
      .enableTraceEvent(['keyframe', 'pli', 'fir'])
      .catch((error: unknown) => options.logger.debug(`enableTraceEvent() | ${String(error)}`));
    this.expectPicture();
  }

  private get showing(): boolean {
    return !this.consumer.closed && !this.consumer.paused && !this.consumer.producerPaused;
  }

  /** Something made the viewer lose its picture (a new path on either side): owe it one. */
  expectPicture(): void {
    if (this.showing) this.watch.expectPicture(this.now());
  }

  tick(): void {
    if (!this.showing) {
      this.watch.stop();
      return;
    }
    const now = this.now();
    if (this.consumer.type === 'simulcast' || this.consumer.type === 'svc') {
      const reached = this.watch.layers(
        { preferred: this.consumer.preferredLayers?.spatialLayer ?? null, current: this.consumer.currentLayers?.spatialLayer ?? null },
        now,
      );
      if (reached && this.told !== null) this.tell(null);
    }
    const action = this.watch.tick(now);
    if (action?.type === 'requestKeyFrame') {
      this.options.stats.keyFrameRetried();
      this.options.logger.info(`tick() | no picture yet for consumer ${this.consumer.id}: key frame request #${action.attempt}`);
      this.requestKeyFrame();
    } else if (action?.type === 'diagnoseLayer') {
      this.diagnose(action.belowForMs).catch((error: unknown) => this.options.logger.debug(`diagnose() | ${String(error)}`));
    }
  }

  private keyFrameSent(): void {
    const recovery = this.watch.keyFrameSent(this.now());
    if (!recovery) return;
    this.options.stats.pictureCame(recovery.waitedMs, recovery.retries);
    if (recovery.retries > 0) {
      this.options.logger.info(`keyFrameSent() | consumer ${this.consumer.id} has a picture after ${recovery.waitedMs} ms and ${recovery.retries} retries`);
    }
  }

  /**
   * Why the preferred layer has not come: the publisher does not send it (its producer stream has
   * no score: dynacast or its encoder stopped it), the viewer's bandwidth estimate keeps the
   * consumer lower (target below preferred), or the switch waits for a key frame (target reached,
   * current not yet), which is asked for.
   */
  private async diagnose(belowForMs: number): Promise<void> {
    if (this.diagnosing) return;
    this.diagnosing = true;
    try {
      const preferred = this.consumer.preferredLayers?.spatialLayer;
      if (preferred === undefined) return;
      const dump = (await this.consumer.dump()) as LayerDump;
      if (!this.showing) return;
      const target = dump.targetSpatialLayer ?? -1;
      const current = this.consumer.currentLayers?.spatialLayer ?? -1;
      const publisherSends = (this.consumer.score.producerScores[preferred] ?? 0) > 0;
      const reason: LayerLimit | null = !publisherSends ? 'publisher' : target < preferred ? 'bandwidth' : null;
      if (reason === null) {
        if (target > current) {
          this.options.stats.layerSwitchHelped();
          this.options.logger.info(`diagnose() | consumer ${this.consumer.id} waits on layer ${target} (at ${current}): key frame`);
          this.requestKeyFrame();
        }
        return;
      }
      if (belowForMs >= LAYER_GRACE_MS && this.told !== reason) {
        this.options.stats.layerLimited(reason);
        this.options.logger.info(`diagnose() | consumer ${this.consumer.id} limited by ${reason}: layer ${current} of ${preferred}`);
        this.tell(reason);
      }
    } finally {
      this.diagnosing = false;
    }
  }

  private tell(reason: LayerLimit | null): void {
    this.told = reason;
    this.options.onLimit({
      spatialLayer: this.consumer.currentLayers?.spatialLayer ?? null,
      preferredSpatialLayer: this.consumer.preferredLayers?.spatialLayer ?? 0,
      reason,
    });
  }

  private requestKeyFrame(): void {
    this.consumer.requestKeyFrame().catch((error: unknown) => this.options.logger.debug(`requestKeyFrame() | ${String(error)}`));
  }
}
