import { describe, expect, it } from 'vitest';
import { pageServer, parseRoute, roomPath } from './route';

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
