import { describe, expect, it } from 'vitest';
import { desktopCapabilities } from '../app/capabilities';
import { screenPickerMode, withScreenPicker } from './screenPickerMode';

describe('choosing the one screen picker', () => {
  it.each([
    ['macOS 15 uses the system picker', { platform: 'darwin', systemVersion: '15.1.0', sessionType: undefined }, 'system'],
    ['macOS 14 uses the app’s picker', { platform: 'darwin', systemVersion: '14.6.1', sessionType: undefined }, 'app'],
    ['Wayland uses the PipeWire portal', { platform: 'linux', systemVersion: '6.1.0', sessionType: 'wayland' }, 'portal'],
    ['X11 uses the app’s picker', { platform: 'linux', systemVersion: '6.1.0', sessionType: 'x11' }, 'app'],
    ['a Linux console session uses the app’s picker', { platform: 'linux', systemVersion: '6.1.0', sessionType: undefined }, 'app'],
    ['Windows uses the app’s picker', { platform: 'win32', systemVersion: '10.0.22631', sessionType: undefined }, 'app'],
  ] as const)('%s', (_label, facts, expected) => {
    expect(screenPickerMode(facts)).toBe(expected);
  });

  it('offers the source listing only to the app’s own picker, and says why otherwise', () => {
    const base = desktopCapabilities(null);
    expect(withScreenPicker(base, 'app').available).toContain('screenSources');
    const portal = withScreenPicker(base, 'portal');
    expect(portal.available).not.toContain('screenSources');
    expect(portal.available).toContain('devicePreferences');
    expect(portal.missing).toEqual([{ capability: 'screenSources', reason: 'Your desktop shows its own picker for what to share.' }]);
    expect(withScreenPicker(withScreenPicker(base, 'system'), 'system').missing).toHaveLength(1);
  });
});
