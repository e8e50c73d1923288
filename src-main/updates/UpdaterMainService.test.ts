/**
 * The updater service as the renderer reaches it: through the IPC dispatcher (contract checks
 * included), against a real Parley host serving a LAN feed.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src-common/errors';
import { updateFeedSchema, updateStatusSchema } from '../../src-common/ipc/updater';
import { createServer, type ParleyServer } from '../../server/src/createServer';
import { createIpcDispatcher } from '../ipc/dispatcher';
import { memoryLogger } from '../log/Logger';
import { tempDir } from '../testing/tempDir';
import { UpdateController, type UpdateEngine } from './UpdateController';
import { fetchRelease } from './feedClient';
import { readUserFeed, UpdaterMainService } from './UpdaterMainService';

const dir = tempDir('parley-updater-');
let host: ParleyServer;
let feedUrl: string;

beforeAll(async () => {
  fs.mkdirSync(dir.file('feed'));
  fs.writeFileSync(dir.file('feed/latest.yml'), `version: 0.2.0\nfiles:\n  - url: Parley-Setup-0.2.0.exe\n    sha512: ${'A'.repeat(86)}==\n    size: 10\n`);
  host = await createServer({ host: '127.0.0.1', port: 0, workers: 1, rtcPort: 0, logLevel: 'warn', updateFeed: { dir: dir.file('feed') } });
  feedUrl = `${host.url}/updates/`;
});

afterAll(async () => {
  await host.close();
  dir.remove();
});

function setup() {
  const checks: string[] = [];
  const engine: UpdateEngine = {
    check: async (url) => {
      checks.push(url);
      return { available: true, version: '0.2.0' };
    },
    quitAndInstall: () => checks.push('install'),
  };
  const logger = memoryLogger();
  const settingsFile = dir.file(`updates-${Math.random().toString(16).slice(2)}.json`);
  const controller = new UpdateController({ engine, install: 'windows-installer', feed: { url: null, source: 'none' }, logger });
  const service = new UpdaterMainService({
    controller,
    settingsFile,
    defaults: { environment: undefined, build: null },
    probe: (url) => fetchRelease(url, 'latest.yml', { timeoutMs: 5_000 }),
    logger,
  });
  const dispatcher = createIpcDispatcher({ services: { updater: service }, isTrustedSender: (s) => s.url.startsWith('app://parley/'), logger });
  const call = (channel: string, input: unknown = {}) => dispatcher.dispatch(`updater:${channel}`, [input], { url: 'app://parley/' });
  return { controller, call, settingsFile, checks, logger };
}

describe('updater over IPC', () => {
  it('says updates are off until a feed is chosen, then checks the chosen LAN feed and keeps the choice', async () => {
    const { call, settingsFile, checks, logger, controller } = setup();
    const off = await call('getStatus');
    expect(off).toEqual({ ok: true, value: { state: 'off', why: 'no-feed', reason: expect.stringMatching(/No update feed/) } });

    const set = await call('setFeed', { url: feedUrl });
    expect(set).toEqual({ ok: true, value: { url: feedUrl, source: 'user' } });
    updateFeedSchema.parse((set as { value: unknown }).value);
    expect(readUserFeed(settingsFile, logger)).toBe(feedUrl);

    const checked = await call('checkNow');
    expect(checked).toMatchObject({ ok: true, value: { state: 'downloading', version: '0.2.0' } });
    expect(checks).toEqual([feedUrl]);
    controller.downloaded('0.2.0');
    const ready = await call('getStatus');
    updateStatusSchema.parse((ready as { value: unknown }).value);
    expect(ready).toEqual({ ok: true, value: { state: 'ready', version: '0.2.0', canRestartNow: true } });
    controller.close();
  });

  it('refuses a restart into the update during a meeting with FORBIDDEN', async () => {
    const { call, controller, checks } = setup();
    await call('setFeed', { url: feedUrl });
    await call('checkNow');
    controller.downloaded('0.2.0');
    controller.setInMeeting(true);
    expect(await call('restartToUpdate')).toMatchObject({ ok: false, error: { code: ErrorCode.Forbidden } });
    controller.setInMeeting(false);
    expect(await call('restartToUpdate')).toEqual({ ok: true, value: undefined });
    expect(checks).toContain('install');
    controller.close();
  });

  it('refuses a feed that does not answer, or is not a feed, and keeps the old choice', async () => {
    const { call, settingsFile, logger, controller } = setup();
    const noFeedHost = await createServer({ host: '127.0.0.1', port: 0, workers: 1, rtcPort: 0, logLevel: 'silent' });
    try {
      const notAFeed = await call('setFeed', { url: `${noFeedHost.url}/nothing-here/` });
      expect(notAFeed).toMatchObject({ ok: false });
      expect(readUserFeed(settingsFile, logger)).toBeNull();
    } finally {
      await noFeedHost.close();
    }
    expect(await call('setFeed', { url: 'file:///etc/passwd' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await call('setFeed', { url: 'javascript:alert(1)' })).toMatchObject({ ok: false, error: { code: ErrorCode.BadRequest } });
    expect(await call('checkNow')).toMatchObject({ ok: false, error: { code: ErrorCode.Unavailable } });
    controller.close();
  });
});
