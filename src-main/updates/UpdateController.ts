import { ErrorCode, ParleyError } from '../../src-common/errors';
import type { UpdateFeed, UpdateStatus } from '../../src-common/ipc/updater';
import type { Logger } from '../log/Logger';
import { defaultSchedule, retryDelayMs, updatesOff, type CheckSchedule, type InstallKind } from './updatePolicy';

/** What the controller drives: electron-updater in the app (updaterGlue.ts), a fake in tests. */
export interface UpdateEngine {
  /**
   * Asks `feedUrl` for a newer version. When there is one, its download starts in the background
   * and reports through the controller's `downloadProgress`, `downloaded` and `failed`.
   */
  check(feedUrl: string): Promise<{ available: false } | { available: true; version: string }>;
  /** Quits the app and installs the downloaded update. */
  quitAndInstall(): void;
}

/** Time, injected so the schedule is testable without waiting hours. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface UpdateControllerOptions {
  engine: UpdateEngine;
  install: InstallKind;
  feed: UpdateFeed;
  logger: Logger;
  clock?: Clock;
  schedule?: CheckSchedule;
  /** 0..1, spreads retry times (Math.random by default). */
  random?: () => number;
}

/**
 * Applies the update policy over time: checks shortly after start and every few hours, backs off
 * after failures, downloads in the background, and never restarts the app during a meeting. A
 * downloaded update installs when Parley quits (electron-updater's autoInstallOnAppQuit), or at
 * once when the user asks outside a meeting. Checks that fall due during a meeting wait for its
 * end, so a download never competes with the meeting's media.
 */
export class UpdateController {
  private status: UpdateStatus;
  private feed: UpdateFeed;
  private inMeeting = false;
  private failures = 0;
  private lastCheckedAt: number | undefined;
  private timer: unknown = null;
  /** A check fell due during a meeting; it runs when the meeting ends. */
  private deferred = false;
  private checking: Promise<void> | null = null;
  private closed = false;
  private readonly clock: Clock;
  private readonly schedule: CheckSchedule;
  private readonly random: () => number;
  private readonly listeners = new Set<(status: UpdateStatus) => void>();

  constructor(private readonly options: UpdateControllerOptions) {
    this.clock = options.clock ?? systemClock;
    this.schedule = options.schedule ?? defaultSchedule;
    this.random = options.random ?? Math.random;
    this.feed = options.feed;
    this.status = this.offStatus() ?? { state: 'idle', nextCheckAt: this.clock.now() + this.schedule.startDelayMs, upToDate: false };
  }

  /** Schedules the first check (nothing when updates are off here). */
  start(): void {
    if (this.status.state === 'idle') this.scheduleCheck(this.schedule.startDelayMs);
  }

  getStatus(): UpdateStatus {
    return this.status;
  }

  getFeed(): UpdateFeed {
    return this.feed;
  }

  /** Called with every status change (the glue logs them). Returns the unsubscribe function. */
  onStatus(listener: (status: UpdateStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The renderer says whether a meeting is on (app:setMeetingState). */
  setInMeeting(inMeeting: boolean): void {
    if (this.inMeeting === inMeeting) return;
    this.inMeeting = inMeeting;
    if (this.status.state === 'ready') this.setStatus({ ...this.status, canRestartNow: !inMeeting });
    if (!inMeeting && this.deferred) {
      this.deferred = false;
      void this.runCheck();
    }
  }

  /** A check now, on the user's request (also during a meeting: they asked). */
  async checkNow(): Promise<UpdateStatus> {
    const off = this.offStatus();
    if (off) throw new ParleyError(ErrorCode.Unavailable, off.reason);
    if (this.status.state === 'idle' || this.status.state === 'error') await this.runCheck();
    else await this.checking;
    return this.status;
  }

  restartToUpdate(): void {
    if (this.status.state !== 'ready') throw new ParleyError(ErrorCode.NotFound, 'No update has been downloaded yet.');
    if (this.inMeeting) {
      throw new ParleyError(ErrorCode.Forbidden, 'Parley does not restart during a meeting; the update installs when you quit, or restart after the meeting.');
    }
    this.options.logger.info(`restartToUpdate() | installing ${this.status.version}`);
    this.options.engine.quitAndInstall();
  }

  /**
   * Asked as the app quits: whether the downloaded update installs now. Always when one is ready;
   * quitting ends any meeting, so this is the moment that never interrupts one.
   */
  installOnQuit(): boolean {
    return this.status.state === 'ready';
  }

  /** A new feed (the user chose one); checks it soon. A downloaded update stays ready. */
  setFeed(feed: UpdateFeed): void {
    this.feed = feed;
    if (this.status.state === 'ready' || this.status.state === 'downloading' || this.status.state === 'checking') return;
    this.failures = 0;
    this.cancelTimer();
    const off = this.offStatus();
    if (off) {
      this.setStatus(off);
      return;
    }
    this.setStatus({ state: 'idle', nextCheckAt: this.clock.now(), upToDate: false, ...this.lastChecked() });
    this.scheduleCheck(0);
  }

  /** From the engine while a download runs. */
  downloadProgress(progress: { percent: number; transferred: number; total: number }): void {
    if (this.status.state !== 'downloading') return;
    this.setStatus({
      ...this.status,
      percent: Math.min(100, Math.max(0, progress.percent)),
      transferredBytes: Math.max(0, progress.transferred),
      totalBytes: Math.max(0, progress.total),
    });
  }

  /** From the engine: the download finished and its sha512 matched. No more checks until a restart. */
  downloaded(version: string): void {
    this.cancelTimer();
    this.failures = 0;
    this.setStatus({ state: 'ready', version, canRestartNow: !this.inMeeting });
    this.options.logger.info(`downloaded() | ${version} installs on quit`);
  }

  /**
   * From the engine: the background download failed (network, checksum). Failed checks reject
   * `check()` instead; an engine that also reports them here is not counted twice.
   */
  failed(error: unknown): void {
    if (this.status.state !== 'downloading') return;
    this.fail(error);
  }

  /** Stops the schedule. Safe to call twice. */
  close(): void {
    this.closed = true;
    this.cancelTimer();
    this.listeners.clear();
  }

  private runCheck(): Promise<void> {
    if (this.checking) return this.checking;
    if (this.closed || this.offStatus() || this.status.state === 'ready' || this.status.state === 'downloading') return Promise.resolve();
    const feedUrl = this.feed.url!;
    this.cancelTimer();
    this.setStatus({ state: 'checking' });
    this.checking = this.options.engine
      .check(feedUrl)
      .then((result) => {
        this.lastCheckedAt = this.clock.now();
        this.failures = 0;
        if (result.available) {
          this.options.logger.info(`check() | ${result.version} is available; downloading`);
          this.setStatus({ state: 'downloading', version: result.version, percent: 0, transferredBytes: 0, totalBytes: 0 });
        } else {
          this.setStatus({ state: 'idle', lastCheckedAt: this.lastCheckedAt, nextCheckAt: this.lastCheckedAt + this.schedule.intervalMs, upToDate: true });
          this.scheduleCheck(this.schedule.intervalMs);
        }
      })
      .catch((error: unknown) => this.fail(error))
      .finally(() => {
        this.checking = null;
      });
    return this.checking;
  }

  private fail(error: unknown): void {
    this.failures += 1;
    const delay = retryDelayMs(this.failures, this.schedule, this.random());
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 400) || 'the update failed';
    this.options.logger.warn(`fail() | failure ${this.failures}, next try in ${Math.round(delay / 1000)} s`, error);
    this.setStatus({ state: 'error', message, retryAt: this.clock.now() + delay });
    this.scheduleCheck(delay);
  }

  private scheduleCheck(delayMs: number): void {
    this.cancelTimer();
    if (this.closed) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      if (this.inMeeting) {
        this.deferred = true;
        this.options.logger.debug('scheduleCheck() | due during a meeting; waiting for it to end');
        return;
      }
      void this.runCheck();
    }, delayMs);
  }

  private cancelTimer(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.deferred = false;
  }

  private offStatus(): Extract<UpdateStatus, { state: 'off' }> | null {
    const off = updatesOff(this.options.install, this.feed);
    return off ? { state: 'off', ...off } : null;
  }

  private lastChecked(): { lastCheckedAt?: number } {
    return this.lastCheckedAt === undefined ? {} : { lastCheckedAt: this.lastCheckedAt };
  }

  private setStatus(status: UpdateStatus): void {
    this.status = status;
    for (const listener of this.listeners) listener(status);
  }
}
