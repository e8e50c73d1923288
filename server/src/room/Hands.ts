import type { PeerId } from '../../../src-common/ids';
import type { RaisedHand } from '../../../src-common/protocol';
import type { RoomMembers } from './RoomMembers';

/** How raised hands reach the meeting's parts on other nodes of a cluster (cluster/RoomSpan.ts). */
export interface HandsRelay {
  /** This node's own raised hands changed (the whole list of its people's hands). */
  handsChanged(own: RaisedHand[]): void;
  /** A moderator here lowers the hand of someone on another node. */
  lowerHand(peerId: PeerId): void;
  /** A moderator here lowers every hand, on every node. */
  lowerAllHands(): void;
}

/**
 * Raised hands in the order they went up; every change is announced with the whole list. In a
 * cluster the list also holds the hands of the meeting's people on other nodes, as those nodes
 * report them; each node decides only about its own people's hands.
 */
export class Hands {
  private readonly raised = new Map<PeerId, number>();
  /** The other nodes' raised hands, by node. */
  private readonly remote = new Map<string, RaisedHand[]>();

  constructor(
    private readonly members: RoomMembers,
    private readonly now: () => number = Date.now,
    private readonly relay?: HandsRelay,
  ) {}

  list(): RaisedHand[] {
    const own = [...this.raised].map(([peerId, raisedAt]) => ({ peerId, raisedAt }));
    if (this.remote.size === 0) return own;
    return [...own, ...[...this.remote.values()].flat()].sort((a, b) => a.raisedAt - b.raisedAt);
  }

  /** This node's own people's raised hands. */
  own(): RaisedHand[] {
    return [...this.raised].map(([peerId, raisedAt]) => ({ peerId, raisedAt }));
  }

  raise(peerId: PeerId): void {
    if (this.raised.has(peerId)) return;
    this.raised.set(peerId, this.now());
    this.changed();
  }

  lower(peerId: PeerId): void {
    if (this.raised.delete(peerId)) this.changed();
    else if ([...this.remote.values()].some((hands) => hands.some((hand) => hand.peerId === peerId))) this.relay?.lowerHand(peerId);
  }

  lowerAll(): void {
    this.relay?.lowerAllHands();
    this.lowerOwn();
  }

  /** Lowers the hands of this node's people only (another node's moderator lowered all). */
  lowerOwn(): void {
    if (this.raised.size === 0) return;
    this.raised.clear();
    this.changed();
  }

  /** Node `nodeId` reports its people's raised hands (none: it left the meeting). */
  setRemote(nodeId: string, hands: RaisedHand[]): void {
    if (hands.length === 0 && !this.remote.has(nodeId)) return;
    if (hands.length === 0) this.remote.delete(nodeId);
    else this.remote.set(nodeId, hands);
    this.announce();
  }

  private changed(): void {
    this.announce();
    this.relay?.handsChanged(this.own());
  }

  private announce(): void {
    this.members.notifyAll('handsChanged', { hands: this.list() });
  }
}
