import type { ConsumerId, PeerId } from '../../../../src-common/ids';
import type { MediaSource } from '../../../../src-common/protocol';
import type { RemoteParticipant, VideoLimit } from './Participants';

/**
 * One source of one participant (you or someone else), as everything that shows media sees it:
 * who, which source, whether it is published and paused, and the track and consumer behind it.
 * Tiles, the share views and the participants panel all take this one reference.
 */
export interface TrackRef {
  /** Unique among the meeting's sources and stable while it is published: `<peer or "local">:<source>`. */
  key: string;
  /** Null for you before the server answered the join. */
  peerId: PeerId | null;
  displayName: string;
  isLocal: boolean;
  source: MediaSource;
  /** The source is published, and paused (muted) or not; null when it is not published. */
  publication: { paused: boolean } | null;
  /** The media to render: received (once its consumer runs) or, for you, captured. */
  track: MediaStreamTrack | undefined;
  /** Someone else's only: the consumer behind `track`, to report how it is shown (adaptive video). */
  consumerId: ConsumerId | undefined;
  /** Someone else's video held below what its view asks for, and why. */
  limit: VideoLimit | undefined;
}

/** `source` of a remote participant (whether or not they publish it). */
export function remoteTrackRef(p: RemoteParticipant, source: MediaSource): TrackRef {
  return {
    key: `${p.peerId}:${source}`,
    peerId: p.peerId,
    displayName: p.displayName,
    isLocal: false,
    source,
    publication: p.published[source] ?? null,
    track: p.tracks[source],
    consumerId: p.consumerIds[source],
    limit: p.limited[source],
  };
}

/** `source` of your own, captured locally (`track` null: not captured or not published). */
export function localTrackRef(peerId: PeerId | null, displayName: string, source: MediaSource, track: MediaStreamTrack | null, paused = false): TrackRef {
  return {
    key: `local:${source}`,
    peerId,
    displayName,
    isLocal: true,
    source,
    publication: track ? { paused } : null,
    track: track ?? undefined,
    consumerId: undefined,
    limit: undefined,
  };
}

/** Published, not paused, and a track is there to render. */
export function isPlaying(ref: TrackRef): boolean {
  return ref.publication !== null && !ref.publication.paused && ref.track !== undefined;
}

/** Muted: not published, or published and paused (a microphone nobody hears). */
export function isMuted(ref: TrackRef): boolean {
  return ref.publication === null || ref.publication.paused;
}
