import { serverUrlSchema } from '../../../../src-common/validation';
import type { MeetingId } from '../../../../src-common/ipc/history';
import { normalizeFingerprint, normalizeInviteCode, type CertFingerprint, type InviteCode } from '../../../../src-common/invite';

/** The screens, from the address: /, /r/<room>[?server=...], /history, /history/<id>. */
export type Route =
  | { kind: 'home' }
  | { kind: 'room'; roomId: string; server: string | null }
  /** A hosted meeting's invite: `/j/<code>[?server=https://...]#fp=<fingerprint>`. */
  | { kind: 'invite'; code: InviteCode; server: string | null; fingerprint: CertFingerprint | null }
  | { kind: 'history' }
  | { kind: 'meeting'; meetingId: MeetingId };

export function parseRoute(pathname: string, search: string, hash = ''): Route {
  const invite = /^\/j\/([A-Za-z0-9 -]{6,12})\/?$/.exec(pathname);
  const code = invite ? normalizeInviteCode(invite[1]!) : null;
  if (code) {
    const server = serverUrlSchema.safeParse(new URLSearchParams(search).get('server') ?? '');
    const fp = /^#fp=([0-9A-Fa-f:]{64,95})$/.exec(hash);
    return { kind: 'invite', code, server: server.success ? server.data : null, fingerprint: fp ? normalizeFingerprint(fp[1]!) : null };
  }
  const room = /^\/r\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname);
  if (room) {
    const server = serverUrlSchema.safeParse(new URLSearchParams(search).get('server') ?? '');
    return { kind: 'room', roomId: room[1]!, server: server.success ? server.data : null };
  }
  if (/^\/history\/?$/.test(pathname)) return { kind: 'history' };
  const meeting = /^\/history\/([1-9][0-9]{0,15})$/.exec(pathname);
  if (meeting) return { kind: 'meeting', meetingId: Number(meeting[1]) as MeetingId };
  return { kind: 'home' };
}

/** The address of a room; the server is named when it is not the page's own. */
export function roomPath(roomId: string, server: string | null): string {
  return server ? `/r/${roomId}?server=${encodeURIComponent(server)}` : `/r/${roomId}`;
}

/** The page is served by a Parley server (browser, or tests) rather than by the desktop app's app://. */
export function pageServer(location: { protocol: string; origin: string }): string | null {
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : null;
}

/** The app's page for an invite (a meeting on this network, or a pasted link). */
export function invitePath(code: string, server: string | null, fingerprint: string): string {
  return `/j/${code}${server ? `?server=${encodeURIComponent(server)}` : ''}#fp=${fingerprint}`;
}

/** The signaling WebSocket of a server (`https://h:p` -> `wss://h:p/ws`). */
export function signalingUrl(server: string): string {
  const url = new URL('/ws', server);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}
