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

  /**
   * Why one more person from `address` may not wait (that address has its share, or the lobby is
   * full of people from addresses with no more than this one's), or null. A full lobby makes room
   * for a newcomer by turning away the latest knock of the address with the most waiting, when that
   * is more than the newcomer's has: many addresses are needed to keep others out.
   */
  refusal(address: string): 'full' | 'address' | null {
    const counts = this.perAddress();
    const own = counts.get(address) ?? 0;
    if (own >= MAX_WAITING_PER_ADDRESS) return 'address';
    if (this.waiting.size < MAX_WAITING) return null;
    return this.crowdedOver(counts, own) ? null : 'full';
  }

  private perAddress(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const { address } of this.waiting.values()) counts.set(address, (counts.get(address) ?? 0) + 1);
    return counts;
  }

  /** The address with the most people waiting, when it has more than `than`. */
  private crowdedOver(counts: Map<string, number>, than: number): string | undefined {
    let most: [string, number] | undefined;
    for (const entry of counts) if (!most || entry[1] > most[1]) most = entry;
    return most && most[1] > than + 1 ? most[0] : undefined;
  }

  /** In a full lobby, turns away the latest knock of the most crowded address (see {@link refusal}). */
  private makeRoomFor(address: string): void {
    if (this.waiting.size < MAX_WAITING) return;
    const counts = this.perAddress();
    const crowded = this.crowdedOver(counts, counts.get(address) ?? 0);
    const latest = [...this.waiting.entries()].reverse().find(([, entry]) => entry.address === crowded);
    if (latest) this.take(latest[0])?.knocker.deny('the lobby is full; try again when the host has let people in');
  }

  /** Adds a knock; the returned function withdraws it (the connection went away). */
  knock(displayName: string, address: string, knocker: Knocker): { knockId: KnockId; withdraw: () => void } {
    this.makeRoomFor(address);
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
