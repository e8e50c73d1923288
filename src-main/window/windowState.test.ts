import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, placeWindow } from './windowState';

const laptop = { x: 0, y: 0, width: 1920, height: 1050 };
const external = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('placing the window', () => {
  it('reopens where it was, maximized or not', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1400, height: 900 }, maximized: true };
    expect(placeWindow(saved, [laptop, external])).toEqual({ x: 2100, y: 100, width: 1400, height: 900, maximized: true });
  });

  it('opens centred on the primary display when its monitor is gone', () => {
    const saved = { bounds: { x: 2100, y: 100, width: 1400, height: 900 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ width: 1400, height: 900, maximized: false });
  });

  it('shrinks a window larger than its display', () => {
    const saved = { bounds: { x: 0, y: 0, width: 4000, height: 3000 }, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ x: 0, y: 0, width: 1920, height: 1050, maximized: false });
  });

  it.each([undefined, null, 'oops', { bounds: { x: 0, y: 0, width: -5, height: 10 }, maximized: false }, { bounds: {}, maximized: 'yes' }])(
    'uses the default size for a saved state of %j',
    (saved) => {
      expect(placeWindow(saved, [laptop])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    },
  );
});
