import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ErrorCode, ErrorReason, ParleyError } from '../../../src-common/errors';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { roleSchema, type Role } from '../../../src-common/protocol';
import { MeetingAuthority } from './MeetingAuthority';
import { MemoryMeetingRecordStore } from './MeetingRecordStore';

/** What a session token says: who the holder is, where, and with which rights. */
export interface SessionClaims {
  roomId: RoomId;
  peerId: PeerId;
  role: Role;
  displayName: string;
  /** Unique per issued token; revocation is by peer, so every token of a removed peer stops working. */
  tokenId: string;
}

export interface SessionTokensOptions {
  /** HS256 key; a fresh random one per server instance when absent (tokens then die with it). */
  secret?: Uint8Array;
  /** Lifetime of an issued token. */
  ttlSeconds?: number;
  /** Injected clock (seconds since the epoch), for tests of expiry. */
  now?: () => number;
  /** Where removals and endings are kept; in memory when absent. */
  authority?: MeetingAuthority;
}

const ISSUER = 'parley';
/** How long a session token lives: a working day. */
export const TOKEN_TTL_SECONDS = 12 * 3600;
const claimsSchema = z.object({
  room: z.string().min(1).max(64),
  sub: z.string().min(1).max(64),
  role: roleSchema,
  name: z.string().max(64),
  jti: z.string().min(1).max(64),
  iat: z.number().int(),
  seq: z.number().int().nonnegative(),
});

/**
 * Signs and checks the session tokens a server hands out on `join` (jose, HS256). A token is bound
 * to one room and one peer. The role in it is informative: rights come from the meeting's record
 * (MeetingAuthority), which also remembers removed peers and ended meetings for as long as any of
 * their tokens could live. Every token expires; one without `exp` is refused.
 */
export class SessionTokens {
  private readonly secret: Uint8Array;
  private readonly ttlSeconds: number;
  private readonly now: () => number;
  readonly authority: MeetingAuthority;
  /**
   * Orders tokens (a claim of each): milliseconds of the clock, one more when two fall in the same
   * one, so it keeps growing across restarts and an ending compares with tokens from before one.
   */
  private seq = 0;

  constructor(options: SessionTokensOptions = {}) {
    this.secret = options.secret ?? randomBytes(32);
    if (this.secret.byteLength < 32) throw new RangeError('a session token secret has at least 32 bytes');
    this.ttlSeconds = options.ttlSeconds ?? TOKEN_TTL_SECONDS;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
    this.authority = options.authority ?? new MeetingAuthority(new MemoryMeetingRecordStore(this.now), this.ttlSeconds, this.now);
  }

  /** Lifetime of every token this issues (seconds). */
  get ttl(): number {
    return this.ttlSeconds;
  }

  async issue(claims: Omit<SessionClaims, 'tokenId'>): Promise<string> {
    const issuedAt = this.now();
    this.seq = Math.max(this.seq + 1, issuedAt * 1000);
    await this.authority.touch(claims.roomId);
    return new SignJWT({ room: claims.roomId, role: claims.role, name: claims.displayName, seq: this.seq })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(ISSUER)
      .setSubject(claims.peerId)
      .setJti(randomUUID())
      .setIssuedAt(issuedAt)
      .setExpirationTime(issuedAt + this.ttlSeconds)
      .sign(this.secret);
  }

  /** The token's claims if it is this server's, unexpired, for `roomId` and not revoked; UNAUTHORIZED otherwise. */
  async verify(token: string, roomId: RoomId): Promise<SessionClaims> {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        issuer: ISSUER,
        requiredClaims: ['exp', 'iat'],
        currentDate: new Date(this.now() * 1000),
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorized('the session token has expired; join again', ErrorReason.Expired);
      throw unauthorized('the session token was not issued by this server', ErrorReason.InvalidToken);
    }
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) throw unauthorized('the session token was not issued by this server', ErrorReason.InvalidToken);
    const claims = parsed.data;
    if (claims.room !== roomId) throw unauthorized('the session token is for another room', ErrorReason.WrongRoom);
    if (await this.authority.isRevoked(roomId, claims.sub as PeerId)) throw unauthorized('you were removed from this meeting', ErrorReason.Removed);
    const endedAtSeq = await this.authority.endedAtSeq(roomId);
    if (endedAtSeq !== undefined && claims.seq <= endedAtSeq) {
      throw new ParleyError(ErrorCode.MeetingEnded, 'the host ended this meeting', ErrorReason.Ended);
    }
    return { roomId, peerId: claims.sub as PeerId, role: claims.role, displayName: claims.name, tokenId: claims.jti };
  }

  /**
   * Every token of this peer in this room stops working (a moderator removed them); with
   * `client`, the browser it joined from is refused too.
   */
  revokePeer(roomId: RoomId, peerId: PeerId, client?: { clientId: string; name: string }): Promise<void> {
    return this.authority.revoke(roomId, peerId, client);
  }

  /** Revokes a removed peer's tokens and, when it joined with one, its browser's client id. */
  revokeRemoved(roomId: RoomId, removed: { id: PeerId; displayName: string; clientId: string | null }): Promise<void> {
    const client = removed.clientId ? { clientId: removed.clientId, name: removed.displayName } : undefined;
    return this.revokePeer(roomId, removed.id, client);
  }

  /**
   * The meeting in `roomId` was ended: every token issued for it so far stops working, so people
   * who were away at that moment cannot bring it back by rejoining. New tokens (a new meeting under
   * the same name, later) are not affected.
   */
  endRoom(roomId: RoomId): Promise<void> {
    return this.authority.end(roomId, this.seq);
  }

  isRevoked(roomId: RoomId, peerId: PeerId): Promise<boolean> {
    return this.authority.isRevoked(roomId, peerId);
  }
}

function unauthorized(message: string, reason: ErrorReason): ParleyError {
  return new ParleyError(ErrorCode.Unauthorized, message, reason);
}
