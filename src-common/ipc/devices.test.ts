import { describe, expect, it } from 'vitest';
import { serverUrlSchema } from '../validation';
import { allChannels } from './bridge';
import { chooseDevice } from './devices';

describe('choosing a remembered device', () => {
  const present = [{ deviceId: 'default' }, { deviceId: 'usb-mic' }];
  it.each([
    ['uses the remembered device while it is plugged in', 'usb-mic', { deviceId: 'usb-mic', fellBack: false }],
    ['falls back to the system default when it is gone', 'bluetooth-mic', { deviceId: undefined, fellBack: true }],
    ['uses the default when nothing was remembered', undefined, { deviceId: undefined, fellBack: false }],
  ])('%s', (_label, preferred, expected) => {
    expect(chooseDevice(preferred, present)).toEqual(expected);
  });
});

describe('server addresses', () => {
  it.each([
    ['http://127.0.0.1:8443', 'http://127.0.0.1:8443'],
    ['HTTPS://Meet.Example.org/', 'https://meet.example.org'],
    ['http://[::1]:8443', 'http://[::1]:8443'],
  ])('accepts %s as %s', (input, expected) => {
    expect(serverUrlSchema.parse(input)).toBe(expected);
  });

  it.each(['ws://host:1', 'javascript:alert(1)', 'http://user:pw@host', 'http://host/path', 'http://host?x=1', 'file:///etc', 'http://'])(
    'refuses %s',
    (input) => {
      expect(serverUrlSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('the bridge channels', () => {
  it('are named service:method, one per contract method', () => {
    expect(allChannels).toContain('history:list');
    expect(allChannels).toContain('devices:setPreferences');
    expect(allChannels).toContain('app:getCapabilities');
    expect([...allChannels].every((c) => /^[a-z]+:[a-zA-Z]+$/.test(c))).toBe(true);
  });
});
