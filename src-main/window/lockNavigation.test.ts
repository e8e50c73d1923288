import type { WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../log/Logger';
import { lockNavigation } from './lockNavigation';

/** The part of WebContents lockNavigation touches, recording what it is given. */
function fakeContents(pageUrl = 'app://parley/r/standup') {
  const handlers = new Map<string, (event: { url?: string; preventDefault(): void }) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | null = null;
  const contents = {
    on: (event: string, handler: (event: { url?: string; preventDefault(): void }) => void) => void handlers.set(event, handler),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: string }) => void (openHandler = handler),
    getURL: () => pageUrl,
  };
  const fire = (event: string, url?: string): boolean => {
    let prevented = false;
    handlers.get(event)!({ ...(url ? { url } : {}), preventDefault: () => void (prevented = true) });
    return prevented;
  };
  return { contents: contents as unknown as WebContents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('locking navigation', () => {
  const setup = (pageUrl?: string) => {
    const fake = fakeContents(pageUrl);
    const opened: string[] = [];
    lockNavigation(fake.contents, (url) => opened.push(url), memoryLogger());
    return { ...fake, opened };
  };

  it('lets the app move between its own pages', () => {
    const { fire, opened } = setup();
    expect(fire('will-navigate', 'app://parley/history')).toBe(false);
    expect(opened).toEqual([]);
  });

  it.each(['will-navigate', 'will-redirect'])('on %s, keeps the window and sends web links to the system browser', (event) => {
    const { fire, opened } = setup();
    expect(fire(event, 'https://example.org/docs')).toBe(true);
    expect(opened).toEqual(['https://example.org/docs']);
  });

  it('blocks file:, javascript: and other schemes without opening anything', () => {
    const { fire, opened } = setup();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://server/share']) expect(fire('will-navigate', url)).toBe(true);
    expect(opened).toEqual([]);
  });

  it('never opens a new window: web links go to the browser, the rest nowhere', () => {
    const { open, opened } = setup();
    expect(open('https://example.org/')).toEqual({ action: 'deny' });
    expect(open('app://parley/history')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://example.org/', 'app://parley/history']);
  });

  it('opens the pop-out of a shared screen as a window with the main window’s security settings', () => {
    const { open, opened } = setup();
    const answer = open('app://parley/share-window') as { action: string; overrideBrowserWindowOptions?: { webPreferences?: object } };
    expect(answer.action).toBe('allow');
    expect(answer.overrideBrowserWindowOptions?.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(opened).toEqual([]);
  });

  it.each([
    ['with a query', 'app://parley/share-window?x=1', 'app://parley/r/standup'],
    ['under another path', 'app://parley/share-window/../history', 'app://parley/r/standup'],
    ['on a look-alike host', 'app://parley.evil/share-window', 'app://parley/r/standup'],
    ['from the pop-out itself', 'app://parley/share-window', 'app://parley/share-window'],
    ['from a page that is not ours', 'app://parley/share-window', 'https://evil.example/'],
  ])('refuses a pop-out %s', (_label, url, pageUrl) => {
    expect(setup(pageUrl).open(url)).toEqual({ action: 'deny' });
  });

  it('refuses <webview>', () => {
    const { fire } = setup();
    expect(fire('will-attach-webview')).toBe(true);
  });
});
