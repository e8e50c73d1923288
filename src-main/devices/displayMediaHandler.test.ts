import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../log/Logger';
import type { ScreenCapturer } from './DevicesMainService';
import { createDisplayMediaHandler, type DisplayMediaAnswer, type DisplayMediaRequest } from './displayMediaHandler';
import type { ScreenPickerMode } from './screenPickerMode';

const none = { isEmpty: () => true, toDataURL: () => '' };
const listing = (ids: string[]): ScreenCapturer => ({
  getSources: async () => ids.map((id) => ({ id, name: id.startsWith('screen:') ? 'Entire screen' : 'Notes', thumbnail: none })),
});

function handler(options: { mode?: ScreenPickerMode; picks?: Array<string | null>; sources?: string[]; capturer?: ScreenCapturer; systemAudio?: boolean } = {}) {
  const picks = [...(options.picks ?? [])];
  const logger = memoryLogger();
  const handle = createDisplayMediaHandler({
    mode: options.mode ?? 'app',
    isOurContent: (url) => url === 'app://parley' || url.startsWith('app://parley/'),
    devices: { takeChosenScreenSource: () => picks.shift() ?? null },
    capturer: options.capturer ?? listing(options.sources ?? ['screen:0:0', 'window:7:0']),
    systemAudio: options.systemAudio ?? false,
    logger,
  });
  const ask = (request: Partial<DisplayMediaRequest> = {}): Promise<DisplayMediaAnswer> =>
    new Promise((resolve) => handle({ securityOrigin: 'app://parley', frame: { url: 'app://parley/r/standup' }, audioRequested: false, ...request }, resolve));
  return { ask, logger };
}

describe('the display-media request handler', () => {
  it('answers our page with the window picked in the app, once', async () => {
    const { ask } = handler({ picks: ['window:7:0'] });
    expect(await ask()).toEqual({ video: { id: 'window:7:0', name: 'Notes' } });
    expect(await ask()).toEqual({});
  });

  it('shares nothing when the picker was cancelled (nothing picked), which the page sees as a cancel', async () => {
    const { ask, logger } = handler({ picks: [] });
    expect(await ask()).toEqual({});
    expect(logger.lines.map((l) => l.line).join('\n')).toContain('picker was cancelled');
  });

  it.each([
    ['another origin', { securityOrigin: 'https://evil.example', frame: { url: 'https://evil.example/' } }],
    ['a foreign frame inside our origin’s report', { frame: { url: 'https://evil.example/frame' } }],
    ['a look-alike host', { securityOrigin: 'app://parley.evil', frame: { url: 'app://parley.evil/' } }],
  ])('refuses %s even with a source picked, and keeps the pick for our page', async (_label, request) => {
    const { ask } = handler({ picks: ['screen:0:0'] });
    expect(await ask(request)).toEqual({});
    expect(await ask()).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
  });

  it('shares nothing when the picked window closed in between', async () => {
    const { ask } = handler({ picks: ['window:9:0'] });
    expect(await ask()).toEqual({});
  });

  it('shares nothing, and does not throw, when listing the sources fails', async () => {
    const { ask, logger } = handler({ picks: ['screen:0:0'], capturer: { getSources: () => Promise.reject(new Error('no display')) } });
    expect(await ask()).toEqual({});
    expect(logger.lines.map((l) => l.line).join('\n')).toContain('listing sources failed');
  });

  it('on Wayland shares what the portal dialog returned, and nothing when it was cancelled', async () => {
    expect(await handler({ mode: 'portal', sources: ['window:42:0'] }).ask()).toEqual({ video: { id: 'window:42:0', name: 'Notes' } });
    expect(await handler({ mode: 'portal', sources: [] }).ask()).toEqual({});
  });

  it('with the system picker on, refuses the fallback call rather than guessing a screen', async () => {
    const { ask, logger } = handler({ mode: 'system', picks: [] });
    expect(await ask()).toEqual({});
    expect(logger.lines.map((l) => l.line).join('\n')).toContain('system picker was unavailable');
  });

  it('adds the system sound to a shared screen where the OS offers it, and only when asked', async () => {
    expect(await handler({ picks: ['screen:0:0'], systemAudio: true }).ask({ audioRequested: true })).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' }, audio: 'loopback' });
    expect(await handler({ picks: ['screen:0:0'], systemAudio: true }).ask({ audioRequested: false })).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
    expect(await handler({ picks: ['screen:0:0'], systemAudio: false }).ask({ audioRequested: true })).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
  });
});
