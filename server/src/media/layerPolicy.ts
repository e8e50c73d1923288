import type { VideoLayer } from '../../../src-common/protocol';

/**
 * Turning a receiver's view of a tile into simulcast layers and a bandwidth priority. Pure, so
 * the policy is tested without media.
 */

/** Layer sizes assumed when a publisher did not say (Parley's camera encodings from 720p). */
export const defaultLayers: readonly VideoLayer[] = [
  { width: 320, height: 180 },
  { width: 640, height: 360 },
  { width: 1280, height: 720 },
];

/** A layer may be drawn up to this much larger than it is encoded before the next one is asked for. */
const UPSCALE_TOLERANCE = 1.15;

/** Tiles narrower than this get the lower frame rate of the lowest layer (thumbnails, filmstrips). */
const THUMBNAIL_WIDTH = 200;

export interface ViewSize {
  width: number;
  height: number;
}

export interface LayerChoice {
  spatialLayer: number;
  temporalLayer: number;
}

/**
 * The smallest spatial layer that covers the view (with a little upscaling allowed), at full frame
 * rate except for thumbnails, which take the lowest layer at half rate.
 */
export function pickLayers(view: ViewSize, layers: readonly VideoLayer[] = defaultLayers, temporalLayers = 3): LayerChoice {
  const top = Math.max(0, layers.length - 1);
  const fullRate = Math.max(0, temporalLayers - 1);
  let spatialLayer = top;
  for (let i = 0; i < layers.length; i++) {
    const layer = layers[i]!;
    if (layer.width * UPSCALE_TOLERANCE >= view.width && layer.height * UPSCALE_TOLERANCE >= view.height) {
      spatialLayer = i;
      break;
    }
  }
  const thumbnail = spatialLayer === 0 && view.width < THUMBNAIL_WIDTH;
  return { spatialLayer, temporalLayer: thumbnail ? Math.max(0, fullRate - 1) : fullRate };
}

/**
 * mediasoup shares a transport's estimated downlink among its consumers by priority (1-255): when
 * bandwidth is short, low-priority consumers drop layers first. Pinned tiles and the active speaker
 * keep quality longest, then larger tiles before smaller ones.
 */
export function priorityFor(view: ViewSize & { pinned?: boolean | undefined }, isActiveSpeaker: boolean): number {
  const area = view.width * view.height;
  const sizeRank = area >= 640 * 360 ? 3 : area >= 320 * 180 ? 2 : 1;
  return sizeRank + (isActiveSpeaker ? 10 : 0) + (view.pinned ? 20 : 0);
}
