import type { ConsumerId, PeerId } from '../../../src-common/ids';
import { isMicMuted, type RemoteParticipant } from '../core/Participants';

/** What one tile shows: a person (you or someone else) and their camera, if any. */
export interface TileModel {
  key: string;
  peerId: PeerId | null;
  displayName: string;
  isLocal: boolean;
  video: MediaStreamTrack | undefined;
  videoConsumerId: ConsumerId | undefined;
  micMuted: boolean;
}

export function remoteTile(p: RemoteParticipant): TileModel {
  const cameraOn = p.published.camera && !p.published.camera.paused;
  return {
    key: p.peerId,
    peerId: p.peerId,
    displayName: p.displayName,
    isLocal: false,
    video: cameraOn ? p.tracks.camera : undefined,
    videoConsumerId: cameraOn ? p.consumerIds.camera : undefined,
    micMuted: isMicMuted(p),
  };
}

export function localTile(peerId: PeerId | null, displayName: string, camera: MediaStreamTrack | null, micMuted: boolean): TileModel {
  return { key: 'local', peerId, displayName, isLocal: true, video: camera ?? undefined, videoConsumerId: undefined, micMuted };
}
