import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, isAppUrl, navigationDecision, permissionDecision } from './security';

describe('window security', () => {
  it.each([
    ['app://parley/', true],
    ['app://parley/r/standup?server=http%3A%2F%2Fh', true],
    ['app://parley.evil/', false],
    ['app://evil/parley', false],
    ['app://user@parley/', false],
    ['https://parley/', false],
    ['file:///app/parley', false],
    ['not a url', false],
  ])('treats %s as our own content: %s', (url, expected) => {
    expect(isAppUrl(url)).toBe(expected);
  });

  it.each([
    ['app://parley/history', 'allow'],
    ['https://github.com/parley', 'open-externally'],
    ['http://192.0.2.1:8443/r/x', 'open-externally'],
    ['mailto:team@example.org', 'open-externally'],
    ['file:///etc/passwd', 'deny'],
    ['javascript:alert(1)', 'deny'],
    ['data:text/html,<script>1</script>', 'deny'],
    ['chrome://settings', 'deny'],
    ['smb://server/share', 'deny'],
  ])('navigating to %s: %s', (url, expected) => {
    expect(navigationDecision(url)).toBe(expected);
  });

  it.each([
    ['camera and microphone for our page', { permission: 'media', requestingUrl: 'app://parley/r/x', mediaTypes: ['audio', 'video'] }, true],
    ['screen capture for our page', { permission: 'display-capture', requestingUrl: 'app://parley/r/x' }, true],
    ['speaker choice for our origin (permission checks pass an origin)', { permission: 'speaker-selection', requestingUrl: 'app://parley' }, true],
    ['camera for another origin', { permission: 'media', requestingUrl: 'https://evil.example/', mediaTypes: ['video'] }, false],
    ['camera for a data: page', { permission: 'media', requestingUrl: 'data:text/html,x', mediaTypes: ['video'] }, false],
    ['camera for a frame inside our page', { permission: 'media', requestingUrl: 'app://parley/', mediaTypes: ['video'], isMainFrame: false }, false],
    ['an unknown media type', { permission: 'media', requestingUrl: 'app://parley/', mediaTypes: ['video', 'mystery'] }, false],
    ['geolocation even for our page', { permission: 'geolocation', requestingUrl: 'app://parley/' }, false],
    ['opening external apps from the page', { permission: 'openExternal', requestingUrl: 'app://parley/' }, false],
    ['web notifications (the app notifies from main)', { permission: 'notifications', requestingUrl: 'app://parley/' }, false],
  ])('%s: granted=%s', (_label, question, expected) => {
    expect(permissionDecision(question)).toBe(expected);
  });

  it('has a CSP without inline or eval scripts and without plugins or frames', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
