/**
 * Invites to a meeting hosted on the LAN: the short human code, the certificate fingerprint that
 * travels with it, and the two link forms (`https://<ip>:<port>/j/<code>#fp=<fingerprint>` for
 * browsers, `parley://join/<code>?server=<ip>:<port>&fp=<fingerprint>` for the desktop app).
 * Pure functions: the server issues codes with them, the app and the web client parse links.
 */
import { z } from 'zod';

/**
 * Letters and digits that cannot be confused when read aloud or off a screen: no 0/O, 1/I/L, and
 * no U (so no accidental words). 30 symbols, 6 per code: about 7e8 codes, against at most 10
 * wrong guesses per address per minute.
 */
export const INVITE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const INVITE_CODE_LENGTH = 6;

/** `4F7-Q2K`: what people read and type. */
export type InviteCode = string & { readonly __invite: 'InviteCode' };

/** Uppercases, drops spaces and dashes, checks the alphabet; `4f7 q2k` -> `4F7-Q2K`, null if not a code. */
export function normalizeInviteCode(input: string): InviteCode | null {
  if (input.length > 32) return null;
  const bare = input.toUpperCase().replace(/[\s-]/g, '');
  if (bare.length !== INVITE_CODE_LENGTH) return null;
  for (const char of bare) if (!INVITE_ALPHABET.includes(char)) return null;
  return `${bare.slice(0, 3)}-${bare.slice(3)}` as InviteCode;
}

/** A code from `INVITE_CODE_LENGTH` random values (each taken modulo the alphabet; 2^32 % 30 bias is negligible). */
export function inviteCodeFrom(random: Uint32Array): InviteCode {
  if (random.length < INVITE_CODE_LENGTH) throw new RangeError(`an invite code needs ${INVITE_CODE_LENGTH} random values`);
  let bare = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) bare += INVITE_ALPHABET[random[i]! % INVITE_ALPHABET.length];
  return normalizeInviteCode(bare) as InviteCode;
}

export const inviteCodeSchema = z
  .string()
  .max(32)
  .transform((s, ctx) => {
    const code = normalizeInviteCode(s);
    if (code === null) {
      ctx.addIssue({ code: 'custom', message: 'an invite code is 6 letters and digits, like 4F7-Q2K' });
      return z.NEVER;
    }
    return code;
  });

/**
 * The SHA-256 of the host's certificate (DER), 64 lowercase hex digits. This is what invites
 * carry and what the app pins; Chromium's SPKI pin (a hash of the public key only) is derived
 * from the certificate where a browser flag needs it.
 */
export type CertFingerprint = string & { readonly __fp: 'CertFingerprint' };

export function normalizeFingerprint(input: string): CertFingerprint | null {
  const hex = input.toLowerCase().replace(/[\s:]/g, '');
  return /^[0-9a-f]{64}$/.test(hex) ? (hex as CertFingerprint) : null;
}

export const fingerprintSchema = z
  .string()
  .max(128)
  .transform((s, ctx) => {
    const fp = normalizeFingerprint(s);
    if (fp === null) {
      ctx.addIssue({ code: 'custom', message: 'a fingerprint is 64 hexadecimal digits (SHA-256)' });
      return z.NEVER;
    }
    return fp;
  });

/** For people comparing by eye: `AB12 CD34 ...`, 16 groups of 4. */
export function displayFingerprint(fp: CertFingerprint): string {
  return fp.toUpperCase().replace(/(.{4})(?!$)/g, '$1 ');
}

/** Where a LAN meeting is: an HTTPS origin (`https://192.168.1.20:8443`), its code and its certificate. */
export interface Invite {
  server: string;
  code: InviteCode;
  fingerprint: CertFingerprint;
}

/** `host:port` with IPv4, a bracketed IPv6 literal or a host name (such as `parley-ab12.local`). */
const HOST_PORT = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\]):[0-9]{1,5}$/;

export function joinLink(invite: Invite): string {
  return `${invite.server}/j/${invite.code}#fp=${invite.fingerprint}`;
}

export function deepLink(invite: Invite): string {
  const hostPort = invite.server.replace(/^https:\/\//, '');
  return `parley://join/${invite.code}?server=${encodeURIComponent(hostPort)}&fp=${invite.fingerprint}`;
}

/**
 * Reads either link form (as typed, pasted, scanned or handed over by the OS); null for anything
 * else. Hand-parsed, not with URL, so it behaves the same in every target (and in the preload).
 */
export function parseInviteLink(input: string): Invite | null {
  const text = input.trim();
  if (text.length > 512) return null;
  const https = /^https:\/\/([^/?#]+)\/j\/([^/?#]+)\/?#fp=([^&]+)$/i.exec(text);
  if (https) return invite(https[1]!, https[2]!, https[3]!);
  const deep = /^parley:\/\/join\/([^/?#]+)\/?\?(.*)$/i.exec(text);
  if (!deep) return null;
  const params = new Map<string, string>();
  for (const pair of deep[2]!.split('&')) {
    const [key, value = ''] = pair.split('=');
    try {
      params.set(key!, decodeURIComponent(value));
    } catch {
      return null;
    }
  }
  return invite(params.get('server') ?? '', deep[1]!, params.get('fp') ?? '');
}

function invite(hostPort: string, rawCode: string, rawFp: string): Invite | null {
  if (!HOST_PORT.test(hostPort)) return null;
  const port = Number(hostPort.slice(hostPort.lastIndexOf(':') + 1));
  if (port < 1 || port > 65535) return null;
  const code = normalizeInviteCode(rawCode);
  const fingerprint = normalizeFingerprint(rawFp);
  if (!code || !fingerprint) return null;
  return { server: `https://${hostPort.toLowerCase()}`, code, fingerprint };
}

/** The mDNS/DNS-SD service type of a hosted meeting (`_parley._tcp`). */
export const DISCOVERY_SERVICE_TYPE = 'parley';

/** TXT record of an advertised meeting: what the browse list shows and pins. */
export const discoveryTxtSchema = z.object({
  /** The meeting's name as the host typed it (or the host's name). */
  name: z.string().trim().min(1).max(64),
  fp: fingerprintSchema,
  /**
   * The invite code. Advertised only while the code alone does not let anyone in (the lobby or a
   * passcode still decides: it lets people on the same network knock without typing it); a meeting
   * with open admission is not advertised at all (server/src/host/MeetingAdvert.ts).
   */
  code: inviteCodeSchema,
  /** Parley's protocol version, so an incompatible host can be shown as such. */
  v: z.string().max(16),
});
