import { randomUUID } from 'node:crypto';
import type { Knock, KnockId } from '../../../src-common/protocol';

/** How a waiting connection hears the host's decision. */
export interface Knocker {
  admit(): void;
  deny(reason: string): void;
}

/**
 * The people waiting to enter one hosted meeting, oldest first. The lobby only keeps the list and
 * carries decisions to the waiting connections; who may decide is checked by the caller.
 */
/** At most this many people wait at once, and this many of them from one address (no flooding the host's list). */
export const MAX_WAITING = 50;
export const MAX_WAITING_PER_ADDRESS = 3;

export class Lobby {
  private readonly waiting = new Map<KnockId, { knock: Knock; knocker: Knocker; address: string }>();

  constructor(
    /** Called after every change, with the new list (the meeting tells its moderators). */
    private readonly changed: (knocks: Knock[]) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.waiting.size;
  }

  list(): Knock[] {
    return [...this.waiting.values()].map(({ knock }) => knock);
  }

  /** Whether one more person from `address` may wait. */
  hasRoomFor(address: string): boolean {
    return this.refusal(address) === null;
  }

  /** Why one more person from `address` may not wait (the lobby is full, or that address has its share), or null. */
  refusal(address: string): 'full' | 'address' | null {
    if (this.waiting.size >= MAX_WAITING) return 'full';
    let fromAddress = 0;
    for (const entry of this.waiting.values()) if (entry.address === address) fromAddress++;
    return fromAddress < MAX_WAITING_PER_ADDRESS ? null : 'address';
  }

  /** Adds a knock; the returned function withdraws it (the connection went away). */
  knock(displayName: string, address: string, knocker: Knocker): { knockId: KnockId; withdraw: () => void } {
    const knockId = randomUUID() as KnockId;
    this.waiting.set(knockId, { knock: { knockId, displayName, since: this.now() }, knocker, address });
    this.changed(this.list());
    return { knockId, withdraw: () => this.take(knockId) && this.changed(this.list()) };
  }

  /** Lets `knockId` in; false when nobody is waiting under that id (already decided, or gone). */
  admit(knockId: KnockId): boolean {
    const entry = this.take(knockId);
    if (!entry) return false;
    this.changed(this.list());
    entry.knocker.admit();
    return true;
  }

  deny(knockId: KnockId, reason: string): boolean {
    const entry = this.take(knockId);
    if (!entry) return false;
    this.changed(this.list());
    entry.knocker.deny(reason);
    return true;
  }

  /** Turns everyone away (the meeting ended). */
  close(reason: string): void {
    const entries = [...this.waiting.values()];
    this.waiting.clear();
    for (const { knocker } of entries) knocker.deny(reason);
  }

  private take(knockId: KnockId): { knock: Knock; knocker: Knocker; address: string } | undefined {
    const entry = this.waiting.get(knockId);
    this.waiting.delete(knockId);
    return entry;
  }
}
