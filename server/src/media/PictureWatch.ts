/**
 * Self-healing video for one consumer, as pure logic over a clock the caller passes in (tested
 * without media; ConsumerControl feeds it the real consumer's events).
 *
 * Why it exists: a video consumer that starts (a resume, a new path, a layer switch) shows
 * nothing until a key frame reaches it. mediasoup asks the publisher for one and retries once
 * after a second, then gives up (KeyFrameRequestManager), and a VP8 encoder in Chromium sends no
 * periodic key frames. So a request that is lost, or that reaches an encoder still restarting
 * (dynacast had paused it, its machine is busy), leaves a black or frozen tile until the viewer
 * rejoins. This watch keeps asking, with backoff, until a key frame has been forwarded.
 *
 * It also watches the spatial layer: a viewer whose preferred layer is not reached within a few
 * seconds is told why (its own bandwidth, or what the publisher sends), and the switch is helped
 * along with key frames when neither is the reason.
 */

/** First retry: mediasoup itself retried once after 1 s, so ours starts after that. */
export const FIRST_RETRY_MS = 1_200;
/** Backoff doubles up to this. */
export const MAX_RETRY_MS = 4_000;
/** A preferred layer not reached for this long is explained to the viewer. */
export const LAYER_GRACE_MS = 3_000;

/** Why a viewer does not get the layer its tile asks for. */
export type LayerLimit = 'bandwidth' | 'publisher';

/** What the consumer looks like at one tick; null fields are unknown or not applicable. */
export interface LayerState {
  /** The layer the tile asks for (null: not a layered consumer). */
  preferred: number | null;
  /** The layer being forwarded now (null: none). */
  current: number | null;
}

export type WatchAction =
  | { type: 'requestKeyFrame'; attempt: number }
  /**
   * The preferred layer has not come: look at why (a switch waiting for a key frame is helped with
   * one; a limit is told to the viewer once `belowForMs` reaches LAYER_GRACE_MS). Repeats with backoff.
   */
  | { type: 'diagnoseLayer'; belowForMs: number };

export interface Recovery {
  /** How long the viewer waited for a picture. */
  waitedMs: number;
  /** Key frames this watch asked for before it came (0: mediasoup's own request sufficed). */
  retries: number;
}

export class PictureWatch {
  /** Since when the viewer has been owed a picture (undefined: it has one, or wants none). */
  private owedSince: number | undefined;
  private nextRetryAt = Infinity;
  private retryDelay = FIRST_RETRY_MS;
  private retries = 0;
  /** Since when the current layer has been below the preferred one. */
  private belowSince: number | undefined;
  private layerRetryAt = Infinity;
  private layerRetryDelay = FIRST_RETRY_MS;

  /** True while the watch is waiting for a picture. */
  get waiting(): boolean {
    return this.owedSince !== undefined;
  }

  /** The consumer (re)started showing video: the viewer needs a key frame from now on. */
  expectPicture(now: number): void {
    if (this.owedSince !== undefined) return;
    this.owedSince = now;
    this.retries = 0;
    this.retryDelay = FIRST_RETRY_MS;
    this.nextRetryAt = now + this.retryDelay;
  }

  /** The consumer stopped showing video (paused, hidden, producer paused): nothing is owed. */
  stop(): void {
    this.owedSince = undefined;
    this.nextRetryAt = Infinity;
    this.belowSince = undefined;
    this.layerRetryAt = Infinity;
  }

  /** A key frame was forwarded to the viewer. Returns the recovery if one was owed. */
  keyFrameSent(now: number): Recovery | undefined {
    if (this.owedSince === undefined) return undefined;
    const recovery = { waitedMs: now - this.owedSince, retries: this.retries };
    this.owedSince = undefined;
    this.nextRetryAt = Infinity;
    return recovery;
  }

  /** Layers seen now; returns whether the preferred layer is reached (or none is preferred). */
  layers(state: LayerState, now: number): boolean {
    const below = state.preferred !== null && (state.current === null || state.current < state.preferred);
    if (!below) {
      this.belowSince = undefined;
      this.layerRetryAt = Infinity;
      return true;
    }
    if (this.belowSince === undefined) {
      this.belowSince = now;
      this.layerRetryDelay = FIRST_RETRY_MS;
      this.layerRetryAt = now + this.layerRetryDelay;
    }
    return false;
  }

  /** What to do now, at most one action per call. */
  tick(now: number): WatchAction | undefined {
    if (this.owedSince !== undefined && now >= this.nextRetryAt) {
      this.retries += 1;
      this.retryDelay = Math.min(MAX_RETRY_MS, this.retryDelay * 2);
      this.nextRetryAt = now + this.retryDelay;
      return { type: 'requestKeyFrame', attempt: this.retries };
    }
    // No picture at all is the first worry; layers come after.
    if (this.belowSince === undefined || this.owedSince !== undefined || now < this.layerRetryAt) return undefined;
    this.layerRetryDelay = Math.min(MAX_RETRY_MS, this.layerRetryDelay * 2);
    this.layerRetryAt = now + this.layerRetryDelay;
    return { type: 'diagnoseLayer', belowForMs: now - this.belowSince };
  }
}
