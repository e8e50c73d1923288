import { Store } from '../base/Store';

export interface Notice {
  id: number;
  text: string;
  /**
   * `error`: something the user asked for failed; `info`: something happened in the meeting;
   * `announce`: only for screen readers (the screen shows it already, e.g. a hand on a tile).
   */
  kind: 'info' | 'error' | 'announce';
}

/** How long a notice stays on screen (screen readers hear it once, through the live region). */
export const NOTICE_MS = 6000;

/**
 * Short messages about the meeting (a hand went up, you were muted, an action failed), shown for
 * a few seconds and read out by screen readers through one aria-live region.
 */
export class Notices {
  readonly state = new Store<readonly Notice[]>([]);
  private nextId = 1;
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

  constructor(private readonly lifetimeMs = NOTICE_MS) {}

  info(text: string): void {
    this.add(text, 'info');
  }

  error(text: string): void {
    this.add(text, 'error');
  }

  announce(text: string): void {
    this.add(text, 'announce');
  }

  dismiss(id: number): void {
    this.state.update((list) => list.filter((n) => n.id !== id));
  }

  /** Clears every pending timer. Safe to call twice. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private add(text: string, kind: Notice['kind']): void {
    const id = this.nextId++;
    this.state.update((list) => [...list.slice(-4), { id, text, kind }]);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.dismiss(id);
    }, this.lifetimeMs);
    this.timers.add(timer);
  }
}
