import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorCode, ParleyError } from '../../../../src-common/errors';
import type { ScreenSource } from '../../../../src-common/ipc/devices';
import { ScreenSourcePicker } from './ScreenSourcePicker';

const source = (id: string, thumbnail = 'data:image/png;base64,AA=='): ScreenSource => ({
  id,
  name: id,
  kind: id.startsWith('screen:') ? 'screen' : 'window',
  thumbnailDataUrl: thumbnail,
  appIconDataUrl: '',
});

/** Main's devices service as the picker sees it: a listing the test changes, and the picks it got. */
function fakeDevices(initial: ScreenSource[]) {
  let listing = initial;
  const picked: string[] = [];
  const devices = {
    listCalls: 0,
    setListing: (next: ScreenSource[]) => void (listing = next),
    picked,
    listScreenSources: async () => {
      devices.listCalls += 1;
      return listing;
    },
    selectScreenSource: async ({ sourceId }: { sourceId: string }) => {
      if (!listing.some((s) => s.id === sourceId)) throw new ParleyError(ErrorCode.NotFound, 'gone');
      picked.push(sourceId);
    },
  };
  return devices;
}

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('the app’s screen picker', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('lists screens first with the first one selected, and hands the picked window to main on Share', async () => {
    const devices = fakeDevices([source('screen:1:0'), source('window:7:0'), source('window:8:0')]);
    const picker = new ScreenSourcePicker(devices);
    const result = picker.pick();
    await settle();
    expect(picker.state.get()).toMatchObject({ open: true, tab: 'screen', selectedId: 'screen:1:0', loading: false });
    picker.setTab('window');
    expect(picker.state.get().selectedId).toBe('window:7:0');
    picker.select('window:8:0');
    await picker.confirm();
    expect(await result).toBe(true);
    expect(devices.picked).toEqual(['window:8:0']);
    expect(picker.state.get().open).toBe(false);
  });

  it('resolves false on Cancel, tells main nothing and stops refreshing', async () => {
    const devices = fakeDevices([source('screen:1:0')]);
    const picker = new ScreenSourcePicker(devices, { refreshMs: 1000 });
    const result = picker.pick();
    await settle();
    picker.cancel();
    expect(await result).toBe(false);
    const calls = devices.listCalls;
    await vi.advanceTimersByTimeAsync(5000);
    expect(devices.listCalls).toBe(calls);
    expect(devices.picked).toEqual([]);
  });

  it('refreshes the thumbnails while open, keeping the selection while its source is there', async () => {
    const devices = fakeDevices([source('screen:1:0'), source('window:7:0')]);
    const picker = new ScreenSourcePicker(devices, { refreshMs: 1000 });
    void picker.pick();
    await settle();
    picker.setTab('window');
    devices.setListing([source('screen:1:0', 'data:image/png;base64,BB=='), source('window:7:0', 'data:image/png;base64,BB==')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(picker.state.get().sources.map((s) => s.thumbnailDataUrl)).toEqual(['data:image/png;base64,BB==', 'data:image/png;base64,BB==']);
    expect(picker.state.get().selectedId).toBe('window:7:0');

    devices.setListing([source('screen:1:0')]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(picker.state.get().selectedId).toBeNull();
    picker.cancel();
  });

  it('says so when the picked window closed just before Share, and stays open for another pick', async () => {
    const devices = fakeDevices([source('screen:1:0'), source('window:7:0')]);
    const picker = new ScreenSourcePicker(devices);
    const result = picker.pick();
    await settle();
    picker.setTab('window');
    devices.setListing([source('screen:1:0')]);
    await picker.confirm();
    expect(picker.state.get()).toMatchObject({ open: true, error: 'That window has just closed. Pick another one.', selectedId: null });
    picker.setTab('screen');
    await picker.confirm();
    expect(await result).toBe(true);
    expect(devices.picked).toEqual(['screen:1:0']);
  });

  it('opens once: a second Share click joins the open picker', async () => {
    const picker = new ScreenSourcePicker(fakeDevices([source('screen:1:0')]));
    const first = picker.pick();
    const second = picker.pick();
    expect(second).toBe(first);
    picker.cancel();
    expect(await first).toBe(false);
  });

  it('shows an error instead of throwing when main cannot list the sources, and still cancels cleanly', async () => {
    const picker = new ScreenSourcePicker({ listScreenSources: () => Promise.reject(new Error('no display')), selectScreenSource: async () => {} });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const result = picker.pick();
    await settle();
    expect(picker.state.get()).toMatchObject({ open: true, loading: false, error: 'The screens and windows could not be listed.' });
    picker.cancel();
    expect(await result).toBe(false);
    warn.mockRestore();
  });

  it('drops a listing that arrives after the picker closed', async () => {
    let release!: (sources: ScreenSource[]) => void;
    const picker = new ScreenSourcePicker({ listScreenSources: () => new Promise((r) => (release = r)), selectScreenSource: async () => {} });
    void picker.pick();
    picker.cancel();
    release([source('screen:1:0')]);
    await settle();
    expect(picker.state.get()).toMatchObject({ open: false, sources: [] });
  });

  it('opens on the windows tab when there are only windows', async () => {
    const picker = new ScreenSourcePicker(fakeDevices([source('window:7:0')]));
    void picker.pick();
    await settle();
    expect(picker.state.get()).toMatchObject({ tab: 'window', selectedId: 'window:7:0' });
    picker.cancel();
  });
});
