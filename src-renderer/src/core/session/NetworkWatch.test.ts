import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NetworkWatch, type NetworkSignal, type WatchedTransport } from './NetworkWatch';

/** A transport whose connection state the test sets. */
function fakeTransport(): WatchedTransport & { set(state: string): void } {
  let listener: (state: string) => void = () => undefined;
  const transport = {
    connectionState: 'connected',
    on(_event: 'connectionstatechange', l: (state: string) => void) {
      listener = l;
    },
    set(state: string) {
      transport.connectionState = state;
      listener(state);
    },
  };
  return transport;
}

describe('watching the network for a session', () => {
  let signals: NetworkSignal[];
  let target: EventTarget;
  let watch: NetworkWatch;

  beforeEach(() => {
    vi.useFakeTimers();
    signals = [];
    target = new EventTarget();
    watch = new NetworkWatch(target, (signal) => signals.push(signal), 2000);
  });

  afterEach(() => {
    watch.close();
    vi.useRealTimers();
  });

  it('passes on the browser going offline and coming back online', () => {
    target.dispatchEvent(new Event('offline'));
    target.dispatchEvent(new Event('online'));
    expect(signals).toEqual(['offline', 'online']);
  });

  it('reports a failed transport at once', () => {
    const transport = fakeTransport();
    watch.watch(transport);
    transport.set('failed');
    expect(signals).toEqual(['mediaLost']);
  });

  it('reports a disconnected transport only when it stays disconnected past the grace', () => {
    const transport = fakeTransport();
    watch.watch(transport);
    transport.set('disconnected');
    vi.advanceTimersByTime(1999);
    expect(signals).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(signals).toEqual(['mediaLost']);
  });

  it('ignores a disconnect that recovers by itself within the grace', () => {
    const transport = fakeTransport();
    watch.watch(transport);
    transport.set('disconnected');
    vi.advanceTimersByTime(1500);
    transport.set('connected');
    vi.advanceTimersByTime(5000);
    expect(signals).toEqual([]);
  });

  it('reports nothing after it is closed', () => {
    const transport = fakeTransport();
    watch.watch(transport);
    transport.set('disconnected');
    watch.close();
    target.dispatchEvent(new Event('online'));
    transport.set('failed');
    vi.advanceTimersByTime(5000);
    expect(signals).toEqual([]);
  });
});
