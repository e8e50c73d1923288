import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { roleSchema, type Role } from '../../../src-common/protocol';

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
}

const ISSUER = 'parley';
const claimsSchema = z.object({
  room: z.string().min(1).max(64),
  sub: z.string().min(1).max(64),
  role: roleSchema,
  name: z.string().max(64),
  jti: z.string().min(1).max(64),
  iat: z.number().int(),
  seq: z.number().int().nonnegative(),
});

/** When a token was issued: its second, then its order within this server's tokens. */
interface IssueMark {
  at: number;
  seq: number;
}

/**
 * Signs and checks the session tokens a server hands out on `join` (jose, HS256). A token is bound
 * to one room and one peer; the role in it is the server's decision, never the client's. Revoked
 * peers (removed by a moderator) are remembered for as long as any of their tokens could live.
 */
export class SessionTokens {
  private readonly secret: Uint8Array;
  private readonly ttlSeconds: number;
  private readonly now: () => number;
  /** `room/peer` -> when the last token it could hold expires (seconds). */
  private readonly revoked = new Map<string, number>();
  /** Rooms whose meeting was ended, with the last token issued by then: those and older are refused. */
  private readonly ended = new Map<RoomId, IssueMark>();
  /** Orders tokens issued within the same second (a claim of each token). */
  private issuedCount = 0;

  constructor(options: SessionTokensOptions = {}) {
    this.secret = options.secret ?? randomBytes(32);
    if (this.secret.byteLength < 32) throw new RangeError('a session token secret has at least 32 bytes');
    this.ttlSeconds = options.ttlSeconds ?? 12 * 3600;
    this.now = options.now ?? (() => Math.floor(Date.now() / 1000));
  }

  async issue(claims: Omit<SessionClaims, 'tokenId'>): Promise<string> {
    const issuedAt = this.now();
    this.issuedCount += 1;
    return new SignJWT({ room: claims.roomId, role: claims.role, name: claims.displayName, seq: this.issuedCount })
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
        currentDate: new Date(this.now() * 1000),
      }));
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthorized('the session token has expired; join again');
      throw unauthorized('the session token was not issued by this server');
    }
    const parsed = claimsSchema.safeParse(payload);
    if (!parsed.success) throw unauthorized('the session token was not issued by this server');
    const claims = parsed.data;
    if (claims.room !== roomId) throw unauthorized('the session token is for another room');
    if (this.isRevoked(roomId, claims.sub as PeerId)) throw unauthorized('you were removed from this meeting');
    const ended = this.ended.get(roomId);
    if (ended && (claims.iat < ended.at || (claims.iat === ended.at && claims.seq <= ended.seq))) {
      throw new ParleyError(ErrorCode.MeetingEnded, 'the host ended this meeting');
    }
    return { roomId, peerId: claims.sub as PeerId, role: claims.role, displayName: claims.name, tokenId: claims.jti };
  }

  /** Every token of this peer in this room stops working (a moderator removed them). */
  revokePeer(roomId: RoomId, peerId: PeerId): void {
    this.prune();
    this.revoked.set(`${roomId}/${peerId}`, this.now() + this.ttlSeconds);
  }

  /**
   * The meeting in `roomId` was ended: every token issued for it so far stops working, so people
   * who were away at that moment cannot bring it back by rejoining. New tokens (a new meeting under
   * the same name, later) are not affected.
   */
  endRoom(roomId: RoomId): void {
    this.prune();
    this.ended.set(roomId, { at: this.now(), seq: this.issuedCount });
  }

  isRevoked(roomId: RoomId, peerId: PeerId): boolean {
    const until = this.revoked.get(`${roomId}/${peerId}`);
    return until !== undefined && until > this.now();
  }

  private prune(): void {
    const now = this.now();
    for (const [key, until] of this.revoked) if (until <= now) this.revoked.delete(key);
    // Tokens live ttlSeconds: after that, every token of the ended meeting has expired anyway.
    for (const [roomId, { at }] of this.ended) if (at + this.ttlSeconds <= now) this.ended.delete(roomId);
  }
}

function unauthorized(message: string): ParleyError {
  return new ParleyError(ErrorCode.Unauthorized, message);
}
