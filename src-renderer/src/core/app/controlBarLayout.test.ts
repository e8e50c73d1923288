import { describe, expect, it } from 'vitest';
import { CONTROL_SLOT, PRIMARY_WIDTH, splitControls } from './controlBarLayout';

const controls = ['share', 'hand', 'reactions', 'chat', 'people', 'view', 'devices', 'invite'];

describe('control bar layout', () => {
  it.each([
    ['a desktop window keeps everything in the bar', 1280, 8, 0],
    ['exactly enough room keeps everything', PRIMARY_WIDTH + 8 * CONTROL_SLOT, 8, 0],
    ['one slot short moves two (one slot goes to More)', PRIMARY_WIDTH + 7 * CONTROL_SLOT, 6, 2],
    ['room for two keeps one beside More', PRIMARY_WIDTH + 2 * CONTROL_SLOT, 1, 7],
    ['a 390 px phone (366 px inside the bar) keeps only More beside mic, camera and Leave', 366, 0, 8],
    ['a 360 px phone keeps none: only More', 336, 0, 8],
    ['a 1280 px window with a side panel open keeps everything', 1280 - 352 - 24, 8, 0],
    ['a width of zero (not measured yet) puts all in More', 0, 0, 8],
  ])('%s', (_, width, inline, overflow) => {
    const split = splitControls(controls, width);
    expect([split.inline.length, split.overflow.length]).toEqual([inline, overflow]);
    expect([...split.inline, ...split.overflow]).toEqual(controls);
  });
});
