import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsumerId, PeerId, ProducerId } from '../../../src-common/ids';
import { Dynacast } from './Dynacast';

const alice = 'alice' as PeerId;
const video = 'p-video' as ProducerId;
const c1 = 'c1' as ConsumerId;
const c2 = 'c2' as ConsumerId;

describe('Dynacast', () => {
  let calls: Array<number | null>;
  let dynacast: Dynacast;

  beforeEach(() => {
    vi.useFakeTimers();
    calls = [];
    dynacast = new Dynacast({ notify: (_owner, _producer, layer) => calls.push(layer), lowerDelayMs: 2000 });
  });
  afterEach(() => {
    dynacast.close();
    vi.useRealTimers();
  });

  it('tells a new producer that nobody watches it yet', () => {
    dynacast.addProducer(video, alice);
    expect(calls).toEqual([null]);
  });

  it('raises at once to the highest layer any consumer wants', () => {
    dynacast.addProducer(video, alice);
    dynacast.setWant(video, c1, 0);
    dynacast.setWant(video, c2, 2);
    expect(calls).toEqual([null, 0, 2]);
  });

  it('lowers only after the delay, and not at all if the want comes back meanwhile', () => {
    dynacast.addProducer(video, alice);
    dynacast.setWant(video, c1, 2);
    dynacast.setWant(video, c1, 0);
    vi.advanceTimersByTime(1000);
    dynacast.setWant(video, c1, 2);
    vi.advanceTimersByTime(5000);
    expect(calls).toEqual([null, 2]);

    dynacast.setWant(video, c1, 0);
    vi.advanceTimersByTime(1999);
    expect(calls).toEqual([null, 2]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([null, 2, 0]);
  });

  it('announces null once the last watcher hides or leaves', () => {
    dynacast.addProducer(video, alice);
    dynacast.setWant(video, c1, 1);
    dynacast.setWant(video, c2, null);
    dynacast.removeConsumer(video, c1);
    vi.advanceTimersByTime(2000);
    expect(calls).toEqual([null, 1, null]);
    expect(dynacast.announced(video)).toBeNull();
  });

  it('forgets a closed producer, including a pending lowering', () => {
    dynacast.addProducer(video, alice);
    dynacast.setWant(video, c1, 2);
    dynacast.setWant(video, c1, 0);
    dynacast.removeProducer(video);
    vi.advanceTimersByTime(5000);
    dynacast.setWant(video, c1, 2);
    expect(calls).toEqual([null, 2]);
  });
});
