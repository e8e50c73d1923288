import { serverUrlSchema } from '../../../src-common/validation';
import type { MeetingId } from '../../../src-common/ipc/history';

/** The screens, from the address: /, /r/<room>[?server=...], /history, /history/<id>. */
export type Route =
  | { kind: 'home' }
  | { kind: 'room'; roomId: string; server: string | null }
  | { kind: 'history' }
  | { kind: 'meeting'; meetingId: MeetingId };

export function parseRoute(pathname: string, search: string): Route {
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
