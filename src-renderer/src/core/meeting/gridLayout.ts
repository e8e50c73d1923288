/** Pure geometry of the meeting grid: how many tiles fit a page and how to arrange them. */

export const TILE_ASPECT = 16 / 9;
/** Below this a tile stops being useful in the grid; more people go to further pages. */
export const MIN_TILE_WIDTH = 240;
export const GAP = 8;
/** Even on a huge screen, more tiles than this on one page cost more than they show. */
export const MAX_TILES_PER_PAGE = 25;

/** How many tiles of at least MIN_TILE_WIDTH fit in a width x height area. */
export function pageCapacity(width: number, height: number): number {
  const minHeight = MIN_TILE_WIDTH / TILE_ASPECT;
  const columns = Math.floor((width + GAP) / (MIN_TILE_WIDTH + GAP));
  const rows = Math.floor((height + GAP) / (minHeight + GAP));
  return Math.min(MAX_TILES_PER_PAGE, Math.max(1, columns * rows));
}

export interface GridArrangement {
  columns: number;
  tileWidth: number;
  tileHeight: number;
}

/** Square tiles, offered in portrait areas (phones) where 16:9 tiles would leave most of the height empty. */
export const PORTRAIT_TILE_ASPECT = 1;

/**
 * The column count (and, in a portrait area, the tile shape) that makes `count` tiles as large as
 * possible in the area. Videos fill their tiles (cropped at the sides when square).
 */
export function arrange(count: number, width: number, height: number): GridArrangement {
  let best: GridArrangement = { columns: 1, tileWidth: 0, tileHeight: 0 };
  const aspects = height > width ? [TILE_ASPECT, PORTRAIT_TILE_ASPECT] : [TILE_ASPECT];
  for (const aspect of aspects) {
    for (let columns = 1; columns <= Math.max(1, count); columns++) {
      const rows = Math.ceil(count / columns);
      const tileWidth = Math.min((width - GAP * (columns - 1)) / columns, ((height - GAP * (rows - 1)) / rows) * aspect);
      const candidate = { columns, tileWidth: Math.floor(tileWidth), tileHeight: Math.floor(tileWidth / aspect) };
      if (candidate.tileWidth * candidate.tileHeight > best.tileWidth * best.tileHeight) best = candidate;
    }
  }
  return best;
}

/** Splits items into pages of `capacity`. */
export function paginate<T>(items: readonly T[], capacity: number): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += capacity) pages.push(items.slice(i, i + capacity));
  return pages.length > 0 ? pages : [[]];
}

/** Room the meeting screen takes around its grid (header, control bar, margins), in CSS px. */
const SCREEN_CHROME = { width: 32, height: 160 };

/**
 * How the grid will likely show each camera when a meeting of `people` (self included) opens in a
 * window of this size, in device pixels; null when they do not all fit the first page (who lands
 * there is the grid's call). A guess for the first pictures only: the tiles report the truth.
 */
export function likelyCameraView(people: number, screen: { width: number; height: number; devicePixelRatio: number }): { visible: true; width: number; height: number; pinned: false } | null {
  const width = screen.width - SCREEN_CHROME.width;
  const height = screen.height - SCREEN_CHROME.height;
  if (width <= 0 || height <= 0 || people > pageCapacity(width, height)) return null;
  const { tileWidth, tileHeight } = arrange(people, width, height);
  const dpr = screen.devicePixelRatio || 1;
  return { visible: true, width: Math.round(tileWidth * dpr), height: Math.round(tileHeight * dpr), pinned: false };
}
