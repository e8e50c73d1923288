import { describe, expect, it } from 'vitest';
import type { HostedMeeting } from '../../../../src-common/ipc/host';
import { normalizeFingerprint, normalizeInviteCode } from '../../../../src-common/invite';
import { meetingDetails } from './meetingDetails';

const fp = normalizeFingerprint('AB:'.repeat(31) + 'AB')!;
const code = normalizeInviteCode('K7PQ2M')!;
const hosting = {
  roomId: 'lan-x1',
  code,
  server: 'https://192.168.1.20:8443',
  link: `https://192.168.1.20:8443/j/${code}#fp=${fp}`,
  deepLink: `parley://join/${code}?server=192.168.1.20%3A8443&fp=${fp}`,
  fingerprint: fp,
} as unknown as HostedMeeting;

describe('meeting details', () => {
  it('gives a room on a server its browser link and its name as the code, without QR or fingerprint', () => {
    expect(meetingDetails({ roomId: 'standup', server: 'https://meet.example', hosting: null, invite: null })).toEqual({
      link: 'https://meet.example/r/standup',
      code: 'standup',
      codeLabel: 'Room',
      appLink: null,
      lan: false,
      fingerprint: null,
    });
  });

  it('gives the host of a LAN meeting its invite: link, code, app link, QR and fingerprint', () => {
    expect(meetingDetails({ roomId: 'lan-x1', server: hosting.server, hosting, invite: null })).toEqual({
      link: hosting.link,
      code,
      codeLabel: 'Meeting code',
      appLink: hosting.deepLink,
      lan: true,
      fingerprint: fp,
    });
  });

  it('does not offer the hosted meeting’s invite in another meeting', () => {
    expect(meetingDetails({ roomId: 'other', server: 'https://meet.example', hosting, invite: null }).link).toBe('https://meet.example/r/other');
  });

  it('gives a guest who came by invite the same invite to pass on', () => {
    const details = meetingDetails({ roomId: 'lan-x1', server: hosting.server, hosting: null, invite: { code, fingerprint: fp } });
    expect(details).toMatchObject({ link: hosting.link, code, lan: true, fingerprint: fp, appLink: hosting.deepLink });
  });

  it('passes on an invite without a fingerprint as the bare code link (a server on plain HTTP)', () => {
    const details = meetingDetails({ roomId: 'lan-x1', server: 'http://localhost:8443', hosting: null, invite: { code, fingerprint: null } });
    expect(details).toMatchObject({ link: `http://localhost:8443/j/${code}`, fingerprint: null, appLink: null });
  });
});
