import type { PeerId } from '../../../../src-common/ids';
import type { Reaction } from '../../../../src-common/protocol';
import { Store } from '../base/Store';
import type { Notices } from './Notices';
import { describeFailure, type Requester } from './types';

/** How long a reaction stays over its sender's tile. */
export const REACTION_MS = 4000;

export interface ShownReaction {
  reaction: Reaction;
  /** Changes with every reaction, so the same emoji twice animates twice. */
  key: number;
}

/** Reactions currently shown over each sender's tile; each disappears after {@link REACTION_MS}. */
export class Reactions {
  readonly state = new Store<ReadonlyMap<PeerId, ShownReaction>>(new Map());
  private nextKey = 1;
  private readonly timers = new Map<PeerId, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly request: Requester,
    private readonly notices: Notices,
    private readonly lifetimeMs = REACTION_MS,
  ) {}

  /** Someone (possibly the local user) reacted. */
  show(peerId: PeerId, reaction: Reaction): void {
    const key = this.nextKey++;
    this.state.update((shown) => new Map(shown).set(peerId, { reaction, key }));
    clearTimeout(this.timers.get(peerId));
    this.timers.set(
      peerId,
      setTimeout(() => {
        this.timers.delete(peerId);
        this.state.update((shown) => {
          const next = new Map(shown);
          next.delete(peerId);
          return next;
        });
      }, this.lifetimeMs),
    );
  }

  async send(reaction: Reaction): Promise<void> {
    try {
      await this.request('sendReaction', { reaction });
    } catch (error) {
      this.notices.error(describeFailure(error, 'Your reaction was not sent'));
    }
  }

  /** Clears every pending timer. Safe to call twice. */
  close(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
