import { z } from 'zod';
import type { ConsumerId, PeerId, ProducerId, RoomId, TransportId } from './ids';

/** Room ids appear in links, so they are URL-safe and short. */
export const roomIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'room ids are 1-64 letters, digits, "-" or "_"')
  .transform((s) => s as RoomId);

const objectId = z.string().min(1).max(64);
export const peerIdSchema = objectId.transform((s) => s as PeerId);
export const transportIdSchema = objectId.transform((s) => s as TransportId);
export const producerIdSchema = objectId.transform((s) => s as ProducerId);
export const consumerIdSchema = objectId.transform((s) => s as ConsumerId);

/** A compact JWS as the server issues it (three base64url parts); its claims are checked on use. */
export const sessionTokenSchema = z
  .string()
  .max(2048)
  .regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a session token is a signed token from this server');

/** Bidirectional controls (they reorder what follows them) and zero-width characters (invisible). */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u00ad\u180e]|\u034f/g;

/** A name as others will see it: NFC, without bidi controls or invisible characters, spaces collapsed. */
export function normalizeDisplayName(name: string): string {
  return name.normalize('NFC').replace(INVISIBLE, '').replace(/\p{Zs}+/gu, ' ').trim();
}

/**
 * A person's display name: normalised (see {@link normalizeDisplayName}), at most 64 characters,
 * no control characters, and at least one visible letter, digit, mark or symbol.
 */
export const displayNameSchema = z
  .string()
  .max(256, 'names are at most 64 characters')
  .transform(normalizeDisplayName)
  .pipe(
    z
      .string()
      .min(1, 'a name is required')
      .max(64, 'names are at most 64 characters')
      // eslint-disable-next-line no-control-regex
      .refine((s) => !/[\u0000-\u001f\u007f-\u009f]/.test(s), 'names may not contain control characters')
      .refine((s) => /[\p{L}\p{N}\p{S}\p{P}]/u.test(s), 'a name needs at least one visible character'),
  );

/**
 * A hosted meeting's human name ("Hana's meeting"), shown in the header, the pre-join screen,
 * invites and the network list. Cleaned and bounded like a display name; a code stays a code.
 */
export const MEETING_NAME_MAX = 64;
export const meetingNameSchema = displayNameSchema;

/** The name a meeting gets when its host names none: "Hana's meeting", cut to fit. */
export function defaultMeetingName(hostName: string): string {
  const suffix = "'s meeting";
  let host = '';
  // Whole characters only (never half of a surrogate pair), within the schema's UTF-16 length.
  for (const char of normalizeDisplayName(hostName)) {
    if (host.length + char.length > MEETING_NAME_MAX - suffix.length) break;
    host += char;
  }
  return `${host.trim() || 'Host'}${suffix}`;
}

/**
 * A Parley server's base address (the origin that serves the web client and `/ws`): http(s), a
 * host name or IPv4/IPv6 literal, an optional port, nothing else (no credentials, path or query).
 * Checked with a pattern rather than URL, which src-common cannot rely on in every target's types.
 */
export const serverUrlSchema = z
  .string()
  .max(300)
  .transform((s) => s.trim().replace(/\/+$/, ''))
  .refine(
    (s) => /^https?:\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$/i.test(s),
    'a server address is http:// or https://, a host and an optional port',
  )
  .transform((s) => s.replace(/^[A-Za-z]+:\/\/[^:/\]]+/, (head) => head.toLowerCase()));
