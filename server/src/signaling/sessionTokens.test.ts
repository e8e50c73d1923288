/**
 * Roles and session tokens over real signaling: the server decides who hosts, a token returns its
 * holder as the same peer with the same role, and no bad token gets anyone in.
 */
import { SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PeerId, RoomId } from '../../../src-common/ids';
import { RequestError, TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let server: TestServer;
let clients: TestClient[] = [];
let rooms = 0;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
  expect(server.errors).toEqual([]);
});

afterAll(async () => {
  await server?.close();
});

function newRoom(): string {
  return `tokens-${++rooms}`;
}

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(server.wsUrl);
  clients.push(client);
  return client;
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'joined';
  } catch (error) {
    return error instanceof RequestError ? `${error.code}: ${error.message}` : String(error);
  }
}

describe('roles and session tokens', () => {
  it('makes the first person in a room its host and everyone after a participant', async () => {
    const room = newRoom();
    const first = await (await connect()).joinRoom(room, 'Ada');
    const second = await (await connect()).joinRoom(room, 'Bob');
    expect(first.role).toBe('host');
    expect(second.role).toBe('participant');
    expect(second.peers).toEqual([expect.objectContaining({ peerId: first.peerId, role: 'host' })]);
  });

  it('returns a token holder as the same peer with the same role, releasing the old connection', async () => {
    const room = newRoom();
    const oldSocket = await connect();
    const host = await oldSocket.joinRoom(room, 'Ada');
    const other = await connect();
    await other.joinRoom(room, 'Bob');
    const again = await (await connect()).joinRoom(room, 'Ada', host.sessionToken);
    expect(again.peerId).toBe(host.peerId);
    expect(again.role).toBe('host');
    expect(again.peers.map((p) => p.peerId)).toEqual([other.peerId]);
    expect(await oldSocket.closed).toEqual({ code: 4003, reason: 'you joined this meeting from another window' });
    expect(server.rooms.get(room as RoomId)?.peerCount).toBe(2);
  });

  it('refuses a forged, an expired-looking, an other-room and a tampered token, joining nothing', async () => {
    const room = newRoom();
    const host = await (await connect()).joinRoom(room, 'Ada');
    const [header, payload, signature] = host.sessionToken.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${signature}`;
    const forged = await new SignJWT({ room, role: 'host', name: 'Mallory' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('parley')
      .setSubject(host.peerId)
      .setJti('forged')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('a guessed secret of thirty-two bytes!'));
    const expired = await new SignJWT({ room, role: 'participant', name: 'Old' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('parley')
      .setSubject('old-peer')
      .setJti('old')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 10)
      .sign(new TextEncoder().encode('another secret, also thirty-two+ bytes'));

    expect(await refusal((await connect()).joinRoom(room, 'Mallory', forged))).toMatch(/^UNAUTHORIZED/);
    expect(await refusal((await connect()).joinRoom(room, 'Mallory', tampered))).toMatch(/^UNAUTHORIZED/);
    expect(await refusal((await connect()).joinRoom(room, 'Old', expired))).toMatch(/^UNAUTHORIZED/);
    expect(await refusal((await connect()).joinRoom(newRoom(), 'Ada', host.sessionToken))).toMatch(/^UNAUTHORIZED: .*another room/);
    expect(server.rooms.get(room as RoomId)?.peerCount).toBe(1);
  });

  it('refuses the token of a revoked peer and lets the refused client join afresh without it', async () => {
    const room = newRoom();
    await (await connect()).joinRoom(room, 'Ada');
    const bob = await (await connect()).joinRoom(room, 'Bob');
    await server.tokens.revokePeer(room as RoomId, bob.peerId as PeerId);
    const client = await connect();
    expect(await refusal(client.joinRoom(room, 'Bob', bob.sessionToken))).toMatch(/^UNAUTHORIZED: .*removed/);
    const fresh = await client.joinRoom(room, 'Bob');
    expect(fresh.peerId).not.toBe(bob.peerId);
    await waitFor(() => server.rooms.get(room as RoomId)?.peerCount === 3, 'three peers in the room');
  });

  it('refuses a token that is not a signed token at all, by schema', async () => {
    const client = await connect();
    const { routerRtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId: newRoom() });
    const response = await client.requestUnchecked('join', {
      roomId: newRoom(),
      displayName: 'X',
      rtpCapabilities: routerRtpCapabilities,
      sessionToken: '<script>',
    });
    expect(response).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
