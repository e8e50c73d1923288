import type { PeerId } from '../../../src-common/ids';
import type { RaisedHand } from '../../../src-common/protocol';
import type { RoomMembers } from './RoomMembers';

/** Raised hands in the order they went up; every change is announced with the whole list. */
export class Hands {
  private readonly raised = new Map<PeerId, number>();

  constructor(
    private readonly members: RoomMembers,
    private readonly now: () => number = Date.now,
  ) {}

  list(): RaisedHand[] {
    return [...this.raised].map(([peerId, raisedAt]) => ({ peerId, raisedAt }));
  }

  raise(peerId: PeerId): void {
    if (this.raised.has(peerId)) return;
    this.raised.set(peerId, this.now());
    this.announce();
  }

  lower(peerId: PeerId): void {
    if (this.raised.delete(peerId)) this.announce();
  }

  lowerAll(): void {
    if (this.raised.size === 0) return;
    this.raised.clear();
    this.announce();
  }

  private announce(): void {
    this.members.notifyAll('handsChanged', { hands: this.list() });
  }
}
