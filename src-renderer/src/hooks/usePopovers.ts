import { useEffect, useState } from 'react';
import { Popovers, type FocusKeeper, type PopoverId } from '../core/app/Popovers';

/** A press belongs to popover `id` when it lands in an element marked `data-popover="id"` (the popover or its toggle). */
function inside(id: PopoverId, target: unknown): boolean {
  if (!(target instanceof Node)) return false;
  return [...document.querySelectorAll(`[data-popover="${id}"]`)].some((element) => element.contains(target));
}

/**
 * The page's focus: the focused control (not the body), and focus given back to it, or when it is
 * gone (the bar laid out anew for another width) to the toggle of the same popover shown now.
 */
const pageFocus: FocusKeeper = {
  focused: () => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null),
  restore: (control, popover) => {
    const toggle = control instanceof HTMLElement && control.isConnected ? control : document.querySelector(`[data-popover="${popover}"][aria-expanded]`);
    if (toggle instanceof HTMLElement) toggle.focus();
  },
};

/** The meeting's popover manager, listening to this page while the meeting is shown. */
export function usePopovers(): Popovers {
  const [popovers] = useState(() => new Popovers(inside, pageFocus));
  useEffect(() => popovers.listen(document), [popovers]);
  return popovers;
}
