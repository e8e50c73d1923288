/**
 * At most one pending timer per key (a peer's reconnect grace, a room's empty timeout): starting
 * one again replaces it, and none of them keeps the process alive.
 */
export class KeyedTimers<K> {
  private readonly timers = new Map<K, NodeJS.Timeout>();

  /** Calls `fire` after `ms` unless `clear(key)` or `clearAll()` comes first. */
  start(key: K, ms: number, fire: () => void): void {
    this.clear(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      fire();
    }, ms);
    timer.unref();
    this.timers.set(key, timer);
  }

  clear(key: K): void {
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
  }

  clearAll(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
