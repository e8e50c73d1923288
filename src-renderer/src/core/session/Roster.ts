import type { PeerId } from '../../../../src-common/ids';
import type { PeerInfo } from '../../../../src-common/protocol';
import type { Emitter } from '../base/Emitter';
import type { Store } from '../base/Store';
import { Participants } from '../media/Participants';
import type { ServerNotification } from './Connection';
import type { PeerLink } from './PeerLink';
import { applyNotification } from './sessionNotifications';
import type { AudioLevels, LobbyEvents, SessionEvents, SessionState } from './sessionTypes';

/** Where the roster publishes: the session's stores and emitters, and its peer of the moment. */
export interface RosterOutputs {
  state: Store<SessionState>;
  levels: Store<AudioLevels>;
  events: Emitter<SessionEvents>;
  lobbyEvents: Emitter<LobbyEvents>;
  link: () => PeerLink | undefined;
}

/**
 * The room as this session sees it: the remote participants, the server's notifications applied
 * to them, and who has been announced as joining or leaving (once each, across rejoins).
 */
export class Roster {
  readonly participants: Participants;
  /** Peers seen before a drop, so a rejoin does not announce them as newcomers. */
  private known = new Set<PeerId>();
  /** Peers present at the join are announced with `joined`; later ones one by one. */
  private announcing = false;

  constructor(private readonly out: RosterOutputs) {
    this.participants = new Participants((list) => out.state.update((s) => ({ ...s, participants: list })));
  }

  /** The session is in: from now on newcomers are announced one by one. */
  announceJoined(localPeerId: PeerId): void {
    this.announcing = true;
    this.out.events.emit('joined', {
      localPeerId,
      peers: this.participants.list().map((p) => ({ peerId: p.peerId, displayName: p.displayName })),
    });
  }

  /** Before a full rejoin: who is here now, so the rejoin announces only real changes. */
  remember(): void {
    this.known = new Set(this.participants.list().map((p) => p.peerId));
  }

  /** After a rejoin: people who were here before the drop and are not any more left while we were away. */
  forgetGone(): void {
    const present = new Set(this.participants.list().map((p) => p.peerId));
    for (const peerId of this.known) if (!present.has(peerId)) this.out.events.emit('participantLeft', { peerId });
    this.known.clear();
  }

  add(peer: PeerInfo): void {
    this.participants.add(peer.peerId, peer.displayName, { role: peer.role, reconnecting: peer.reconnecting === true });
    if (this.announcing && !this.known.has(peer.peerId)) this.out.events.emit('participantJoined', { peerId: peer.peerId, displayName: peer.displayName });
    for (const producer of peer.producers) this.out.link()?.subscriber?.add(peer.peerId, producer);
  }

  remove(peerId: PeerId): void {
    this.out.link()?.subscriber?.removePeer(peerId);
    this.participants.remove(peerId);
    this.out.events.emit('participantLeft', { peerId });
  }

  apply({ method, data }: ServerNotification): void {
    const link = this.out.link();
    const { state, levels, events, lobbyEvents } = this.out;
    applyNotification(method, data, {
      addPeer: (peer) => this.add(peer),
      removePeer: (peerId) => this.remove(peerId),
      participants: this.participants,
      subscriber: link?.subscriber,
      publisher: link?.publisher,
      views: link?.views,
      setActiveSpeaker: (peerId) => state.update((s) => ({ ...s, activeSpeakerId: peerId })),
      setLevels: (next) => levels.set(next),
      setRole: (peerId, role) => {
        this.participants.setRole(peerId, role);
        if (peerId === state.get().localPeerId) state.update((s) => ({ ...s, localRole: role }));
      },
      meetingNotification: (event) => events.emit('meetingNotification', event),
      lobby: lobbyEvents,
    });
  }
}
