import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { UpdateFeed, UpdaterService, UpdateStatus } from '../../../../src-common/ipc/updater';
import { UpdateWatcher } from './UpdateWatcher';

/** Main's updater as the watcher sees it: a status the test sets, and the calls it got. */
function fakeUpdater(initial: UpdateStatus) {
  let status = initial;
  let feed: UpdateFeed = { url: null, source: 'none' };
  const calls: string[] = [];
  const updater: UpdaterService = {
    getStatus: async () => (calls.push('getStatus'), status),
    checkNow: async () => (calls.push('checkNow'), status),
    restartToUpdate: async () => {
      calls.push('restartToUpdate');
      if (status.state === 'ready' && !status.canRestartNow) throw new ParleyError(ErrorCode.Forbidden, 'Parley does not restart during a meeting');
    },
    getFeed: async () => feed,
    setFeed: async ({ url }) => (calls.push(`setFeed ${url}`), (feed = { url, source: url ? 'user' : 'none' })),
  };
  return { updater, calls, set: (next: UpdateStatus) => void (status = next) };
}

const polls = (calls: string[]): number => calls.filter((c) => c === 'getStatus').length;

describe('UpdateWatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks often while a download runs and rarely otherwise', async () => {
    const fake = fakeUpdater({ state: 'downloading', version: '0.2.0', percent: 10, transferredBytes: 10, totalBytes: 100 });
    const watcher = new UpdateWatcher(fake.updater, { activeMs: 1_000, idleMs: 15_000 });
    watcher.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(watcher.state.get().status).toMatchObject({ state: 'downloading', percent: 10 });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(polls(fake.calls)).toBe(4);
    fake.set({ state: 'ready', version: '0.2.0', canRestartNow: true });
    await vi.advanceTimersByTimeAsync(1_000);
    expect(watcher.state.get().status).toEqual({ state: 'ready', version: '0.2.0', canRestartNow: true });
    fake.set({ state: 'idle', nextCheckAt: 0, upToDate: true });
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.advanceTimersByTimeAsync(14_000);
    expect(polls(fake.calls)).toBe(6);
    watcher.stop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(polls(fake.calls)).toBe(6);
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
