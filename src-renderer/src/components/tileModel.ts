import type { ConsumerId, PeerId } from '../../../src-common/ids';
import { isMicMuted, type RemoteParticipant, type VideoLimit } from '../core/media/Participants';
import type { ShareModel } from './ShareTile';

/** What one tile shows: a person (you or someone else) and their camera, if any. */
export interface TileModel {
  key: string;
  peerId: PeerId | null;
  displayName: string;
  isLocal: boolean;
  video: MediaStreamTrack | undefined;
  videoConsumerId: ConsumerId | undefined;
  micMuted: boolean;
  /** Their connection dropped and they are expected back (shown on the tile, which stays). */
  reconnecting: boolean;
  /** Their video is held below what the tile needs, and why (shown as a small note). */
  videoLimit: VideoLimit | undefined;
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
    reconnecting: p.reconnecting,
    videoLimit: cameraOn ? p.limited.camera : undefined,
  };
}

export function localTile(peerId: PeerId | null, displayName: string, camera: MediaStreamTrack | null, micMuted: boolean): TileModel {
  return { key: 'local', peerId, displayName, isLocal: true, video: camera ?? undefined, videoConsumerId: undefined, micMuted, reconnecting: false, videoLimit: undefined };
}

/** The shares in the room: everyone else's (in join order), then yours. */
export function shareModels(participants: RemoteParticipant[], ownShare: MediaStreamTrack | null, ownPaused: boolean, ownName: string): ShareModel[] {
  const shares: ShareModel[] = participants
    .filter((p) => p.published.screen)
    .map((p) => ({
      key: `${p.peerId}:screen`,
      ownerName: p.displayName,
      isLocal: false,
      video: p.tracks.screen,
      consumerId: p.consumerIds.screen,
      paused: p.published.screen?.paused === true,
    }));
  if (ownShare) shares.push({ key: 'local:screen', ownerName: ownName, isLocal: true, video: ownShare, consumerId: undefined, paused: ownPaused });
  return shares;
}
