import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCode, ParleyError } from '../../src-common/errors';
import { z } from 'zod';
import { defaultPreferences, MAX_SOURCE_NAME, MAX_THUMBNAIL_DATA_URL, screenSourceSchema, type MediaPreferences } from '../../src-common/ipc/devices';
import { memoryLogger } from '../log/Logger';
import { fakeClock, tempDir } from '../testing/tempDir';
import { DevicesMainService, SCREEN_CHOICE_TTL_MS, type ScreenCapturer } from './DevicesMainService';

const image = (url: string) => ({ isEmpty: () => url === '', toDataURL: () => url });

function fakeCapturer(ids: string[], picture: (i: number) => Partial<{ name: string; thumbnail: string; icon: string }> = () => ({})): ScreenCapturer & { requests: unknown[] } {
  const requests: unknown[] = [];
  return {
    requests,
    async getSources(options) {
      requests.push(options);
      return ids.map((id, i) => ({
        id,
        name: picture(i).name ?? `Source ${i}`,
        thumbnail: image(options.thumbnailSize.width === 0 ? '' : (picture(i).thumbnail ?? `data:image/png;base64,${i}`)),
        appIcon: id.startsWith('window:') ? image(picture(i).icon ?? `data:image/png;base64,icon${i}`) : null,
      }));
    },
  };
}

const chosen: MediaPreferences = { displayName: 'Ada', cameraId: 'cam-2', microphoneId: 'mic-2', speakerId: 'spk-2', micMuted: true, cameraOff: false };

describe('DevicesMainService', () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => dir.remove());

  const create = (capturer = fakeCapturer([]), now?: () => number) =>
    DevicesMainService.create({ file: dir.file('prefs/devices.json'), capturer, logger: memoryLogger(), ...(now ? { now } : {}) });

  it('restores the saved device choices at the next start', async () => {
    await (await create()).setPreferences(chosen);
    expect(await (await create()).getPreferences({})).toEqual(chosen);
  });

  it('starts from the defaults when nothing was saved', async () => {
    expect(await (await create()).getPreferences({})).toEqual(defaultPreferences);
  });

  it.each([
    ['not JSON', '{"cameraId": "cam-'],
    ['an array', '["cam-2"]'],
    ['null', 'null'],
    ['empty', ''],
  ])('falls back to the defaults when the saved file is %s', async (_label, content) => {
    fs.mkdirSync(dir.file('prefs'), { recursive: true });
    fs.writeFileSync(dir.file('prefs/devices.json'), content);
    expect(await (await create()).getPreferences({})).toEqual(defaultPreferences);
  });

  it('keeps the readable fields of a partly damaged file and defaults the others', async () => {
    fs.mkdirSync(dir.file('prefs'), { recursive: true });
    const stored = { displayName: 'Ada', cameraId: 42, microphoneId: 'mic-2', speakerId: '', micMuted: 'yes', cameraOff: true, fromTheFuture: 1 };
    fs.writeFileSync(dir.file('prefs/devices.json'), JSON.stringify(stored));
    expect(await (await create()).getPreferences({})).toEqual({ ...defaultPreferences, displayName: 'Ada', microphoneId: 'mic-2', cameraOff: true });
  });

  it('replaces the file whole, leaving no temporary file behind', async () => {
    const devices = await create();
    await devices.setPreferences(chosen);
    await devices.setPreferences({ ...chosen, cameraId: undefined });
    expect(JSON.parse(fs.readFileSync(dir.file('prefs/devices.json'), 'utf8'))).toEqual({ ...chosen, cameraId: undefined });
    expect(fs.readdirSync(dir.file('prefs'))).toEqual(['devices.json']);
    expect((await (await create()).getPreferences({})).cameraId).toBeUndefined();
  });

  it('lists screens and windows with thumbnails, dropping ids it does not understand', async () => {
    const capturer = fakeCapturer(['screen:0:0', 'window:1234:0', 'webcontents:1']);
    const sources = await (await create(capturer)).listScreenSources({ thumbnailWidth: 640 });
    expect(sources.map((s) => [s.id, s.kind, s.thumbnailDataUrl, s.appIconDataUrl])).toEqual([
      ['screen:0:0', 'screen', 'data:image/png;base64,0', ''],
      ['window:1234:0', 'window', 'data:image/png;base64,1', 'data:image/png;base64,icon1'],
    ]);
    expect(capturer.requests[0]).toEqual({ types: ['screen', 'window'], thumbnailSize: { width: 640, height: 360 }, fetchWindowIcons: true });
    for (const source of sources) expect(screenSourceSchema.safeParse(source).success).toBe(true);
  });

  it('asks only for the kinds wanted, without window icons for screens alone, and without thumbnails at width 0', async () => {
    const capturer = fakeCapturer(['screen:0:0']);
    const [screen] = await (await create(capturer)).listScreenSources({ kinds: ['screen'], thumbnailWidth: 0 });
    expect(capturer.requests[0]).toEqual({ types: ['screen'], thumbnailSize: { width: 0, height: 0 }, fetchWindowIcons: false });
    expect(screen?.thumbnailDataUrl).toBe('');
  });

  it('drops a thumbnail or an icon over its cap and shortens a long window title, so every answer passes the contract', async () => {
    const huge = `data:image/png;base64,${'A'.repeat(MAX_THUMBNAIL_DATA_URL)}`;
    const capturer = fakeCapturer(['window:1:0', 'window:2:0'], (i) => (i === 0 ? { thumbnail: huge, icon: huge, name: 'x'.repeat(5000) } : {}));
    const [big, small] = await (await create(capturer)).listScreenSources({});
    expect([big?.thumbnailDataUrl, big?.appIconDataUrl, big?.name.length]).toEqual(['', '', MAX_SOURCE_NAME]);
    expect(small?.thumbnailDataUrl).toBe('data:image/png;base64,1');
    expect(z.array(screenSourceSchema).safeParse([big, small]).success).toBe(true);
  });

  it('hands a picked screen to the next capture once, and only while the choice is fresh', async () => {
    const clock = fakeClock();
    const devices = await create(fakeCapturer(['screen:0:0']), clock.now);
    await devices.selectScreenSource({ sourceId: 'screen:0:0' });
    expect(devices.takeChosenScreenSource()).toBe('screen:0:0');
    expect(devices.takeChosenScreenSource()).toBeNull();

    await devices.selectScreenSource({ sourceId: 'screen:0:0' });
    clock.advance(SCREEN_CHOICE_TTL_MS + 1);
    expect(devices.takeChosenScreenSource()).toBeNull();
  });

  it('answers NOT_FOUND for picking a window that has closed', async () => {
    const devices = await create(fakeCapturer(['screen:0:0']));
    const error = await devices.selectScreenSource({ sourceId: 'window:99:0' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ParleyError);
    expect((error as ParleyError).code).toBe(ErrorCode.NotFound);
  });
});
