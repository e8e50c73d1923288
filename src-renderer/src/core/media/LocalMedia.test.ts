import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalMedia } from './LocalMedia';
import { defaultPreferences, type PreferenceStore } from './preferences';

/** A track as LocalMedia uses it: events, a device id, stop(). */
class FakeTrack extends EventTarget {
  stopped = false;
  constructor(
    readonly kind: 'audio' | 'video',
    readonly deviceId: string,
  ) {
    super();
  }
  stop(): void {
    this.stopped = true;
  }
}

/** navigator.mediaDevices with devices the test plugs in and out. */
class FakeMediaDevices extends EventTarget {
  present: Array<{ kind: MediaDeviceKind; deviceId: string; label: string }> = [];

  async enumerateDevices() {
    return this.present.map((d) => ({ ...d, groupId: '', toJSON: () => d }));
  }

  async getUserMedia(constraints: { audio?: { deviceId?: { exact: string } }; video?: { deviceId?: { exact: string } } }) {
    const kind = constraints.audio ? 'audio' : 'video';
    const wanted = (constraints.audio ?? constraints.video)?.deviceId?.exact;
    const candidates = this.present.filter((d) => d.kind === (kind === 'audio' ? 'audioinput' : 'videoinput'));
    const device = wanted ? candidates.find((d) => d.deviceId === wanted) : candidates[0];
    if (!device) throw new DOMException('no such device', 'NotFoundError');
    const track = new FakeTrack(kind, device.deviceId);
    return { getTracks: () => [track] };
  }

  plug(kind: MediaDeviceKind, deviceId: string): void {
    this.present.push({ kind, deviceId, label: deviceId });
    this.dispatchEvent(new Event('devicechange'));
  }

  unplug(deviceId: string): void {
    this.present = this.present.filter((d) => d.deviceId !== deviceId);
    this.dispatchEvent(new Event('devicechange'));
  }
}

const memoryStore = (prefs = defaultPreferences): PreferenceStore => ({ load: async () => ({ ...prefs }), save: () => {} });
const settle = () => new Promise((r) => setTimeout(r, 10));

describe('local media and devices coming and going', () => {
  afterEach(() => vi.unstubAllGlobals());

  function setup() {
    const devices = new FakeMediaDevices();
    devices.present = [
      { kind: 'audioinput', deviceId: 'default', label: 'Default' },
      { kind: 'videoinput', deviceId: 'cam-1', label: 'Built-in camera' },
    ];
    vi.stubGlobal('navigator', { mediaDevices: devices });
    return devices;
  }

  it('shows a device plugged in mid-call in the pickers, and drops one unplugged', async () => {
    const devices = setup();
    const media = await LocalMedia.create(memoryStore());
    await media.start();
    devices.plug('audioinput', 'usb-headset');
    await settle();
    expect(media.state.get().devices.microphones.map((d) => d.deviceId)).toEqual(['default', 'usb-headset']);
    devices.unplug('usb-headset');
    await settle();
    expect(media.state.get().devices.microphones.map((d) => d.deviceId)).toEqual(['default']);
    media.stop();
  });

  it('falls back to the default microphone when the one in use is unplugged', async () => {
    const devices = setup();
    devices.present.push({ kind: 'audioinput', deviceId: 'usb-headset', label: 'USB headset' });
    const media = await LocalMedia.create(memoryStore({ ...defaultPreferences, microphoneId: 'usb-headset' }));
    await media.start();
    const headset = media.state.get().microphone as unknown as FakeTrack;
    expect(headset.deviceId).toBe('usb-headset');

    devices.unplug('usb-headset');
    headset.dispatchEvent(new Event('ended'));
    await settle();
    expect((media.state.get().microphone as unknown as FakeTrack | null)?.deviceId).toBe('default');
    // The choice is kept: plugged in again, the headset is what the picker shows as chosen.
    expect(media.state.get().prefs.microphoneId).toBe('usb-headset');
    media.stop();
  });

  it('does not loop when a device keeps ending', async () => {
    setup();
    const media = await LocalMedia.create(memoryStore());
    await media.start();
    const first = media.state.get().microphone as unknown as FakeTrack;
    first.dispatchEvent(new Event('ended'));
    await settle();
    const second = media.state.get().microphone as unknown as FakeTrack;
    expect(second).not.toBe(first);
    second.dispatchEvent(new Event('ended'));
    await settle();
    expect(media.state.get().microphone).toBeNull();
    media.stop();
  });
});
