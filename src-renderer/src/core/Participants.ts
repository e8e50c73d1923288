import type { PeerId } from '../../../src-common/ids';
import type { MediaSource } from '../../../src-common/protocol';

/** A remote participant as the UI renders it. */
export interface RemoteParticipant {
  peerId: PeerId;
  displayName: string;
  /** Received tracks, by source; null until a consumer is running. */
  tracks: Partial<Record<MediaSource, MediaStreamTrack>>;
  /** Sources the participant publishes, and whether each is paused (muted). */
  published: Partial<Record<MediaSource, { paused: boolean }>>;
}

export function isMicMuted(p: RemoteParticipant): boolean {
  return !p.published.microphone || p.published.microphone.paused;
}

export function isCameraOff(p: RemoteParticipant): boolean {
  return !p.published.camera || p.published.camera.paused;
}

/** The remote participants of a session, in join order; every change publishes a new list. */
export class Participants {
  private readonly byId = new Map<PeerId, RemoteParticipant>();

  constructor(private readonly publish: (list: RemoteParticipant[]) => void) {}

  add(peerId: PeerId, displayName: string): void {
    if (this.byId.has(peerId)) return;
    this.byId.set(peerId, { peerId, displayName, tracks: {}, published: {} });
    this.emit();
  }

  remove(peerId: PeerId): void {
    if (this.byId.delete(peerId)) this.emit();
  }

  setTrack(peerId: PeerId, source: MediaSource, track: MediaStreamTrack | null): void {
    this.change(peerId, (p) => {
      const tracks = { ...p.tracks };
      if (track) tracks[source] = track;
      else delete tracks[source];
      return { ...p, tracks };
    });
  }

  setPublished(peerId: PeerId, source: MediaSource, state: { paused: boolean } | null): void {
    this.change(peerId, (p) => {
      const published = { ...p.published };
      if (state) published[source] = state;
      else delete published[source];
      return { ...p, published };
    });
  }

  clear(): void {
    this.byId.clear();
    this.emit();
  }

  private change(peerId: PeerId, update: (p: RemoteParticipant) => RemoteParticipant): void {
    const current = this.byId.get(peerId);
    if (!current) return;
    this.byId.set(peerId, update(current));
    this.emit();
  }

  private emit(): void {
    this.publish([...this.byId.values()]);
  }
}
