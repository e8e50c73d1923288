import type { ConsumerId, PeerId } from '../../../../src-common/ids';
import type { MediaSource, Role } from '../../../../src-common/protocol';

/** A remote participant as the UI renders it. */
export interface RemoteParticipant {
  peerId: PeerId;
  displayName: string;
  /** Decided by the server; changes when someone is promoted or the host hands over. */
  role: Role;
  /** Received tracks, by source; absent until a consumer is running. */
  tracks: Partial<Record<MediaSource, MediaStreamTrack>>;
  /** The consumer behind each received track, to report how its tile is shown. */
  consumerIds: Partial<Record<MediaSource, ConsumerId>>;
  /** Sources the participant publishes, and whether each is paused (muted). */
  published: Partial<Record<MediaSource, { paused: boolean }>>;
  /** Their connection dropped and the server waits for them to come back (they have not left). */
  reconnecting: boolean;
  /** Received video held below what its tile asks for, and why (told by the server). */
  limited: Partial<Record<MediaSource, VideoLimit>>;
}

/** Why received video is below what its tile asks for: our downlink, or what the sender sends. */
export type VideoLimit = 'bandwidth' | 'publisher';

/** The remote participants of a session, in join order; every change publishes a new list. */
export class Participants {
  private readonly byId = new Map<PeerId, RemoteParticipant>();

  constructor(private readonly publish: (list: RemoteParticipant[]) => void) {}

  add(peerId: PeerId, displayName: string, options: { role?: Role; reconnecting?: boolean } = {}): void {
    if (this.byId.has(peerId)) return;
    const { role = 'participant', reconnecting = false } = options;
    this.byId.set(peerId, { peerId, displayName, role, tracks: {}, consumerIds: {}, published: {}, reconnecting, limited: {} });
    this.emit();
  }

  list(): RemoteParticipant[] {
    return [...this.byId.values()];
  }

  has(peerId: PeerId): boolean {
    return this.byId.has(peerId);
  }

  setRole(peerId: PeerId, role: Role): void {
    this.change(peerId, (p) => ({ ...p, role }));
  }

  setReconnecting(peerId: PeerId, reconnecting: boolean): void {
    if (this.byId.get(peerId)?.reconnecting === reconnecting) return;
    this.change(peerId, (p) => ({ ...p, reconnecting }));
  }

  remove(peerId: PeerId): void {
    if (this.byId.delete(peerId)) this.emit();
  }

  setTrack(peerId: PeerId, source: MediaSource, received: { track: MediaStreamTrack; consumerId: ConsumerId } | null): void {
    this.change(peerId, (p) => {
      const tracks = { ...p.tracks };
      const consumerIds = { ...p.consumerIds };
      if (received) {
        tracks[source] = received.track;
        consumerIds[source] = received.consumerId;
      } else {
        delete tracks[source];
        delete consumerIds[source];
      }
      const limited = { ...p.limited };
      delete limited[source];
      return { ...p, tracks, consumerIds, limited };
    });
  }

  /** The server says a consumer's video is held low (or, with null, no longer is). */
  setLimited(consumerId: ConsumerId, reason: VideoLimit | null): void {
    for (const p of this.byId.values()) {
      const source = (Object.keys(p.consumerIds) as MediaSource[]).find((s) => p.consumerIds[s] === consumerId);
      if (!source || (p.limited[source] ?? null) === reason) continue;
      this.change(p.peerId, (current) => {
        const limited = { ...current.limited };
        if (reason) limited[source] = reason;
        else delete limited[source];
        return { ...current, limited };
      });
    }
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
