import { describe, expect, it } from 'vitest';
import { hostContract } from './host';

const fp = 'ab'.repeat(32);

describe('the host service contract', () => {
  it('takes a meeting name, a host name and optionally an admission', () => {
    expect(hostContract.start.input.parse({ meetingName: ' Standup ', hostName: 'Hana' })).toEqual({ meetingName: 'Standup', hostName: 'Hana' });
    expect(hostContract.start.input.parse({ meetingName: 'S', hostName: 'H', admission: { mode: 'passcode', passcode: 'tulip-42' } }).admission).toEqual({ mode: 'passcode', passcode: 'tulip-42' });
  });

  it.each([
    [{ meetingName: '', hostName: 'Hana' }],
    [{ meetingName: 'S', hostName: 'H', admission: { mode: 'passcode' } }],
    [{ meetingName: 'S', hostName: 'H', admission: { mode: 'passcode', passcode: 'ab' } }],
    [{ meetingName: 'S', hostName: 'H', extra: true }],
  ])('refuses to start with %j', (input) => {
    expect(hostContract.start.input.safeParse(input).success).toBe(false);
  });

  it('pins only https servers with a real SHA-256 fingerprint', () => {
    expect(hostContract.pinCertificate.input.parse({ server: 'https://192.168.1.20:8443', fingerprint: fp.toUpperCase() })).toEqual({ server: 'https://192.168.1.20:8443', fingerprint: fp });
    for (const input of [
      { server: 'http://192.168.1.20:8443', fingerprint: fp },
      { server: 'https://192.168.1.20:8443/path', fingerprint: fp },
      { server: 'https://192.168.1.20:8443', fingerprint: 'abc' },
      { server: 'https://user@host:1', fingerprint: fp },
    ]) {
      expect(hostContract.pinCertificate.input.safeParse(input).success).toBe(false);
    }
  });
});
