import type { PeerId } from '../../../src-common/ids';
import type { RemoteParticipant } from '../core/media/Participants';
import { isMuted, isPlaying, localTrackRef, remoteTrackRef, type TrackRef } from '../core/media/trackRef';

/**
 * What one tile shows: a person (you or someone else) through the one reference to each of their
 * sources (core/media/trackRef), which the share views and the participants panel use too.
 */
export interface TileModel {
  /** The person: their peer id, or `local` for you. */
  key: string;
  peerId: PeerId | null;
  displayName: string;
  isLocal: boolean;
  camera: TrackRef;
  microphone: TrackRef;
  /** Their connection dropped and they are expected back (shown on the tile, which stays). */
  reconnecting: boolean;
}

/** The tile's picture: the camera while it plays. */
export function tileVideo(tile: TileModel): MediaStreamTrack | undefined {
  return isPlaying(tile.camera) ? tile.camera.track : undefined;
}

export function tileMicMuted(tile: TileModel): boolean {
  return isMuted(tile.microphone);
}

export function remoteTile(p: RemoteParticipant): TileModel {
  return {
    key: p.peerId,
    peerId: p.peerId,
    displayName: p.displayName,
    isLocal: false,
    camera: remoteTrackRef(p, 'camera'),
    microphone: remoteTrackRef(p, 'microphone'),
    reconnecting: p.reconnecting,
  };
}

export function localTile(peerId: PeerId | null, displayName: string, camera: MediaStreamTrack | null, microphone: MediaStreamTrack | null, micMuted: boolean): TileModel {
  return {
    key: 'local',
    peerId,
    displayName,
    isLocal: true,
    camera: localTrackRef(peerId, displayName, 'camera', camera),
    microphone: localTrackRef(peerId, displayName, 'microphone', microphone, micMuted),
    reconnecting: false,
  };
}

/** The shares in the room: everyone else's (in join order), then yours; each the screen's reference. */
export function shareModels(participants: RemoteParticipant[], ownShare: MediaStreamTrack | null, ownPaused: boolean, ownName: string, ownPeerId: PeerId | null): TrackRef[] {
  const shares = participants.filter((p) => p.published.screen).map((p) => remoteTrackRef(p, 'screen'));
  if (ownShare) shares.push(localTrackRef(ownPeerId, ownName, 'screen', ownShare, ownPaused));
  return shares;
}
