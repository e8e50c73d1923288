import { describe, expect, it } from 'vitest';
import { firstGrowthAfter, flatFor, flowing, videoAgainAfter, type FrameSample } from './timeline';

/** Samples every 10 ms from `from` to `to` (exclusive), one frame every 40 ms where `live(at)` holds. */
function timeline(from: number, to: number, live: (at: number) => boolean): FrameSample[] {
  const samples: FrameSample[] = [];
  let frames = 0;
  for (let at = from; at < to; at += 10) {
    if (at % 40 === 0 && live(at)) frames++;
    samples.push({ at, frames });
  }
  return samples;
}

describe('videoAgainAfter', () => {
  it('measures from the event to the first frame after the interruption it caused', () => {
    const samples = timeline(0, 6000, (at) => at < 2000 || at >= 4200);
    expect(videoAgainAfter(samples, 2000, 300)).toBe(2200);
  });

  it('does not count frames that were already in flight when the event happened', () => {
    const samples = timeline(0, 6000, (at) => at < 2050 || at >= 3600);
    expect(videoAgainAfter(samples, 2000, 300)).toBe(1600);
  });

  it('ignores a gap that ended before the event', () => {
    const samples = timeline(0, 6000, (at) => (at < 1000 || at >= 1500) && (at < 3000 || at >= 3800));
    expect(videoAgainAfter(samples, 3000, 300)).toBe(800);
  });

  it('does not take a few late frames from the buffer for the video coming back', () => {
    const samples = timeline(0, 8000, (at) => at < 2000 || at === 2440 || at === 2480 || at >= 5000);
    expect(videoAgainAfter(samples, 2000, 300)).toBe(3000);
  });

  it('waits until it is known whether new frames go on', () => {
    expect(videoAgainAfter(timeline(0, 4500, (at) => at < 2000 || at >= 4000), 2000, 300)).toBeNull();
  });

  it('finds nothing when the video never stopped', () => {
    expect(videoAgainAfter(timeline(0, 5000, () => true), 2000, 300)).toBeNull();
  });

  it('finds nothing when the video never came back', () => {
    expect(videoAgainAfter(timeline(0, 5000, (at) => at < 2000), 2000, 300)).toBeNull();
  });
});

describe('firstGrowthAfter', () => {
  it('measures from the event to the first new frame after a silence', () => {
    const samples = timeline(0, 5000, (at) => at >= 2320);
    expect(firstGrowthAfter(samples, 2000)).toBe(320);
  });

  it('finds nothing without a sample from before the event', () => {
    expect(firstGrowthAfter(timeline(2500, 5000, () => true), 2000)).toBeNull();
  });
});

describe('flatFor and flowing', () => {
  it('tell a stopped video from a flowing one over the last stretch', () => {
    const stopped = timeline(0, 3000, (at) => at < 1500);
    expect(flatFor(stopped, 1000)).toBe(true);
    expect(flowing(stopped, 1000, 5)).toBe(false);
    const live = timeline(0, 3000, () => true);
    expect(flatFor(live, 1000)).toBe(false);
    expect(flowing(live, 1000, 20)).toBe(true);
  });

  it('say nothing about a stretch longer than the samples cover', () => {
    const short = timeline(0, 500, () => false);
    expect(flatFor(short, 1000)).toBe(false);
    expect(flowing(short, 1000, 0)).toBe(false);
  });
});
