import type { PeerId } from '../../../../src-common/ids';
import type { RaisedHand } from '../../../../src-common/protocol';
import { Store } from '../base/Store';
import type { Notices } from './Notices';
import { describeFailure, type Requester } from './types';

/**
 * Raised hands, oldest first, as the server keeps them. Anyone raises and lowers their own hand;
 * moderators lower others' (the server refuses anyone else with FORBIDDEN).
 */
export class Hands {
  readonly state = new Store<readonly RaisedHand[]>([]);

  constructor(
    private readonly request: Requester,
    private readonly notices: Notices,
  ) {}

  /** The server's whole list; returns the peers whose hand just went up (for announcing). */
  set(hands: readonly RaisedHand[]): PeerId[] {
    const before = new Set(this.state.get().map((h) => h.peerId));
    this.state.set([...hands].sort((a, b) => a.raisedAt - b.raisedAt));
    return hands.filter((h) => !before.has(h.peerId)).map((h) => h.peerId);
  }

  isRaised(peerId: PeerId | null): boolean {
    return peerId !== null && this.state.get().some((h) => h.peerId === peerId);
  }

  /** 1 for the first hand raised, 2 for the next...; null when not raised. */
  position(peerId: PeerId | null): number | null {
    const index = this.state.get().findIndex((h) => h.peerId === peerId);
    return index < 0 ? null : index + 1;
  }

  raise(): Promise<void> {
    return this.run(() => this.request('raiseHand', {}), 'Your hand was not raised');
  }

  /** Lowers the local user's hand, or (moderators) `peerId`'s. */
  lower(peerId?: PeerId): Promise<void> {
    return this.run(() => this.request('lowerHand', peerId === undefined ? {} : { peerId }), 'The hand was not lowered');
  }

  lowerAll(): Promise<void> {
    return this.run(() => this.request('lowerAllHands', {}), 'The hands were not lowered');
  }

  private async run(call: () => Promise<unknown>, what: string): Promise<void> {
    try {
      await call();
    } catch (error) {
      this.notices.error(describeFailure(error, what));
    }
  }
}
