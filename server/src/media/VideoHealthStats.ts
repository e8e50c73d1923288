import type { LayerLimit } from './PictureWatch';

/** A snapshot of one server's video self-healing, for `/metrics`, the bench and tests. */
export interface VideoHealthSnapshot {
  /** Key frames the watch asked for because a viewer was still owed a picture. */
  keyFrameRetries: number;
  /** Pictures that came after the watch had to ask again (each one a tile that would have stayed black). */
  recoveries: number;
  /** Pictures that came without a retry. */
  firstTry: number;
  /** Layer switches helped along with a key frame. */
  layerSwitchKeyFrames: number;
  /** Viewers told that they do not get their layer, by reason. */
  layerLimited: Record<LayerLimit, number>;
  /** The longest wait for a picture seen, in ms. */
  longestWaitMs: number;
}

/**
 * Counts of what the video watch did on one server (one instance per server: never module state).
 */
export class VideoHealthStats {
  private readonly counts: VideoHealthSnapshot = {
    keyFrameRetries: 0,
    recoveries: 0,
    firstTry: 0,
    layerSwitchKeyFrames: 0,
    layerLimited: { bandwidth: 0, publisher: 0 },
    longestWaitMs: 0,
  };

  keyFrameRetried(): void {
    this.counts.keyFrameRetries += 1;
  }

  pictureCame(waitedMs: number, retries: number): void {
    if (retries > 0) this.counts.recoveries += 1;
    else this.counts.firstTry += 1;
    this.counts.longestWaitMs = Math.max(this.counts.longestWaitMs, Math.round(waitedMs));
  }

  layerSwitchHelped(): void {
    this.counts.layerSwitchKeyFrames += 1;
  }

  layerLimited(reason: LayerLimit): void {
    this.counts.layerLimited[reason] += 1;
  }

  /** Prometheus text format, for `/metrics`. */
  prometheus(): string {
    const c = this.counts;
    const counter = (name: string, help: string, value: number): string => `# HELP ${name} ${help}\n# TYPE ${name} counter\n${name} ${value}\n`;
    return (
      counter('parley_video_keyframe_retries_total', 'Key frames asked for again because a viewer was still owed a picture.', c.keyFrameRetries) +
      counter('parley_video_recoveries_total', 'Pictures that came only after the watch asked again.', c.recoveries) +
      counter('parley_video_first_try_total', 'Pictures that came without a retry.', c.firstTry) +
      counter('parley_video_layer_switch_keyframes_total', 'Layer switches helped along with a key frame.', c.layerSwitchKeyFrames) +
      `# HELP parley_video_layer_limited_total Viewers told that their layer is limited, by reason.\n# TYPE parley_video_layer_limited_total counter\n` +
      `parley_video_layer_limited_total{reason="bandwidth"} ${c.layerLimited.bandwidth}\nparley_video_layer_limited_total{reason="publisher"} ${c.layerLimited.publisher}\n` +
      `# HELP parley_video_longest_wait_ms The longest wait for a picture seen.\n# TYPE parley_video_longest_wait_ms gauge\nparley_video_longest_wait_ms ${c.longestWaitMs}\n`
    );
  }

  snapshot(): VideoHealthSnapshot {
    return { ...this.counts, layerLimited: { ...this.counts.layerLimited } };
  }
}
