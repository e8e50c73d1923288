import { describe, expect, it } from 'vitest';
import { FIRST_RETRY_MS, LAYER_GRACE_MS, MAX_RETRY_MS, PictureWatch, type WatchAction } from './PictureWatch';

/** Ticks the watch every 100 ms from `from` to `to` and returns the actions with their times. */
function run(watch: PictureWatch, from: number, to: number): Array<[number, WatchAction]> {
  const actions: Array<[number, WatchAction]> = [];
  for (let now = from; now <= to; now += 100) {
    const action = watch.tick(now);
    if (action) actions.push([now, action]);
  }
  return actions;
}

describe('PictureWatch', () => {
  it('asks again for a key frame while a picture is owed, backing off up to the cap', () => {
    const watch = new PictureWatch();
    watch.expectPicture(0);
    const actions = run(watch, 0, 20_000);
    const times = actions.map(([t]) => t);
    expect(times.slice(0, 4)).toEqual([FIRST_RETRY_MS, FIRST_RETRY_MS * 3, FIRST_RETRY_MS * 3 + MAX_RETRY_MS, FIRST_RETRY_MS * 3 + 2 * MAX_RETRY_MS]);
    expect(actions.map(([, a]) => a)).toEqual(actions.map((_, i) => ({ type: 'requestKeyFrame', attempt: i + 1 })));
  });

  it('stops asking once a key frame was sent, and reports how long it took and how many retries', () => {
    const watch = new PictureWatch();
    watch.expectPicture(1_000);
    expect(run(watch, 1_000, 3_000)).toHaveLength(1);
    expect(watch.keyFrameSent(3_050)).toEqual({ waitedMs: 2_050, retries: 1 });
    expect(watch.waiting).toBe(false);
    expect(run(watch, 3_100, 20_000)).toEqual([]);
    // A key frame nobody waited for is no recovery.
    expect(watch.keyFrameSent(21_000)).toBeUndefined();
  });

  it('does not restart the wait when a picture is owed already, and forgets it when the consumer stops', () => {
    const watch = new PictureWatch();
    watch.expectPicture(0);
    watch.expectPicture(1_000);
    expect(run(watch, 0, FIRST_RETRY_MS)).toEqual([[FIRST_RETRY_MS, { type: 'requestKeyFrame', attempt: 1 }]]);
    watch.stop();
    expect(run(watch, FIRST_RETRY_MS + 100, 30_000)).toEqual([]);
  });

  it('diagnoses a preferred layer that does not come, with backoff, but not while no picture came at all', () => {
    const watch = new PictureWatch();
    expect(watch.layers({ preferred: 2, current: 1 }, 0)).toBe(false);
    const actions = run(watch, 0, 10_000);
    expect(actions[0]).toEqual([FIRST_RETRY_MS, { type: 'diagnoseLayer', belowForMs: FIRST_RETRY_MS }]);
    expect(actions.some(([, a]) => a.type === 'diagnoseLayer' && a.belowForMs >= LAYER_GRACE_MS)).toBe(true);

    const blank = new PictureWatch();
    blank.expectPicture(0);
    blank.layers({ preferred: 2, current: null }, 0);
    expect(run(blank, 0, 10_000).every(([, a]) => a.type === 'requestKeyFrame')).toBe(true);
  });

  it('calms down when the preferred layer is reached, and ignores consumers without layers', () => {
    const watch = new PictureWatch();
    watch.layers({ preferred: 2, current: 0 }, 0);
    expect(watch.layers({ preferred: 2, current: 2 }, 500)).toBe(true);
    expect(run(watch, 500, 20_000)).toEqual([]);
    expect(watch.layers({ preferred: null, current: null }, 20_000)).toBe(true);
    expect(run(watch, 20_000, 40_000)).toEqual([]);
  });
});
