import type { Producer, ProducerOptions, RtpEncodingParameters, Transport } from 'mediasoup-client/types';
import type { ProducerId } from '../../../../src-common/ids';
import type { MediaSource, VideoLayer } from '../../../../src-common/protocol';
import type { LocalMedia } from './LocalMedia';
import { shareSettings, type ScreenShare, type ShareProfile } from './ScreenShare';
import type { Requester } from '../signaling/SignalingChannel';

/**
 * Camera simulcast: three spatial layers (about 320x180, 640x360 and 1280x720 from a 720p capture),
 * each with three temporal layers, so the server can pick what each tile needs.
 */
export const cameraEncodings: RtpEncodingParameters[] = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, scalabilityMode: 'L1T3' },
  { scaleResolutionDownBy: 1, maxBitrate: 1_500_000, scalabilityMode: 'L1T3' },
];

/** The size of each simulcast layer for a track, lowest first, as the encoder will produce them. */
export function layerSizes(track: MediaStreamTrack, encodings: RtpEncodingParameters[]): VideoLayer[] | undefined {
  const { width, height } = track.getSettings();
  if (!width || !height) return undefined;
  return encodings.map(({ scaleResolutionDownBy = 1 }) => ({
    width: Math.round(width / scaleResolutionDownBy),
    height: Math.round(height / scaleResolutionDownBy),
  }));
}

/** One share encoding, no downscaled copy: text stays readable and nothing is encoded twice. */
function screenEncoding(profile: ShareProfile): RtpEncodingParameters {
  const { maxBitrate, frameRate } = shareSettings(profile);
  return { maxBitrate, maxFramerate: frameRate };
}

/** What should be published for one source right now. */
interface Desired {
  track: MediaStreamTrack | null;
  /** Muted by the user (mic) or paused (share): the others are told, nothing is forwarded. */
  userPaused: boolean;
  profile?: ShareProfile;
}

const sources = ['microphone', 'camera', 'screen', 'screenAudio'] as const satisfies readonly MediaSource[];
type Source = (typeof sources)[number];

/**
 * Mirrors LocalMedia and ScreenShare into producers: a new track is produced or swapped in with
 * replaceTrack, a removed track closes its producer, a user pause (mute, share pause) pauses the
 * producer on both sides, and dynacast pauses or trims video locally. One change at a time, in order.
 */
export class Publisher {
  private readonly producers = new Map<Source, Producer>();
  /** Whether the server has each producer paused (by the user, not by dynacast). */
  private readonly serverPaused = new Map<Source, boolean>();
  private readonly profiles = new Map<Source, ShareProfile>();
  /** Dynacast: the highest layer anyone watches, per producer (null: nobody watches). */
  private readonly wanted = new Map<ProducerId, number | null>();
  private chain: Promise<void> = Promise.resolve();
  private unsubscribes: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly signaling: Requester,
    private readonly transport: Transport,
    private readonly localMedia: LocalMedia,
    private readonly screenShare: ScreenShare,
  ) {
    transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.signaling
        .request('produce', {
          transportId: transport.id,
          kind,
          rtpParameters,
          source: appData.source as Source,
          paused: appData.paused === true,
          ...(appData.layers ? { layers: appData.layers as VideoLayer[] } : {}),
        })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
  }

  /** Publishes the current local media and follows its changes; resolves after the first sync. */
  start(): Promise<void> {
    this.unsubscribes = [this.localMedia.state.subscribe(() => this.schedule()), this.screenShare.state.subscribe(() => this.schedule())];
    return this.schedule();
  }

  stop(): void {
    this.stopped = true;
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.unsubscribes = [];
  }

  /**
   * Dynacast from the server: encode only up to `spatialLayer` of a video producer, or send no
   * video at all while nobody watches (null). Local only: the others are not told anything.
   */
  setWanted(producerId: ProducerId, spatialLayer: number | null): void {
    this.wanted.set(producerId, spatialLayer);
    const entry = [...this.producers].find(([, p]) => p.id === producerId);
    if (entry) this.chain = this.chain.then(() => this.applyLocalPause(entry[0], entry[1]));
  }

  private schedule(): Promise<void> {
    this.chain = this.chain.then(() => this.sync()).catch((error: unknown) => {
      console.error('publishing local media failed', error);
    });
    return this.chain;
  }

  private desired(source: Source): Desired {
    const media = this.localMedia.state.get();
    const share = this.screenShare.state.get();
    switch (source) {
      case 'microphone':
        return { track: media.microphone, userPaused: media.prefs.micMuted };
      case 'camera':
        return { track: media.camera, userPaused: false };
      case 'screen':
        return { track: share.video, userPaused: share.paused, profile: share.profile };
      case 'screenAudio':
        return { track: share.audio, userPaused: share.paused };
    }
  }

  private async sync(): Promise<void> {
    for (const source of sources) {
      if (this.stopped || this.transport.closed) return;
      await this.syncSource(source, this.desired(source));
    }
  }

  private async syncSource(source: Source, { track, userPaused, profile }: Desired): Promise<void> {
    let producer = this.producers.get(source);
    if (producer && !track) {
      this.producers.delete(source);
      this.serverPaused.delete(source);
      producer.close();
      await this.signaling.request('closeProducer', { producerId: producer.id });
      return;
    }
    if (!track) return;
    if (!producer) {
      producer = await this.transport.produce({
        track,
        stopTracks: false,
        ...this.options(source, track, profile),
        // Pausing keeps the track live (level meter, "you are muted" hints) but sends no RTP.
        disableTrackOnPause: false,
        zeroRtpOnPause: true,
        appData: { source, paused: userPaused, ...(source === 'camera' ? { layers: layerSizes(track, cameraEncodings) } : {}) },
      });
      this.producers.set(source, producer);
      this.serverPaused.set(source, userPaused);
      if (profile) this.profiles.set(source, profile);
      await this.applyLocalPause(source, producer);
      return;
    }
    if (producer.track !== track) await producer.replaceTrack({ track });
    if (profile && this.profiles.get(source) !== profile) {
      this.profiles.set(source, profile);
      await producer.setRtpEncodingParameters(screenEncoding(profile));
    }
    if (this.serverPaused.get(source) !== userPaused) {
      this.serverPaused.set(source, userPaused);
      await this.signaling.request(userPaused ? 'pauseProducer' : 'resumeProducer', { producerId: producer.id });
    }
    await this.applyLocalPause(source, producer);
  }

  private options(source: Source, track: MediaStreamTrack, profile: ShareProfile | undefined): Partial<ProducerOptions> {
    switch (source) {
      case 'camera':
        return { encodings: cameraEncodings, codecOptions: { videoGoogleStartBitrate: 1000 } };
      case 'screen':
        return { encodings: [screenEncoding(profile ?? 'detail')], codecOptions: { videoGoogleStartBitrate: 1000 } };
      case 'microphone':
        return { codecOptions: { opusStereo: false, opusDtx: true, opusFec: true } };
      case 'screenAudio':
        // Shared audio is often music or a video's soundtrack: stereo, and no DTX cutting quiet passages.
        return { codecOptions: { opusStereo: track.getSettings().channelCount !== 1, opusDtx: false, opusFec: true } };
    }
  }

  /** A producer sends nothing while the user paused it or (video) nobody watches it. */
  private async applyLocalPause(source: Source, producer: Producer): Promise<void> {
    if (producer.closed) return;
    const wanted = this.wanted.get(producer.id as ProducerId);
    const paused = this.serverPaused.get(source) === true || (producer.kind === 'video' && wanted === null);
    try {
      if (paused) {
        if (!producer.paused) producer.pause();
        return;
      }
      if (producer.paused) producer.resume();
      if (source === 'camera' && typeof wanted === 'number') await producer.setMaxSpatialLayer(wanted);
    } catch (error) {
      console.warn(`could not apply the send state of ${source}`, error);
    }
  }
}
