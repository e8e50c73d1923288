import { describe, expect, it } from 'vitest';
import { decideUpgrade, hostName, type UpgradePolicy } from './upgradePolicy';

const policy: UpgradePolicy = { allowedOrigins: ['https://meet.example.com'], allowedHosts: ['meet.example.com'], ownNames: ['studio-pc'] };

describe('decideUpgrade', () => {
  it.each([
    ['a page from this server', { host: '192.168.1.20:8443', origin: 'https://192.168.1.20:8443' }],
    ['the same page over plain http on localhost', { host: 'localhost:8443', origin: 'http://localhost:8443' }],
    ['the desktop app', { host: '10.0.0.5:8443', origin: 'app://parley' }],
    ['a client that is not a browser', { host: '127.0.0.1:8443' }],
    ['an mDNS name', { host: 'studio-pc.local:8443', origin: 'https://studio-pc.local:8443' }],
    ['the machine name', { host: 'studio-pc:8443', origin: 'http://studio-pc:8443' }],
    ['an IPv6 literal', { host: '[::1]:8443', origin: 'http://[::1]:8443' }],
    ['a configured public name behind a proxy', { host: 'meet.example.com', origin: 'https://meet.example.com' }],
  ])('lets in %s', (_, headers) => {
    expect(decideUpgrade(headers, policy)).toEqual({ ok: true });
  });

  it.each([
    ['a page on another site', { host: '192.168.1.20:8443', origin: 'https://evil.example' }, 403],
    ['another port of the same host', { host: '192.168.1.20:8443', origin: 'https://192.168.1.20:9999' }, 403],
    ['a file: page', { host: 'localhost:8443', origin: 'file://' }, 403],
    ['an opaque origin', { host: 'localhost:8443', origin: 'null' }, 403],
    ['a rebinding name that Origin and Host agree on', { host: 'evil.example:8443', origin: 'https://evil.example:8443' }, 421],
    ['no Host header', { origin: 'https://evil.example' }, 403],
    ['a malformed Host header', { host: 'a b', origin: 'https://a' }, 403],
  ])('refuses %s', (_, headers, status) => {
    expect(decideUpgrade(headers, policy)).toMatchObject({ ok: false, status });
  });
});

describe('hostName', () => {
  it('lower-cases and drops the port', () => {
    expect(hostName('Studio-PC.local:8443')).toBe('studio-pc.local');
    expect(hostName('[FE80::1]:1')).toBe('[fe80::1]');
    expect(hostName('x'.repeat(300))).toBeNull();
  });
});
