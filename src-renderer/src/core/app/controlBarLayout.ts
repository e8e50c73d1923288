/**
 * Which of the meeting's secondary controls fit in the control bar and which go into its "More"
 * menu. Microphone, camera and Leave are never part of this: they always stay in the bar.
 */

/** Width of one control with its label (64 px, see meeting.css) and its 8 px gap; touch targets are at least 44 px. */
export const CONTROL_SLOT = 72;
/** Microphone, camera and Leave (88 px and its gap; see meeting.css). */
export const PRIMARY_WIDTH = 2 * CONTROL_SLOT + 96;

export interface ControlSplit<T> {
  inline: T[];
  overflow: T[];
}

/**
 * Keeps `secondary` in order, as many in the bar as fit `barWidth` (the bar's content box, inside
 * its padding), the rest (and a More button's slot) after.
 */
export function splitControls<T>(secondary: readonly T[], barWidth: number): ControlSplit<T> {
  const room = Math.max(0, barWidth - PRIMARY_WIDTH);
  if (secondary.length * CONTROL_SLOT <= room) return { inline: [...secondary], overflow: [] };
  const fit = Math.max(0, Math.floor((room - CONTROL_SLOT) / CONTROL_SLOT));
  return { inline: secondary.slice(0, fit), overflow: secondary.slice(fit) };
}
