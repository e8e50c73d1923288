import { describe, expect, it } from 'vitest';
import { AddressBuckets } from './AddressBuckets';

/** A clock the test moves by hand. */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('AddressBuckets', () => {
  it('allows a burst of `capacity`, then one call per refill interval', () => {
    const time = clock();
    const buckets = new AddressBuckets(3, 10_000, 16, time.now);
    expect([1, 2, 3, 4].map(() => buckets.take('10.0.0.1'))).toEqual([true, true, true, false]);
    time.advance(9_999);
    expect(buckets.take('10.0.0.1'), 'not before a token has come back').toBe(false);
    time.advance(1);
    expect(buckets.take('10.0.0.1')).toBe(true);
    expect(buckets.take('10.0.0.1')).toBe(false);
  });

  it('counts each address on its own', () => {
    const buckets = new AddressBuckets(1, 60_000, 16, clock().now);
    expect(buckets.take('10.0.0.1')).toBe(true);
    expect(buckets.take('10.0.0.1')).toBe(false);
    expect(buckets.take('10.0.0.2')).toBe(true);
  });

  it('gives refused calls no credit: hammering does not shorten the wait', () => {
    const time = clock();
    const buckets = new AddressBuckets(1, 10_000, 16, time.now);
    expect(buckets.take('a')).toBe(true);
    for (let i = 0; i < 9; i++) {
      time.advance(1_000);
      expect(buckets.take('a')).toBe(false);
    }
    time.advance(1_000);
    expect(buckets.take('a')).toBe(true);
  });

  it('holds at most `maxKeys` addresses, forgets those that refilled, and refuses newcomers while all are busy', () => {
    const time = clock();
    const buckets = new AddressBuckets(2, 10_000, 3, time.now);
    for (const key of ['a', 'b', 'c']) expect(buckets.take(key)).toBe(true);
    expect(buckets.size).toBe(3);
    expect(buckets.take('d'), 'every bucket is still refilling').toBe(false);
    expect(buckets.size).toBe(3);
    // 'a' and 'b' are full again after one refill interval; 'c' is touched meanwhile and kept.
    time.advance(5_000);
    expect(buckets.take('c')).toBe(true);
    time.advance(5_000);
    expect(buckets.take('d')).toBe(true);
    expect(buckets.size).toBe(2);
    for (let i = 0; i < 10_000; i++) buckets.take(`flood-${i}`);
    expect(buckets.size).toBeLessThanOrEqual(3);
  });

  it('refills nothing when the clock steps back', () => {
    const time = clock();
    const buckets = new AddressBuckets(1, 10_000, 16, time.now);
    expect(buckets.take('a')).toBe(true);
    time.advance(-60_000);
    expect(buckets.take('a')).toBe(false);
  });

  it('refuses a configuration that could not limit anything', () => {
    expect(() => new AddressBuckets(0, 1_000)).toThrow(RangeError);
    expect(() => new AddressBuckets(1, 0)).toThrow(RangeError);
  });
});
