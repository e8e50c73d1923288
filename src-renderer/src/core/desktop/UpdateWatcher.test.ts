import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { UpdaterClient } from '../../../../src-common/ipc/events';
import type { UpdateFeed, UpdateStatus } from '../../../../src-common/ipc/updater';
import { UpdateWatcher } from './UpdateWatcher';

/** Main's updater as the watcher sees it: a status the test sets, and the calls it got. */
function fakeUpdater(initial: UpdateStatus) {
  let status = initial;
  let feed: UpdateFeed = { url: null, source: 'none' };
  const calls: string[] = [];
  const listeners = new Set<(status: UpdateStatus) => void>();
  const updater: UpdaterClient = {
    getStatus: async () => (calls.push('getStatus'), status),
    checkNow: async () => (calls.push('checkNow'), status),
    restartToUpdate: async () => {
      calls.push('restartToUpdate');
      if (status.state === 'ready' && !status.canRestartNow) throw new ParleyError(ErrorCode.Forbidden, 'Parley does not restart during a meeting');
    },
    getFeed: async () => feed,
    setFeed: async ({ url }) => (calls.push(`setFeed ${url}`), (feed = { url, source: url ? 'user' : 'none' })),
    onStatus: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
  /** Main's status changes, pushed as the updaterStatus event. */
  const push = (next: UpdateStatus): void => {
    status = next;
    for (const listener of listeners) listener(next);
  };
  return { updater, calls, listeners, push, set: (next: UpdateStatus) => void (status = next) };
}

const polls = (calls: string[]): number => calls.filter((c) => c === 'getStatus').length;

describe('UpdateWatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reads the status once, then follows main\'s status events without asking again, until stopped', async () => {
    const fake = fakeUpdater({ state: 'downloading', version: '0.2.0', percent: 10, transferredBytes: 10, totalBytes: 100 });
    const watcher = new UpdateWatcher(fake.updater);
    watcher.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(watcher.state.get().status).toMatchObject({ state: 'downloading', percent: 10 });
    fake.push({ state: 'downloading', version: '0.2.0', percent: 60, transferredBytes: 60, totalBytes: 100 });
    expect(watcher.state.get().status).toMatchObject({ state: 'downloading', percent: 60 });
    fake.push({ state: 'ready', version: '0.2.0', canRestartNow: true });
    expect(watcher.state.get().status).toEqual({ state: 'ready', version: '0.2.0', canRestartNow: true });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(polls(fake.calls)).toBe(1);
    watcher.stop();
    expect(fake.listeners.size).toBe(0);
    fake.push({ state: 'idle', nextCheckAt: 0, upToDate: true });
    expect(watcher.state.get().status).toMatchObject({ state: 'ready' });
  });

  it('keeps an event that overtook the answer to its first question', async () => {
    const fake = fakeUpdater({ state: 'checking' });
    const watcher = new UpdateWatcher(fake.updater);
    watcher.start();
    // Main answers getStatus with 'checking', but the newer 'idle' event arrives before that answer.
    for (const listener of fake.listeners) listener({ state: 'idle', nextCheckAt: 5, upToDate: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(watcher.state.get().status).toEqual({ state: 'idle', nextCheckAt: 5, upToDate: true });
    watcher.stop();
  });

  it('shows why main refused a restart, and clears it on the next request', async () => {
    const fake = fakeUpdater({ state: 'ready', version: '0.2.0', canRestartNow: false });
    const watcher = new UpdateWatcher(fake.updater);
    await watcher.restartToUpdate();
    expect(watcher.state.get()).toMatchObject({ busy: false, problem: 'Parley does not restart during a meeting' });
    await watcher.checkNow();
    expect(watcher.state.get().problem).toBeNull();
    watcher.stop();
  });

  it('sets the feed and asks for the status again at once', async () => {
    const fake = fakeUpdater({ state: 'off', why: 'no-feed', reason: 'No update feed is set for this installation.' });
    const watcher = new UpdateWatcher(fake.updater);
    watcher.start();
    await vi.advanceTimersByTimeAsync(0);
    const before = polls(fake.calls);
    await watcher.setFeed('http://192.0.2.5:8443/updates/');
    await vi.advanceTimersByTimeAsync(0);
    expect(watcher.state.get().feed).toEqual({ url: 'http://192.0.2.5:8443/updates/', source: 'user' });
    expect(polls(fake.calls)).toBe(before + 1);
    watcher.stop();
  });
});
