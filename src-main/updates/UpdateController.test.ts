import { describe, expect, it } from 'vitest';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import { updateStatusSchema, type UpdateFeed } from '../../src-common/ipc/updater';
import { memoryLogger } from '../log/Logger';
import { UpdateController, type Clock, type UpdateEngine } from './UpdateController';
import type { CheckSchedule, InstallKind } from './updatePolicy';

const HOUR = 60 * 60_000;
const schedule: CheckSchedule = { startDelayMs: 30_000, intervalMs: 4 * HOUR, retryBaseMs: 60_000 };
const feed: UpdateFeed = { url: 'http://192.0.2.1:8443/updates/', source: 'user' };

/** Timers that run only when the test moves time forward. */
class ManualClock implements Clock {
  private time = 1_000_000;
  private timers = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  now(): number {
    return this.time;
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number[] {
    return [...this.timers.values()].map((t) => t.at - this.time).sort((a, b) => a - b);
  }
  /** Moves time forward, running every timer that falls due on the way, and lets promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].callback();
      await settle();
    }
    this.time = end;
    await settle();
  }
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** An engine whose checks answer what the test queues, counting checks and installs. */
class ScriptedEngine implements UpdateEngine {
  checks: string[] = [];
  installs = 0;
  answers: Array<() => Promise<{ available: false } | { available: true; version: string }>> = [];

  check(feedUrl: string) {
    this.checks.push(feedUrl);
    const next = this.answers.shift() ?? (() => Promise.resolve({ available: false as const }));
    return next();
  }
  quitAndInstall(): void {
    this.installs += 1;
  }
}

function setup(install: InstallKind = 'windows-installer', feedOverride: UpdateFeed = feed) {
  const clock = new ManualClock();
  const engine = new ScriptedEngine();
  const controller = new UpdateController({ engine, install, feed: feedOverride, logger: memoryLogger(), clock, schedule, random: () => 0.5 });
  const seen: string[] = [];
  controller.onStatus((status) => {
    // Every status the renderer may be shown passes the contract's schema.
    updateStatusSchema.parse(status);
    seen.push(status.state);
  });
  return { clock, engine, controller, seen };
}

async function downloadUpdate(env: ReturnType<typeof setup>, version = '0.2.0'): Promise<void> {
  env.engine.answers.push(() => Promise.resolve({ available: true, version }));
  await env.controller.checkNow();
  env.controller.downloadProgress({ percent: 50, transferred: 50, total: 100 });
  env.controller.downloaded(version);
}

describe('UpdateController', () => {
  it('checks shortly after start and then every few hours', async () => {
    const { clock, engine, controller } = setup();
    controller.start();
    await clock.advance(schedule.startDelayMs - 1);
    expect(engine.checks).toHaveLength(0);
    await clock.advance(1);
    expect(engine.checks).toEqual([feed.url]);
    expect(controller.getStatus()).toMatchObject({ state: 'idle', upToDate: true });
    await clock.advance(schedule.intervalMs);
    expect(engine.checks).toHaveLength(2);
    await clock.advance(schedule.intervalMs);
    expect(engine.checks).toHaveLength(3);
  });

  it('downloads in the background and reports progress, then is ready to install', async () => {
    const env = setup();
    env.engine.answers.push(() => Promise.resolve({ available: true, version: '0.2.0' }));
    env.controller.start();
    await env.clock.advance(schedule.startDelayMs);
    expect(env.controller.getStatus()).toMatchObject({ state: 'downloading', version: '0.2.0', percent: 0 });
    env.controller.downloadProgress({ percent: 42.5, transferred: 425, total: 1000 });
    expect(env.controller.getStatus()).toEqual({ state: 'downloading', version: '0.2.0', percent: 42.5, transferredBytes: 425, totalBytes: 1000 });
    env.controller.downloaded('0.2.0');
    expect(env.controller.getStatus()).toEqual({ state: 'ready', version: '0.2.0', canRestartNow: true });
    // Nothing more to check for until the app restarts into the new version.
    expect(env.clock.pending).toEqual([]);
  });

  it('never restarts into an update during a meeting', async () => {
    const env = setup();
    await downloadUpdate(env);
    env.controller.setInMeeting(true);
    expect(env.controller.getStatus()).toEqual({ state: 'ready', version: '0.2.0', canRestartNow: false });
    expect(() => env.controller.restartToUpdate()).toThrow(expect.objectContaining({ code: ErrorCode.Forbidden }));
    expect(env.engine.installs).toBe(0);

    env.controller.setInMeeting(false);
    expect(env.controller.getStatus()).toMatchObject({ canRestartNow: true });
    env.controller.restartToUpdate();
    expect(env.engine.installs).toBe(1);
  });

  it('installs on quit, also an update that finished downloading during a meeting', async () => {
    const env = setup();
    expect(env.controller.installOnQuit()).toBe(false);
    env.controller.setInMeeting(true);
    await downloadUpdate(env);
    expect(env.controller.installOnQuit()).toBe(true);
    expect(env.engine.installs).toBe(0);
  });

  it('answers NOT_FOUND to a restart when nothing was downloaded', () => {
    const { controller } = setup();
    expect(() => controller.restartToUpdate()).toThrow(expect.objectContaining({ code: ErrorCode.NotFound }));
  });

  it('waits for the meeting to end before a scheduled check, so no download competes with it', async () => {
    const { clock, engine, controller } = setup();
    controller.start();
    controller.setInMeeting(true);
    await clock.advance(schedule.startDelayMs + HOUR);
    expect(engine.checks).toHaveLength(0);
    controller.setInMeeting(false);
    await settle();
    expect(engine.checks).toHaveLength(1);
  });

  it.each([
    ['deb', 'package-manager', /\.deb package/],
    ['rpm', 'package-manager', /\.rpm package/],
    ['pacman', 'package-manager', /package manager/],
    ['development', 'development', /development copy/],
    ['linux-folder', 'unsupported', /cannot replace itself/],
  ] as const)('is off for a %s install and says why', async (install, why, reason) => {
    const { clock, engine, controller } = setup(install);
    controller.start();
    await clock.advance(schedule.startDelayMs + schedule.intervalMs);
    expect(engine.checks).toHaveLength(0);
    const status = controller.getStatus();
    expect(status).toMatchObject({ state: 'off', why });
    expect(status.state === 'off' && status.reason).toMatch(reason);
    await expect(controller.checkNow()).rejects.toMatchObject({ code: ErrorCode.Unavailable });
  });

  it('is off without a feed, and starts checking when one is set', async () => {
    const { clock, engine, controller } = setup('appimage', { url: null, source: 'none' });
    controller.start();
    expect(controller.getStatus()).toMatchObject({ state: 'off', why: 'no-feed' });
    controller.setFeed(feed);
    await clock.advance(0);
    expect(engine.checks).toEqual([feed.url]);
  });

  it('backs off after failures, doubling up to the regular interval, and recovers', async () => {
    const { clock, engine, controller } = setup();
    for (let i = 0; i < 12; i++) engine.answers.push(() => Promise.reject(new Error('connect ECONNREFUSED')));
    controller.start();
    await clock.advance(schedule.startDelayMs);
    const waits: number[] = [];
    for (let failure = 1; failure <= 10; failure++) {
      const status = controller.getStatus();
      expect(status).toMatchObject({ state: 'error', message: 'connect ECONNREFUSED' });
      const wait = status.state === 'error' ? status.retryAt - clock.now() : NaN;
      waits.push(wait);
      await clock.advance(wait);
    }
    expect(waits.slice(0, 5)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(Math.max(...waits)).toBe(schedule.intervalMs);
    expect(engine.checks).toHaveLength(11);

    engine.answers.length = 0;
    const status = controller.getStatus();
    await clock.advance(status.state === 'error' ? status.retryAt - clock.now() : 0);
    expect(controller.getStatus()).toMatchObject({ state: 'idle', upToDate: true });
    // After a success the next wait is the regular interval again, and a new failure starts from the base.
    expect(clock.pending).toEqual([schedule.intervalMs]);
    engine.answers.push(() => Promise.reject(new Error('again')));
    await clock.advance(schedule.intervalMs);
    const again = controller.getStatus();
    expect(again.state === 'error' && again.retryAt - clock.now()).toBe(60_000);
  });

  it('treats a failed background download like a failed check', async () => {
    const env = setup();
    env.engine.answers.push(() => Promise.resolve({ available: true, version: '0.2.0' }));
    await env.controller.checkNow();
    env.controller.failed(new ParleyError(ErrorCode.Internal, 'sha512 checksum mismatch'));
    expect(env.controller.getStatus()).toMatchObject({ state: 'error', message: 'sha512 checksum mismatch' });
    await env.clock.advance(60_000);
    expect(env.engine.checks).toHaveLength(2);
  });

  it('shares one check between a manual request and a running one', async () => {
    const { engine, controller } = setup();
    let answer!: (value: { available: false }) => void;
    engine.answers.push(() => new Promise((resolve) => (answer = resolve)));
    const first = controller.checkNow();
    const second = controller.checkNow();
    answer({ available: false });
    await Promise.all([first, second]);
    expect(engine.checks).toHaveLength(1);
  });

  it('stops its schedule on close, and close twice is harmless', async () => {
    const { clock, engine, controller } = setup();
    controller.start();
    controller.close();
    controller.close();
    await clock.advance(schedule.intervalMs * 2);
    expect(engine.checks).toHaveLength(0);
    expect(clock.pending).toEqual([]);
  });
});
