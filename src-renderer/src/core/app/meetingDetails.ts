import type { HostedMeeting } from '../../../../src-common/ipc/host';
import { deepLink, joinLink, type CertFingerprint, type InviteCode } from '../../../../src-common/invite';
import { roomPath } from './route';

/** What the Invite popover shows: how others join this meeting. */
export interface MeetingDetails {
  /** The link a guest opens in a browser (or pastes into the app). */
  link: string;
  /** What a guest types instead of the link: the invite code on the LAN, the room's name elsewhere. */
  code: string;
  codeLabel: 'Meeting code' | 'Room';
  /** The Parley app's own link (LAN meetings). */
  appLink: string | null;
  /** A LAN meeting: the link is worth a QR code (phones in the same room scan it). */
  lan: boolean;
  /** The LAN host's certificate, for guests to compare with their browser's warning. */
  fingerprint: CertFingerprint | null;
}

export interface MeetingWhere {
  roomId: string;
  /** The server the meeting runs on (`https://host:port`). */
  server: string;
  /** The meeting this app hosts on the LAN, if any (it may be another one than this). */
  hosting: HostedMeeting | null;
  /** Entered through a LAN invite: its code and certificate. */
  invite: { code: InviteCode; fingerprint: CertFingerprint | null } | null;
}

/** How others join the meeting `where` names, from the most specific knowledge this window has. */
export function meetingDetails(where: MeetingWhere): MeetingDetails {
  const { roomId, server, hosting, invite } = where;
  if (hosting && hosting.roomId === roomId) {
    return { link: hosting.link, code: hosting.code, codeLabel: 'Meeting code', appLink: hosting.deepLink, lan: true, fingerprint: hosting.fingerprint };
  }
  if (invite) {
    const fingerprint = invite.fingerprint;
    const link = fingerprint ? joinLink({ server, code: invite.code, fingerprint }) : `${server}/j/${invite.code}`;
    const appLink = fingerprint && server.startsWith('https://') ? deepLink({ server, code: invite.code, fingerprint }) : null;
    return { link, code: invite.code, codeLabel: 'Meeting code', appLink, lan: true, fingerprint };
  }
  // A room on a server: the server serves the web client, so its own address opens the meeting.
  return { link: `${server}${roomPath(roomId, null)}`, code: roomId, codeLabel: 'Room', appLink: null, lan: false, fingerprint: null };
}
