import { describe, expect, it } from 'vitest';
import { detectInstall, resolveFeed, retryDelayMs, type InstallFacts } from './updatePolicy';

const packaged: InstallFacts = { isPackaged: true, platform: 'linux', packageType: null, appImage: undefined };

describe('detectInstall', () => {
  it.each([
    [{ ...packaged, isPackaged: false }, 'development'],
    [{ ...packaged, platform: 'win32' }, 'windows-installer'],
    [{ ...packaged, platform: 'darwin' }, 'mac-app'],
    [{ ...packaged, packageType: 'deb\n' }, 'deb'],
    [{ ...packaged, packageType: 'rpm' }, 'rpm'],
    [{ ...packaged, packageType: 'pacman' }, 'pacman'],
    [{ ...packaged, appImage: '/home/a/Parley.AppImage' }, 'appimage'],
    [packaged, 'linux-folder'],
  ] as const)('reads %j as %s', (facts, kind) => {
    expect(detectInstall(facts as InstallFacts)).toBe(kind);
  });

  it('lets a package manager own updates even when the package is an AppImage-like path', () => {
    expect(detectInstall({ ...packaged, packageType: 'deb', appImage: '/tmp/x' })).toBe('deb');
  });
});

describe('resolveFeed', () => {
  it('prefers the user, then the environment, then the build, and adds the folder slash', () => {
    expect(resolveFeed({ user: 'https://a.example/u', environment: 'https://b.example/', build: 'https://c.example/' })).toEqual({ url: 'https://a.example/u/', source: 'user' });
    expect(resolveFeed({ user: null, environment: 'https://b.example/', build: 'https://c.example/' })).toEqual({ url: 'https://b.example/', source: 'environment' });
    expect(resolveFeed({ user: null, environment: undefined, build: 'https://c.example/' })).toEqual({ url: 'https://c.example/', source: 'build' });
  });

  it('reads a build without a feed (the .invalid placeholder) as no feed', () => {
    expect(resolveFeed({ user: null, environment: '', build: 'https://updates.parley.invalid/' })).toEqual({ url: null, source: 'none' });
  });
});

describe('retryDelayMs', () => {
  const schedule = { startDelayMs: 0, intervalMs: 3_600_000, retryBaseMs: 60_000 };
  it('spreads retries by at most 20% either way, never past the interval', () => {
    expect(retryDelayMs(1, schedule, 0)).toBe(48_000);
    expect(retryDelayMs(1, schedule, 1)).toBe(72_000);
    expect(retryDelayMs(40, schedule, 1)).toBe(3_600_000);
  });
});
