import { describe, expect, it } from 'vitest';
import { memoryLogger } from '../log/Logger';
import type { ScreenCapturer } from './DevicesMainService';
import { installPermissionHandlers } from './installPermissionHandlers';
import type { ScreenPickerMode } from './screenPickerMode';

type Handler = (...args: never[]) => unknown;

/** Records the handlers installed on the session, to call them as Electron would. */
function fakeSession() {
  const handlers: Record<string, Handler> = {};
  const options: Record<string, unknown> = {};
  const record = (name: string) => (handler: Handler, opts?: unknown) => {
    handlers[name] = handler;
    options[name] = opts;
  };
  return {
    handlers,
    options,
    session: {
      setPermissionRequestHandler: record('request'),
      setPermissionCheckHandler: record('check'),
      setDevicePermissionHandler: record('device'),
      setDisplayMediaRequestHandler: record('display'),
    } as unknown as Parameters<typeof installPermissionHandlers>[0],
  };
}

const capturer: ScreenCapturer = {
  getSources: async () => [{ id: 'screen:0:0', name: 'Entire screen', thumbnail: { isEmpty: () => true, toDataURL: () => '' } }],
};

function setup(chosen: string | null = null, mode: ScreenPickerMode = 'app') {
  const { handlers, options, session } = fakeSession();
  let pick = chosen;
  const takeChosenScreenSource = (): string | null => {
    const taken = pick;
    pick = null;
    return taken;
  };
  installPermissionHandlers(session, { takeChosenScreenSource }, capturer, mode, memoryLogger());
  const request = (permission: string, details: object): Promise<boolean> =>
    new Promise((resolve) => (handlers.request as unknown as (w: null, p: string, cb: (g: boolean) => void, d: object) => void)(null, permission, resolve, details));
  const check = (permission: string, origin: string, details: object): boolean =>
    (handlers.check as unknown as (w: null, p: string, o: string, d: object) => boolean)(null, permission, origin, details);
  const display = (request: object): Promise<unknown> =>
    new Promise((resolve) => (handlers.display as unknown as (r: object, cb: (s: unknown) => void) => void)(request, resolve));
  return { request, check, display, device: handlers.device as unknown as () => boolean, displayOptions: options.display };
}

describe('the session permission handlers', () => {
  it('grant camera and microphone to the app’s own page and refuse them to any other', async () => {
    const { request } = setup();
    expect(await request('media', { requestingUrl: 'app://parley/r/x', isMainFrame: true, mediaTypes: ['audio', 'video'] })).toBe(true);
    expect(await request('media', { requestingUrl: 'http://127.0.0.1:8443/', isMainFrame: true, mediaTypes: ['video'] })).toBe(false);
    expect(await request('geolocation', { requestingUrl: 'app://parley/', isMainFrame: true })).toBe(false);
  });

  it('answer permission checks the same way, and refuse USB, HID and serial devices outright', () => {
    const { check, device } = setup();
    expect(check('media', 'app://parley', { isMainFrame: true, mediaType: 'video' })).toBe(true);
    expect(check('media', 'https://evil.example', { isMainFrame: true, mediaType: 'video' })).toBe(false);
    expect(device()).toBe(false);
  });

  it('capture the screen picked in the app, once, for the app’s page only', async () => {
    const ours = { securityOrigin: 'app://parley', frame: { url: 'app://parley/r/x' }, videoRequested: true, audioRequested: false };
    expect(await setup(null).display(ours)).toEqual({});
    expect(await setup('screen:0:0').display({ ...ours, securityOrigin: 'https://evil.example', frame: { url: 'https://evil.example/' } })).toEqual({});
    const picked = setup('screen:0:0');
    expect(await picked.display(ours)).toEqual({ video: { id: 'screen:0:0', name: 'Entire screen' } });
    expect(await picked.display(ours)).toEqual({});
  });

  it('turn on the system picker only where it is the one picker (macOS 15+)', () => {
    expect(setup(null, 'system').displayOptions).toEqual({ useSystemPicker: true });
    expect(setup(null, 'app').displayOptions).toEqual({ useSystemPicker: false });
    expect(setup(null, 'portal').displayOptions).toEqual({ useSystemPicker: false });
  });
});
