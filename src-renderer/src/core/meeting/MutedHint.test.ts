import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Store } from '../base/Store';
import { HINT_MS, MutedHint, MutedSpeechDetector } from './MutedHint';

/** Feeds `level` every 50 ms from `from` to `to` (ms); answers the times the hint fired. */
function run(detector: MutedSpeechDetector, from: number, to: number, level: (t: number) => number, muted = true): number[] {
  const fired: number[] = [];
  for (let t = from; t <= to; t += 50) if (detector.feed(level(t), muted, t)) fired.push(t);
  return fired;
}

describe('noticing speech into a muted microphone', () => {
  it('fires after about half a second of speech, not before', () => {
    expect(run(new MutedSpeechDetector(), 0, 2000, (t) => (t >= 1000 ? 0.8 : 0))).toEqual([1500]);
  });

  it('ignores short sounds (a cough, a click)', () => {
    expect(run(new MutedSpeechDetector(), 0, 3000, (t) => (t % 1000 < 300 ? 0.9 : 0))).toEqual([]);
  });

  it('bridges the dips between syllables', () => {
    // Loud 150 ms, quiet 100 ms, over and over: one continuous stretch of speech.
    expect(run(new MutedSpeechDetector(), 0, 1000, (t) => (t % 250 < 150 ? 0.8 : 0.1))).toEqual([500]);
  });

  it('waits out the cooldown before saying it again', () => {
    const detector = new MutedSpeechDetector({ cooldownMs: 10_000 });
    expect(run(detector, 0, 25_000, () => 0.8)).toEqual([500, 10_500, 20_500]);
  });

  it('says nothing while unmuted', () => {
    expect(run(new MutedSpeechDetector(), 0, 3000, () => 0.9, false)).toEqual([]);
  });
});

describe('the "You are muted" hint', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  function setup(level = 0.8) {
    const track = { id: 'mic' } as MediaStreamTrack;
    const state = new Store({ microphone: track as MediaStreamTrack | null, prefs: { micMuted: true } });
    const meters: Array<{ closed: boolean }> = [];
    let now = 0;
    const hint = new MutedHint({ state } as never, {
      createMeter: () => {
        const meter = { closed: false, read: () => level, close: () => void (meter.closed = true) };
        meters.push(meter);
        return meter;
      },
      now: () => (now += 50),
    });
    return { hint, state, meters };
  }

  it('appears after speech while muted, hides by itself, and at once on unmuting', () => {
    const { hint, state, meters } = setup();
    hint.start();
    expect(meters).toHaveLength(1);
    vi.advanceTimersByTime(400);
    expect(hint.visible.get()).toBe(false);
    vi.advanceTimersByTime(300);
    expect(hint.visible.get()).toBe(true);
    vi.advanceTimersByTime(HINT_MS + 100);
    expect(hint.visible.get()).toBe(false);

    state.set({ microphone: state.get().microphone, prefs: { micMuted: false } });
    expect(meters[0]!.closed).toBe(true);
    hint.close();
  });

  it('measures nothing while unmuted, and releases its meter on close', () => {
    const { hint, state, meters } = setup();
    state.set({ microphone: state.get().microphone, prefs: { micMuted: false } });
    hint.start();
    expect(meters).toHaveLength(0);
    state.set({ microphone: state.get().microphone, prefs: { micMuted: true } });
    expect(meters).toHaveLength(1);
    hint.close();
    hint.close();
    expect(meters[0]!.closed).toBe(true);
  });
});
