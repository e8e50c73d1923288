import type { LocalMedia } from '../media/LocalMedia';
import type { LevelMeter } from '../media/levelMeter';
import { Store } from '../base/Store';

export interface MutedSpeechOptions {
  /** Level (0..1 on levelMeter's -60..0 dBFS scale) that counts as speech: about -39 dBFS. */
  threshold?: number;
  /** How long someone must talk before the hint shows. */
  speechMs?: number;
  /** Dips shorter than this (between syllables) do not end a stretch of speech. */
  gapMs?: number;
  /** At most one hint per this long, so it does not nag. */
  cooldownMs?: number;
}

/**
 * Decides when to say "You are muted": after about half a second of speech into a muted
 * microphone, then not again until the cooldown has passed.
 */
export class MutedSpeechDetector {
  private readonly threshold: number;
  private readonly speechMs: number;
  private readonly gapMs: number;
  private readonly cooldownMs: number;
  private since: number | null = null;
  private lastLoud = -Infinity;
  private lastHint = -Infinity;

  constructor(options: MutedSpeechOptions = {}) {
    this.threshold = options.threshold ?? 0.35;
    this.speechMs = options.speechMs ?? 500;
    this.gapMs = options.gapMs ?? 250;
    this.cooldownMs = options.cooldownMs ?? 15_000;
  }

  /** One level reading at time `now` (ms); true when the hint should show now. */
  feed(level: number, muted: boolean, now: number): boolean {
    if (!muted) {
      this.since = null;
      return false;
    }
    if (level < this.threshold) {
      if (now - this.lastLoud > this.gapMs) this.since = null;
      return false;
    }
    if (this.since === null || now - this.lastLoud > this.gapMs) this.since = now;
    this.lastLoud = now;
    if (now - this.since < this.speechMs || now - this.lastHint < this.cooldownMs) return false;
    this.lastHint = now;
    this.since = null;
    return true;
  }
}

/** How long the hint stays up. */
export const HINT_MS = 4000;

export interface MutedHintOptions extends MutedSpeechOptions {
  createMeter: (track: MediaStreamTrack) => LevelMeter;
  pollMs?: number;
  now?: () => number;
}

/**
 * Watches the microphone while it is muted (it stays captured when muted) and raises the
 * "You are muted" hint; unmuting hides it at once.
 */
export class MutedHint {
  readonly visible = new Store<boolean>(false);
  private readonly detector: MutedSpeechDetector;
  private meter: { track: MediaStreamTrack; meter: LevelMeter; timer: ReturnType<typeof setInterval> } | undefined;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly localMedia: Pick<LocalMedia, 'state'>,
    private readonly options: MutedHintOptions,
  ) {
    this.detector = new MutedSpeechDetector(options);
  }

  /** Starts following the microphone (again, after close). */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.localMedia.state.subscribe(() => this.follow());
    this.follow();
  }

  /** Stops listening. Safe to call twice. */
  close(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stopMeter();
    clearTimeout(this.hideTimer);
    this.visible.set(false);
  }

  private follow(): void {
    const { microphone, prefs } = this.localMedia.state.get();
    if (!prefs.micMuted) {
      clearTimeout(this.hideTimer);
      this.visible.set(false);
    }
    const wanted = prefs.micMuted ? microphone : null;
    if (this.meter?.track === wanted) return;
    this.stopMeter();
    if (!wanted) return;
    const meter = this.options.createMeter(wanted);
    const now = this.options.now ?? (() => performance.now());
    const timer = setInterval(() => {
      const muted = this.localMedia.state.get().prefs.micMuted;
      if (this.detector.feed(meter.read(), muted, now())) this.show();
    }, this.options.pollMs ?? 50);
    this.meter = { track: wanted, meter, timer };
  }

  private show(): void {
    this.visible.set(true);
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => this.visible.set(false), HINT_MS);
  }

  private stopMeter(): void {
    if (!this.meter) return;
    clearInterval(this.meter.timer);
    this.meter.meter.close();
    this.meter = undefined;
  }
}
