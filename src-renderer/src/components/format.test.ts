import { describe, expect, it } from 'vitest';
import { formatDuration } from './format';

describe('durations', () => {
  it.each([
    [null, 'going on'],
    [0, '0 s'],
    [4_400, '4 s'],
    [185_000, '3 min 5 s'],
    [3_720_000, '1 h 2 min'],
  ])('%s ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
