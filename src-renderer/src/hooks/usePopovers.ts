import { useEffect, useState } from 'react';
import { Popovers, type PopoverId } from '../core/app/Popovers';

/** A press belongs to popover `id` when it lands in an element marked `data-popover="id"` (the popover or its toggle). */
function inside(id: PopoverId, target: unknown): boolean {
  if (!(target instanceof Node)) return false;
  return [...document.querySelectorAll(`[data-popover="${id}"]`)].some((element) => element.contains(target));
}

/** The meeting's popover manager, listening to this page while the meeting is shown. */
export function usePopovers(): Popovers {
  const [popovers] = useState(() => new Popovers(inside));
  useEffect(() => popovers.listen(document), [popovers]);
  return popovers;
}
