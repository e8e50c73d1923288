import { Store } from '../base/Store';

/** Text and slides: sharp, few frames. Motion: video playback, smooth, resolution traded away. */
export type ShareProfile = 'detail' | 'motion';

export interface ShareSettings {
  contentHint: 'detail' | 'motion';
  maxWidth: number;
  maxHeight: number;
  frameRate: number;
  maxBitrate: number;
}

/** What each profile asks of the capture and the encoder. */
export function shareSettings(profile: ShareProfile, lanHost = false): ShareSettings {
  if (profile === 'motion') return { contentHint: 'motion', maxWidth: 1280, maxHeight: 720, frameRate: 30, maxBitrate: 2_500_000 };
  return lanHost
    ? { contentHint: 'detail', maxWidth: 2560, maxHeight: 1440, frameRate: 15, maxBitrate: 4_000_000 }
    : { contentHint: 'detail', maxWidth: 1920, maxHeight: 1080, frameRate: 15, maxBitrate: 2_500_000 };
}

export interface ScreenShareState {
  video: MediaStreamTrack | null;
  /** Tab or system audio, where the platform offers it. */
  audio: MediaStreamTrack | null;
  profile: ShareProfile;
  paused: boolean;
  /** Why sharing could not start (a cancelled picker is not an error and leaves this null). */
  error: string | null;
}

function videoConstraints(settings: ShareSettings): MediaTrackConstraints {
  return { width: { max: settings.maxWidth }, height: { max: settings.maxHeight }, frameRate: { ideal: settings.frameRate, max: settings.frameRate } };
}

export interface ScreenShareOptions {
  /**
   * The desktop app's own picker, shown before capturing: resolves true once main knows what the
   * capture gets, false when the user cancelled. Without it getDisplayMedia() shows the browser's
   * or the system's picker.
   */
  pickSource?: () => Promise<boolean>;
}

/** How a start ended: a cancelled picker is not a failure (no error is shown, nothing is shared). */
export type ShareStart = 'started' | 'cancelled' | 'failed';

/** The local screen share: capture, profile, pause and stop. The Publisher mirrors it into producers. */
export class ScreenShare {
  readonly state = new Store<ScreenShareState>({ video: null, audio: null, profile: 'detail', paused: false, error: null });
  private starting = false;

  constructor(private readonly options: ScreenShareOptions = {}) {}

  get active(): boolean {
    return this.state.get().video !== null;
  }

  /** Opens the picker and starts sharing. */
  async start(profile: ShareProfile = this.state.get().profile): Promise<ShareStart> {
    if (this.active) return 'started';
    if (this.starting) return 'cancelled';
    this.starting = true;
    try {
      return await this.capture(profile);
    } finally {
      this.starting = false;
    }
  }

  private async capture(profile: ShareProfile): Promise<ShareStart> {
    this.state.update((s) => ({ ...s, error: null }));
    if (this.options.pickSource) {
      let picked: boolean;
      try {
        picked = await this.options.pickSource();
      } catch (error) {
        this.state.update((s) => ({ ...s, error: `Screen sharing could not start (${error instanceof Error ? error.message : String(error)}).` }));
        return 'failed';
      }
      if (!picked) return 'cancelled';
    }
    const settings = shareSettings(profile);
    let stream: MediaStream;
    try {
      stream = await navigator.mediaDevices.getDisplayMedia({
        video: videoConstraints(settings),
        audio: true,
        // Never offer Parley's own tab: sharing it shows an endless mirror of the meeting.
        selfBrowserSurface: 'exclude',
        systemAudio: 'include',
        surfaceSwitching: 'include',
      } as DisplayMediaStreamOptions);
    } catch (error) {
      const name = error instanceof Error ? error.name : '';
      const cancelled = name === 'NotAllowedError' || name === 'AbortError';
      this.state.update((s) => ({ ...s, error: cancelled ? null : `Screen sharing could not start (${name || String(error)}).` }));
      return cancelled ? 'cancelled' : 'failed';
    }
    const video = stream.getVideoTracks()[0] ?? null;
    const audio = stream.getAudioTracks()[0] ?? null;
    if (!video) {
      for (const track of stream.getTracks()) track.stop();
      return 'failed';
    }
    video.contentHint = settings.contentHint;
    // The shared window closed, or the browser's own "Stop sharing" was used.
    video.addEventListener('ended', () => {
      if (this.state.get().video === video) this.stop();
    });
    this.state.set({ video, audio, profile, paused: false, error: null });
    return 'started';
  }

  async setProfile(profile: ShareProfile): Promise<void> {
    const { video } = this.state.get();
    this.state.update((s) => ({ ...s, profile }));
    if (!video) return;
    const settings = shareSettings(profile);
    video.contentHint = settings.contentHint;
    try {
      await video.applyConstraints(videoConstraints(settings));
    } catch (error) {
      console.warn('the capture kept its previous constraints', error);
    }
  }

  setPaused(paused: boolean): void {
    if (this.active) this.state.update((s) => ({ ...s, paused }));
  }

  /** Stops sharing. Safe to call when not sharing. */
  stop(): void {
    const { video, audio, profile } = this.state.get();
    video?.stop();
    audio?.stop();
    this.state.set({ video: null, audio: null, profile, paused: false, error: null });
  }
}
