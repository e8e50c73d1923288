import type { Producer, RtpEncodingParameters, Transport } from 'mediasoup-client/types';
import type { ProducerId } from '../../../src-common/ids';
import type { MediaSource, VideoLayer } from '../../../src-common/protocol';
import type { LocalMedia, LocalMediaState } from './LocalMedia';
import type { SignalingClient } from './SignalingClient';

/**
 * Camera simulcast: three spatial layers (about 320x180, 640x360 and 1280x720 from a 720p capture),
 * each with three temporal layers, so the server can pick what each tile needs.
 */
export const cameraEncodings: RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3' },
];

type LocalSource = Extract<MediaSource, 'camera' | 'microphone'>;

/** The size of each simulcast layer for a track, lowest first, as the encoder will produce them. */
export function layerSizes(track: MediaStreamTrack, encodings: RtpEncodingParameters[]): VideoLayer[] | undefined {
  const { width, height } = track.getSettings();
  if (!width || !height) return undefined;
  return encodings.map(({ scaleResolutionDownBy = 1 }) => ({
    width: Math.round(width / scaleResolutionDownBy),
    height: Math.round(height / scaleResolutionDownBy),
  }));
}

/**
 * Mirrors LocalMedia into producers: a new track is produced or swapped in with replaceTrack,
 * a removed track closes its producer, mute pauses the producer on both sides. Changes are applied
 * one at a time, in order.
 */
export class Publisher {
  private readonly producers = new Map<LocalSource, Producer>();
  /** Dynacast: the highest layer anyone watches, per producer (null: nobody watches). */
  private readonly wanted = new Map<ProducerId, number | null>();
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | undefined;
  private stopped = false;

  constructor(
    private readonly signaling: SignalingClient,
    private readonly transport: Transport,
    private readonly localMedia: LocalMedia,
  ) {
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.signaling
        .request('produce', {
          transportId: transport.id,
          kind,
          rtpParameters,
          source: appData.source as LocalSource,
          paused: appData.paused === true,
          ...(appData.layers ? { layers: appData.layers as VideoLayer[] } : {}),
        })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
  }

  /** Publishes the current local media and follows its changes; resolves after the first sync. */
  start(): Promise<void> {
    this.unsubscribe = this.localMedia.state.subscribe(() => this.schedule());
    return this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.unsubscribe?.();
  }

  /**
   * Dynacast from the server: encode only up to `spatialLayer` of a video producer, or send no
   * video at all while nobody watches (null). Local only: the others are not told anything.
   */
  setWanted(producerId: ProducerId, spatialLayer: number | null): void {
    this.wanted.set(producerId, spatialLayer);
    const producer = [...this.producers.values()].find((p) => p.id === producerId);
    if (producer) void this.applyWanted(producer);
  }

  private async applyWanted(producer: Producer): Promise<void> {
    const layer = this.wanted.get(producer.id as ProducerId);
    if (layer === undefined || producer.closed) return;
    try {
      if (layer === null) {
        if (!producer.paused) producer.pause();
        return;
      }
      if (producer.paused) producer.resume();
      await producer.setMaxSpatialLayer(layer);
    } catch (error) {
      console.warn(`dynacast: could not apply layer ${String(layer)} to ${producer.id}`, error);
    }
  }

  private schedule(): Promise<void> {
    this.chain = this.chain.then(() => this.sync(this.localMedia.state.get())).catch((error: unknown) => {
      console.error('publishing local media failed', error);
    });
    return this.chain;
  }

  private async sync(state: LocalMediaState): Promise<void> {
    if (this.stopped || this.transport.closed) return;
    await this.syncSource('microphone', state.microphone, state.prefs.micMuted);
    await this.syncSource('camera', state.camera, false);
  }

  private async syncSource(source: LocalSource, track: MediaStreamTrack | null, paused: boolean): Promise<void> {
    const producer = this.producers.get(source);
    if (!track) {
      if (producer) {
        this.producers.delete(source);
        producer.close();
        await this.signaling.request('closeProducer', { producerId: producer.id });
      }
      return;
    }
    if (!producer) {
      const created = await this.transport.produce({
        track,
        stopTracks: false,
        ...(source === 'camera'
          ? { encodings: cameraEncodings, codecOptions: { videoGoogleStartBitrate: 1000 } }
          : { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } }),
        // Muting keeps the track live (level meter, "you are muted" hints) but sends no RTP.
        disableTrackOnPause: false,
        zeroRtpOnPause: true,
        appData: { source, paused, ...(source === 'camera' ? { layers: layerSizes(track, cameraEncodings) } : {}) },
      });
      // The server created it paused already (appData.paused); match that locally.
      if (paused) created.pause();
      this.producers.set(source, created);
      // Dynacast may have spoken before the produce answer arrived.
      await this.applyWanted(created);
      return;
    }
    if (producer.track !== track) await producer.replaceTrack({ track });
    // The camera is never muted by pausing (turning it off closes the producer); its pause state
    // belongs to dynacast.
    if (source === 'microphone' && producer.paused !== paused) {
      if (paused) producer.pause();
      else producer.resume();
      await this.signaling.request(paused ? 'pauseProducer' : 'resumeProducer', { producerId: producer.id });
    }
  }
}
