/**
 * Who may open a signaling socket. Two browser attacks are closed here:
 * - cross-site WebSocket hijacking: a page on another site opening `/ws` with the user's network
 *   position. Browsers always send `Origin`; it must be this server's own origin (the `Host` the
 *   request came to), the desktop app's, or one configured.
 * - DNS rebinding: an attacker's name re-pointed at a LAN host makes Origin and Host agree, so the
 *   `Host` itself must be an address or a name this server answers to (IP literals, localhost,
 *   mDNS `.local` names, this machine's name, or configured names such as a public domain).
 * Clients that are not browsers send no Origin; they cannot be protected against themselves.
 */

/** The desktop app's renderer origin (see src-main/window/security.ts). */
export const APP_ORIGIN = 'app://parley';

export interface UpgradePolicy {
  /** Extra origins allowed to connect, e.g. `https://meet.example.com` behind a proxy. */
  allowedOrigins: readonly string[];
  /** Extra host names (lower case, no port) this server answers to, e.g. a public domain. */
  allowedHosts: readonly string[];
  /** This machine's own names (hostname, announced address); always allowed. */
  ownNames: readonly string[];
}

export type UpgradeDecision = { ok: true } | { ok: false; status: 403 | 421; reason: string };

const IPV4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
const IPV6_BRACKETED = /^\[[0-9a-f:.]+\]$/i;

/** `host[:port]` from a Host header, lower-cased without the port; null when malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header || header.length > 255) return null;
  const value = header.trim().toLowerCase();
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/.exec(value);
  return match ? (match[1] as string) : null;
}

function isKnownHost(name: string, policy: UpgradePolicy): boolean {
  if (IPV4.test(name) || IPV6_BRACKETED.test(name)) return true;
  if (name === 'localhost' || name.endsWith('.localhost') || name.endsWith('.local')) return true;
  return policy.ownNames.includes(name) || policy.allowedHosts.includes(name);
}

export function decideUpgrade(headers: { host?: string | undefined; origin?: string | undefined }, policy: UpgradePolicy): UpgradeDecision {
  const name = hostName(headers.host);
  if (name === null) return { ok: false, status: 403, reason: 'missing or malformed Host header' };
  if (!isKnownHost(name, policy)) return { ok: false, status: 421, reason: `this server does not answer to ${name}` };
  const origin = headers.origin;
  if (origin === undefined) return { ok: true };
  if (origin === APP_ORIGIN || policy.allowedOrigins.includes(origin)) return { ok: true };
  let originHost: string;
  try {
    const url = new URL(origin);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, status: 403, reason: `origin ${origin} is not allowed` };
    originHost = url.host;
  } catch {
    return { ok: false, status: 403, reason: 'malformed Origin header' };
  }
  if (originHost === headers.host?.trim().toLowerCase()) return { ok: true };
  return { ok: false, status: 403, reason: `origin ${origin} is not allowed` };
}
