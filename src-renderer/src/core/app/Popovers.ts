import { Store } from '../base/Store';

/** The meeting's popovers and menus; at most one is open at a time. */
export type PopoverId = 'more' | 'devices' | 'view' | 'reactions' | 'invite' | 'endForAll';

/** What the popover manager needs of the page: key presses and pointer presses (a fake in tests). */
export interface PopoverScope {
  addEventListener(type: 'keydown', listener: (event: { key: string }) => void): void;
  addEventListener(type: 'pointerdown', listener: (event: { target: unknown }) => void): void;
  removeEventListener(type: 'keydown', listener: (event: { key: string }) => void): void;
  removeEventListener(type: 'pointerdown', listener: (event: { target: unknown }) => void): void;
}

/**
 * One place that knows which popover is open: opening one closes the other, Escape closes it, and
 * a press outside it (and outside the button that toggles it) closes it. Components only mark the
 * elements that count as inside a popover (the page's side, hooks/usePopovers: data-popover) and render `open`.
 */
export class Popovers {
  readonly open = new Store<PopoverId | null>(null);
  /** Decides whether a pressed target belongs to the open popover or its toggle (the DOM's Node.contains in the page). */
  private readonly inside: (id: PopoverId, target: unknown) => boolean;
  private readonly onKey = (event: { key: string }): void => {
    if (event.key === 'Escape') this.close();
  };
  private readonly onPointer = (event: { target: unknown }): void => {
    const id = this.open.get();
    if (id !== null && !this.inside(id, event.target)) this.close();
  };

  constructor(inside: (id: PopoverId, target: unknown) => boolean) {
    this.inside = inside;
  }

  /** Follows the page's Escape key and presses; answers how to stop (safe to call twice). */
  listen(scope: PopoverScope): () => void {
    scope.addEventListener('keydown', this.onKey);
    scope.addEventListener('pointerdown', this.onPointer);
    let listening = true;
    return () => {
      if (!listening) return;
      listening = false;
      scope.removeEventListener('keydown', this.onKey);
      scope.removeEventListener('pointerdown', this.onPointer);
    };
  }

  /** Opens `id` (closing any other), or closes it when it is the one open. */
  toggle(id: PopoverId): void {
    this.open.set(this.open.get() === id ? null : id);
  }

  show(id: PopoverId): void {
    this.open.set(id);
  }

  close(): void {
    this.open.set(null);
  }
}
