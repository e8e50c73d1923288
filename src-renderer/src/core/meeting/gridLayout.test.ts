import { describe, expect, it } from 'vitest';
import { arrange, MAX_TILES_PER_PAGE, pageCapacity, paginate } from './gridLayout';

describe('grid layout', () => {
  it.each([
    [1280, 600, 20],
    [800, 480, 9],
    [400, 280, 2],
    [200, 100, 1],
    [5000, 3000, MAX_TILES_PER_PAGE],
  ])('fits %i x %i with %i tiles per page', (width, height, capacity) => {
    expect(pageCapacity(width, height)).toBe(capacity);
  });

  it('arranges tiles to make them as large as possible', () => {
    expect(arrange(1, 1280, 600)).toMatchObject({ columns: 1, tileWidth: 1066 });
    expect(arrange(2, 1280, 600).columns).toBe(2);
    expect(arrange(4, 1280, 720).columns).toBe(2);
    expect(arrange(3, 400, 900).columns).toBe(1);
  });

  it('gives a portrait phone square tiles, which fill it better; landscape areas keep 16:9', () => {
    expect(arrange(2, 390, 700)).toEqual({ columns: 1, tileWidth: 346, tileHeight: 346 });
    expect(arrange(1, 390, 700)).toEqual({ columns: 1, tileWidth: 390, tileHeight: 390 });
    expect(arrange(5, 390, 700)).toEqual({ columns: 2, tileWidth: 191, tileHeight: 191 });
    expect(arrange(2, 1280, 600).tileWidth / arrange(2, 1280, 600).tileHeight).toBeCloseTo(16 / 9, 1);
  });

  it('keeps tiles 16:9 and inside the area', () => {
    for (const count of [1, 2, 3, 5, 9, 16]) {
      const { columns, tileWidth, tileHeight } = arrange(count, 1000, 560);
      const rows = Math.ceil(count / columns);
      expect(columns * tileWidth).toBeLessThanOrEqual(1000);
      expect(rows * tileHeight).toBeLessThanOrEqual(560);
      expect(tileWidth / tileHeight).toBeCloseTo(16 / 9, 1);
    }
  });

  it('paginates, with one empty page for nobody', () => {
    expect(paginate([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(paginate([], 4)).toEqual([[]]);
  });
});
