/**
 * The browser (or app) a connection comes from, as this server knows it: a random id the server
 * sets as an HttpOnly cookie on the signaling socket's handshake and reads back on the next one.
 * It grants nothing. It only lets the server recognise a browser whose participant was removed
 * (see removedReturn.ts); a browser that drops its cookies, another device or a private window is
 * not recognised, which is why a refusal suggests locking the meeting.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Server-issued, never taken from a request field, never sent to other clients. */
export type ClientId = string & { readonly __client: 'ClientId' };

export const CLIENT_COOKIE = 'parley_cid';
const ONE_YEAR_S = 365 * 24 * 3600;
const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

/** The id in the request's cookie when it is one this server could have issued; null otherwise. */
export function clientIdFrom(req: Pick<IncomingMessage, 'headers'>): ClientId | null {
  const header = req.headers.cookie;
  if (!header || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === CLIENT_COOKIE && value !== undefined && ID_PATTERN.test(value)) return value as ClientId;
  }
  return null;
}

/** 128 random bits, base64url (22 characters). */
export function newClientId(): ClientId {
  return randomBytes(16).toString('base64url') as ClientId;
}

/**
 * The Set-Cookie value. Over TLS it is `SameSite=None; Secure`, so the desktop app (another
 * origin) keeps it for the LAN host too; the cookie carries no right, and cross-site sockets are
 * refused by the upgrade policy anyway. Plain HTTP (localhost) cannot have `None` and uses `Lax`.
 */
export function clientCookie(id: ClientId, tls: boolean): string {
  const site = tls ? 'SameSite=None; Secure' : 'SameSite=Lax';
  return `${CLIENT_COOKIE}=${id}; Path=/; Max-Age=${ONE_YEAR_S}; HttpOnly; ${site}`;
}
