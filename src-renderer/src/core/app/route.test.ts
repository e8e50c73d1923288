import { describe, expect, it } from 'vitest';
import { invitePath, pageServer, parseRoute, roomPath } from './route';

describe('routes', () => {
  it.each([
    ['/', '', { kind: 'home' }],
    ['/r/standup', '', { kind: 'room', roomId: 'standup', server: null }],
    ['/r/standup', '?server=http%3A%2F%2F10.0.0.2%3A8443', { kind: 'room', roomId: 'standup', server: 'http://10.0.0.2:8443' }],
    ['/r/standup', '?server=javascript%3Aalert(1)', { kind: 'room', roomId: 'standup', server: null }],
    ['/history', '', { kind: 'history' }],
    ['/history/12', '', { kind: 'meeting', meetingId: 12 }],
    ['/history/0', '', { kind: 'home' }],
    ['/r/../etc', '', { kind: 'home' }],
  ])('%s%s is %j', (pathname, search, expected) => {
    expect(parseRoute(pathname, search)).toEqual(expected);
  });

  it('names the server in a room link only when it is not the page’s own', () => {
    expect(roomPath('standup', null)).toBe('/r/standup');
    expect(roomPath('standup', 'http://10.0.0.2:8443')).toBe('/r/standup?server=http%3A%2F%2F10.0.0.2%3A8443');
  });

  it('knows whether a Parley server serves the page', () => {
    expect(pageServer({ protocol: 'http:', origin: 'http://127.0.0.1:8443' })).toBe('http://127.0.0.1:8443');
    expect(pageServer({ protocol: 'app:', origin: 'app://parley' })).toBeNull();
  });
});

describe('invite routes', () => {
  const fp = 'ab'.repeat(32);

  it('reads the code, the fingerprint from the fragment, and a named server', () => {
    expect(parseRoute('/j/4f7-q2k', '', `#fp=${fp}`)).toEqual({ kind: 'invite', code: '4F7-Q2K', server: null, fingerprint: fp });
    expect(parseRoute('/j/4F7-Q2K', `?server=${encodeURIComponent('https://192.168.1.20:8443')}`, `#fp=${fp}`)).toEqual({
      kind: 'invite',
      code: '4F7-Q2K',
      server: 'https://192.168.1.20:8443',
      fingerprint: fp,
    });
    expect(parseRoute(invitePath('4F7-Q2K', 'https://10.0.0.2:9000', fp).split('?')[0]!, '', '')).toMatchObject({ kind: 'invite', fingerprint: null });
  });

  it('sends malformed codes home', () => {
    expect(parseRoute('/j/0O1-IL0', '', '')).toEqual({ kind: 'home' });
  });
});
