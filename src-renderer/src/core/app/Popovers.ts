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

/** Where keyboard focus is, and moving it back (the DOM's activeElement and focus() in the page; a fake in tests). */
export interface FocusKeeper {
  /** The control that has focus now; null when none does (the page's body). */
  focused(): unknown;
  /**
   * Gives focus back to `control`; when it has left the page (the bar was laid out anew for
   * another width), to the control on the page now that toggles `popover`, if there is one.
   */
  restore(control: unknown, popover: PopoverId): void;
}

const NO_FOCUS: FocusKeeper = { focused: () => null, restore: () => undefined };

/**
 * One place that knows which popover is open: opening one closes the other, Escape closes it, and
 * a press outside it (and outside the button that toggles it) closes it. Components only mark the
 * elements that count as inside a popover (the page's side, hooks/usePopovers: data-popover) and render `open`.
 * After Escape, focus goes back to the control that opened the popover, as a WAI-ARIA menu
 * button's does; a popover opened from an item of another (View options from More) returns it to
 * what opened that one, since the item is gone.
 */
export class Popovers {
  readonly open = new Store<PopoverId | null>(null);
  /** Decides whether a pressed target belongs to the open popover or its toggle (the DOM's Node.contains in the page). */
  private readonly inside: (id: PopoverId, target: unknown) => boolean;
  private readonly focus: FocusKeeper;
  /** The control that had focus when the open popover was opened, and the popover it opened. */
  private opener: { control: unknown; popover: PopoverId } | null = null;
  private readonly onKey = (event: { key: string }): void => {
    if (event.key !== 'Escape' || this.open.get() === null) return;
    const opener = this.opener;
    this.close();
    if (opener) this.focus.restore(opener.control, opener.popover);
  };
  private readonly onPointer = (event: { target: unknown }): void => {
    const id = this.open.get();
    if (id !== null && !this.inside(id, event.target)) this.close();
  };

  constructor(inside: (id: PopoverId, target: unknown) => boolean, focus: FocusKeeper = NO_FOCUS) {
    this.inside = inside;
    this.focus = focus;
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
    if (this.open.get() === id) this.close();
    else this.show(id);
  }

  show(id: PopoverId): void {
    const current = this.open.get();
    const focused = this.focus.focused();
    // Opened from inside the open popover (an item of More): focus will go where that one's would.
    if (current === null || focused === null || !this.inside(current, focused)) this.opener = focused === null ? null : { control: focused, popover: id };
    this.open.set(id);
  }

  close(): void {
    this.opener = null;
    this.open.set(null);
  }
}
