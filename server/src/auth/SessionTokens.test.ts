import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src-common/errors';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { SessionTokens } from './SessionTokens';

const room = 'standup' as RoomId;
const peer = 'peer-1' as PeerId;
const claims = { roomId: room, peerId: peer, role: 'participant' as const, displayName: 'Ada' };

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    const { code, reason } = error as { code: string; reason?: string };
    return `${code}/${reason ?? '-'}: ${(error as Error).message}`;
  }
}

describe('SessionTokens', () => {
  it('gives back the claims it signed, for the room it signed them for', async () => {
    const tokens = new SessionTokens();
    const verified = await tokens.verify(await tokens.issue(claims), room);
    expect(verified).toMatchObject(claims);
    expect(verified.tokenId).toMatch(/[0-9a-f-]{36}/);
  });

  it('refuses a token for another room', async () => {
    const tokens = new SessionTokens();
    expect(await codeOf(tokens.verify(await tokens.issue(claims), 'other' as RoomId))).toMatch(/^UNAUTHORIZED\/wrongRoom: .*another room/);
  });

  it('refuses an expired token', async () => {
    let now = 1_000_000;
    const tokens = new SessionTokens({ ttlSeconds: 60, now: () => now });
    const token = await tokens.issue(claims);
    now += 61;
    expect(await codeOf(tokens.verify(token, room))).toMatch(/^UNAUTHORIZED\/expired: .*expired/);
  });

  it('refuses a token signed with another key, even with a host role in it', async () => {
    const tokens = new SessionTokens();
    const forged = await new SignJWT({ room, role: 'host', name: 'Mallory' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('parley')
      .setSubject(peer)
      .setJti('x')
      .setExpirationTime('1h')
      .sign(new Uint8Array(32).fill(7));
    expect(await codeOf(tokens.verify(forged, room))).toMatch(/^UNAUTHORIZED\/invalidToken: .*not issued by this server/);
  });

  it('refuses a correctly signed token without an expiry', async () => {
    const secret = new Uint8Array(32).fill(3);
    const tokens = new SessionTokens({ secret });
    const forever = await new SignJWT({ room, role: 'participant', name: 'Ada', seq: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('parley')
      .setSubject(peer)
      .setJti('x')
      .setIssuedAt()
      .sign(secret);
    expect(await codeOf(tokens.verify(forever, room))).toMatch(/^UNAUTHORIZED\/invalidToken/);
  });

  it('refuses an unsigned token and a tampered payload', async () => {
    const tokens = new SessionTokens();
    const [header, payload, signature] = (await tokens.issue(claims)).split('.') as [string, string, string];
    const none = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const promoted = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'host' }),
    ).toString('base64url');
    expect(await codeOf(tokens.verify(`${none}.${payload}.`, room))).toMatch(/^UNAUTHORIZED\/invalidToken/);
    expect(await codeOf(tokens.verify(`${header}.${promoted}.${signature}`, room))).toMatch(/^UNAUTHORIZED\/invalidToken/);
  });

  it('refuses every token of a revoked peer, in that room only', async () => {
    const tokens = new SessionTokens();
    const first = await tokens.issue(claims);
    const second = await tokens.issue(claims);
    await tokens.revokePeer(room, peer);
    expect(await codeOf(tokens.verify(first, room))).toMatch(/^UNAUTHORIZED\/removed: .*removed/);
    expect(await codeOf(tokens.verify(second, room))).toMatch(/^UNAUTHORIZED\/removed: .*removed/);
    const elsewhere = 'elsewhere' as RoomId;
    expect(await codeOf(tokens.verify(await tokens.issue({ ...claims, roomId: elsewhere }), elsewhere))).toBe('accepted');
  });

  it('refuses a short secret', () => {
    expect(() => new SessionTokens({ secret: new Uint8Array(8) })).toThrow(RangeError);
    expect(ErrorCode.Unauthorized).toBe('UNAUTHORIZED');
  });
});
