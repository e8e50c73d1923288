import type { Producer, RtpEncodingParameters, Transport } from 'mediasoup-client/types';
import type { MediaSource } from '../../../src-common/protocol';
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

/**
 * Mirrors LocalMedia into producers: a new track is produced or swapped in with replaceTrack,
 * a removed track closes its producer, mute pauses the producer on both sides. Changes are applied
 * one at a time, in order.
 */
export class Publisher {
  private readonly producers = new Map<LocalSource, Producer>();
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
        appData: { source, paused },
      });
      // The server created it paused already (appData.paused); match that locally.
      if (paused) created.pause();
      this.producers.set(source, created);
      return;
    }
    if (producer.track !== track) await producer.replaceTrack({ track });
    if (producer.paused !== paused) {
      if (paused) producer.pause();
      else producer.resume();
      await this.signaling.request(paused ? 'pauseProducer' : 'resumeProducer', { producerId: producer.id });
    }
  }
}
