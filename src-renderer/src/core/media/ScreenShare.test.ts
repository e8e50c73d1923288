import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenShare } from './ScreenShare';

/** A getDisplayMedia that answers as told, recording that it was asked. */
function stubDisplayMedia(answer: () => Promise<MediaStream>) {
  const getDisplayMedia = vi.fn(answer);
  vi.stubGlobal('navigator', { mediaDevices: { getDisplayMedia } });
  return getDisplayMedia;
}

const fakeTrack = () => ({ contentHint: '', stop: vi.fn(), addEventListener: vi.fn(), applyConstraints: vi.fn() });
const stream = (video = fakeTrack()) => ({ getVideoTracks: () => [video], getAudioTracks: () => [], getTracks: () => [video] }) as unknown as MediaStream;
const domError = (name: string) => Object.assign(new Error(name), { name });

describe('starting a screen share', () => {
  afterEach(() => void vi.unstubAllGlobals());

  it('does not capture at all when the app’s picker was cancelled, and shows no error', async () => {
    const getDisplayMedia = stubDisplayMedia(async () => stream());
    const share = new ScreenShare({ pickSource: async () => false });
    expect(await share.start()).toBe('cancelled');
    expect(getDisplayMedia).not.toHaveBeenCalled();
    expect(share.state.get()).toMatchObject({ video: null, error: null });
  });

  it('captures once the app’s picker has told main the source', async () => {
    const order: string[] = [];
    stubDisplayMedia(async () => (order.push('capture'), stream()));
    const share = new ScreenShare({ pickSource: async () => (order.push('picked'), true) });
    expect(await share.start('motion')).toBe('started');
    expect(order).toEqual(['picked', 'capture']);
    expect(share.state.get()).toMatchObject({ profile: 'motion', error: null });
    expect(share.state.get().video?.contentHint).toBe('motion');
  });

  it.each(['NotAllowedError', 'AbortError'])('treats %s from the browser or the system picker as a cancel', async (name) => {
    stubDisplayMedia(() => Promise.reject(domError(name)));
    const share = new ScreenShare();
    expect(await share.start()).toBe('cancelled');
    expect(share.state.get().error).toBeNull();
  });

  it('says why when the capture fails for another reason', async () => {
    stubDisplayMedia(() => Promise.reject(domError('NotReadableError')));
    const share = new ScreenShare();
    expect(await share.start()).toBe('failed');
    expect(share.state.get().error).toBe('Screen sharing could not start (NotReadableError).');
  });

  it('opens one picker for two quick clicks', async () => {
    let release!: (picked: boolean) => void;
    const pickSource = vi.fn(() => new Promise<boolean>((r) => (release = r)));
    stubDisplayMedia(async () => stream());
    const share = new ScreenShare({ pickSource });
    const first = share.start();
    expect(await share.start()).toBe('cancelled');
    release(true);
    expect(await first).toBe('started');
    expect(pickSource).toHaveBeenCalledTimes(1);
  });
});
