import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The window's size and place as remembered between runs. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

const int = z.number().int().min(-100_000).max(100_000);
const windowStateSchema = z.object({
  bounds: z.object({ x: int, y: int, width: int.min(1), height: int.min(1) }),
  maximized: z.boolean(),
});

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 720, height: 480 } as const;

/** Where to open the window: a remembered place, or only a size (the OS centres it). */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Turns what was saved (anything: it is read from a file) into a placement on the displays there
 * are now. A window that would be mostly off-screen (a monitor was unplugged) opens centred on the
 * primary display instead; one larger than its display is shrunk to fit.
 */
export function placeWindow(saved: unknown, workAreas: readonly Rect[]): WindowPlacement {
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success || workAreas.length === 0) return { ...DEFAULT_SIZE, maximized: false };
  const { bounds, maximized } = parsed.data;
  const best = [...workAreas].sort((a, b) => overlap(bounds, b) - overlap(bounds, a))[0]!;
  const width = Math.max(MIN_SIZE.width, Math.min(bounds.width, best.width));
  const height = Math.max(MIN_SIZE.height, Math.min(bounds.height, best.height));
  const visible = overlap({ ...bounds, width, height }, best) >= 0.5 * width * height;
  return visible ? { x: bounds.x, y: bounds.y, width, height, maximized } : { width, height, maximized };
}
