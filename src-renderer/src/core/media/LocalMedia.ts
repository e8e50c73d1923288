import { Store } from '../base/Store';
import { captureCamera, captureMicrophone, DeviceError, listDevices, type DeviceLists } from './devices';
import { localStorageStore, type MediaPreferences, type PreferenceStore } from './preferences';

/** A device that ends by itself is captured again at most this often. */
const RECOVERY_INTERVAL_MS = 5000;

export interface LocalMediaState {
  camera: MediaStreamTrack | null;
  microphone: MediaStreamTrack | null;
  /** The user's choices; the track may be null when a choice could not be honoured. */
  prefs: MediaPreferences;
  devices: DeviceLists;
  /** The last capture failure, shown until the next successful capture of that device. */
  errors: { camera: DeviceError | null; microphone: DeviceError | null };
}

/**
 * The local camera and microphone: which devices, on or off, muted or not. The room session
 * mirrors these tracks into producers; the pre-join screen previews them.
 */
export class LocalMedia {
  readonly state: Store<LocalMediaState>;
  private readonly onDeviceChange = (): void => void this.refreshDevices();
  private readonly lastRecovery = { camera: -Infinity, microphone: -Infinity };

  /** Loads the saved choices (from the browser or, in the desktop app, from main) first. */
  static async create(store: PreferenceStore = localStorageStore(globalThis.localStorage)): Promise<LocalMedia> {
    return new LocalMedia(store, await store.load());
  }

  private constructor(
    private readonly store: PreferenceStore,
    prefs: MediaPreferences,
  ) {
    this.state = new Store<LocalMediaState>({
      camera: null,
      microphone: null,
      prefs,
      devices: { cameras: [], microphones: [], speakers: [] },
      errors: { camera: null, microphone: null },
    });
    navigator.mediaDevices?.addEventListener('devicechange', this.onDeviceChange);
  }

  /** Captures what the preferences ask for. The microphone is captured even when muted (meter, fast unmute). */
  async start(): Promise<void> {
    const { prefs } = this.state.get();
    await Promise.all([this.openMicrophone(prefs.microphoneId), prefs.cameraOff ? undefined : this.openCamera(prefs.cameraId)]);
    await this.refreshDevices();
  }

  async setCameraOff(off: boolean): Promise<void> {
    this.setPrefs({ cameraOff: off });
    if (off) this.replace('camera', null);
    else await this.openCamera(this.state.get().prefs.cameraId);
  }

  setMicMuted(muted: boolean): void {
    this.setPrefs({ micMuted: muted });
  }

  async selectCamera(deviceId: string): Promise<void> {
    this.setPrefs({ cameraId: deviceId });
    if (!this.state.get().prefs.cameraOff) await this.openCamera(deviceId);
  }

  async selectMicrophone(deviceId: string): Promise<void> {
    this.setPrefs({ microphoneId: deviceId });
    await this.openMicrophone(deviceId);
  }

  selectSpeaker(deviceId: string): void {
    this.setPrefs({ speakerId: deviceId });
  }

  setDisplayName(displayName: string): void {
    this.setPrefs({ displayName });
  }

  /** Stops capturing (the camera light goes off) but keeps following device changes; start() captures again. */
  release(): void {
    this.replace('camera', null);
    this.replace('microphone', null);
  }

  /** Stops every track. Safe to call twice. */
  stop(): void {
    navigator.mediaDevices?.removeEventListener('devicechange', this.onDeviceChange);
    this.release();
  }

  private async openCamera(deviceId: string | undefined): Promise<void> {
    await this.open('camera', () => captureCamera(deviceId));
  }

  private async openMicrophone(deviceId: string | undefined): Promise<void> {
    await this.open('microphone', () => captureMicrophone(deviceId));
  }

  private async open(kind: 'camera' | 'microphone', capture: () => Promise<MediaStreamTrack>): Promise<void> {
    try {
      const track = await capture();
      this.replace(kind, track);
      this.state.update((s) => ({ ...s, errors: { ...s.errors, [kind]: null } }));
      track.addEventListener('ended', () => {
        // Unplugged or revoked: show it as gone rather than as a frozen picture, then try again,
        // which falls back to the system default when the chosen device is gone.
        if (this.state.get()[kind] !== track) return;
        this.replace(kind, null);
        void this.recover(kind);
      });
    } catch (error) {
      const deviceError = error instanceof DeviceError ? error : new DeviceError('other', kind, String(error));
      console.warn(`capture ${kind} failed: ${deviceError.kind}`);
      this.state.update((s) => ({ ...s, errors: { ...s.errors, [kind]: deviceError } }));
    }
  }

  /**
   * Re-captures a device that ended by itself (unplugged), at most once per RECOVERY_INTERVAL_MS
   * per device kind, so a device that keeps failing cannot make a loop.
   */
  private async recover(kind: 'camera' | 'microphone'): Promise<void> {
    const now = Date.now();
    if (now - this.lastRecovery[kind] < RECOVERY_INTERVAL_MS) return;
    this.lastRecovery[kind] = now;
    await this.refreshDevices();
    const { prefs } = this.state.get();
    if (kind === 'camera' && !prefs.cameraOff) await this.openCamera(prefs.cameraId);
    if (kind === 'microphone') await this.openMicrophone(prefs.microphoneId);
  }

  private replace(kind: 'camera' | 'microphone', track: MediaStreamTrack | null): void {
    const old = this.state.get()[kind];
    if (old === track) return;
    this.state.update((s) => ({ ...s, [kind]: track }));
    old?.stop();
  }

  private async refreshDevices(): Promise<void> {
    try {
      const devices = await listDevices();
      this.state.update((s) => ({ ...s, devices }));
    } catch (error) {
      console.warn('listing devices failed', error);
    }
  }

  private setPrefs(change: Partial<MediaPreferences>): void {
    const prefs = { ...this.state.get().prefs, ...change };
    this.state.update((s) => ({ ...s, prefs }));
    this.store.save(prefs);
  }
}
