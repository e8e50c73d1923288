import { describe, expect, it } from 'vitest';
import { inviteFromArgv, invitePagePath } from './deepLinks';

const fp = 'c0'.repeat(32);

describe('deep links', () => {
  it('finds the parley:// invite among the arguments the OS started (or forwarded to) the app with', () => {
    const argv = ['/opt/Parley/parley', '--no-sandbox', `parley://join/4f7q2k?server=192.168.1.20%3A8443&fp=${fp}`];
    expect(inviteFromArgv(argv)).toEqual({ server: 'https://192.168.1.20:8443', code: '4F7-Q2K', fingerprint: fp });
  });

  it('ignores arguments that are not well-formed invites', () => {
    expect(inviteFromArgv(['parley://join/nope', 'https://192.168.1.20:8443/j/4F7-Q2K#fp=' + fp, 'parley://settings'])).toBeNull();
    expect(inviteFromArgv([])).toBeNull();
  });

  it('opens the pre-join page of the invite, with its server and fingerprint', () => {
    const invite = inviteFromArgv([`parley://join/4F7-Q2K?server=192.168.1.20:8443&fp=${fp}`])!;
    expect(invitePagePath(invite)).toBe(`/j/4F7-Q2K?server=https%3A%2F%2F192.168.1.20%3A8443#fp=${fp}`);
  });
});
