/**
 * The limits against hostile clients, each attacked over real signaling on loopback (every loop
 * bounded): sockets per address, the pre-join idle timeout, unsolicited pongs, unfinished
 * fragmented messages, rooms per address and per server, people per room, and /metrics.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../../src-common/protocol';
import { refusal } from '../testing/refusal';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';
import { defaultGuardLimits, type GuardLimits } from './limits';

let servers: TestServer[] = [];
let clients: TestClient[] = [];
let sockets: WebSocket[] = [];

afterEach(async () => {
  for (const client of clients) client.terminate();
  for (const ws of sockets) ws.terminate();
  clients = [];
  sockets = [];
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serverWith(guards: Partial<GuardLimits>, more: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ guards: { ...defaultGuardLimits, ...guards }, ...more });
  servers.push(server);
  return server;
}

/** A client from `localAddress` (loopback has all of 127/8: each is a different address to the server). */
async function client(server: TestServer, localAddress = '127.0.0.1'): Promise<TestClient> {
  const connected = await TestClient.connect(server.wsUrl, { localAddress });
  clients.push(connected);
  return connected;
}

/** A raw socket from `localAddress`; resolves once open (or rejects with the refusal). */
async function rawSocket(server: TestServer, options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  const ws = new WebSocket(server.wsUrl, { origin: server.url, ...options });
  sockets.push(ws);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return ws;
}

function closeCode(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => (ws.readyState === WebSocket.CLOSED ? resolve(1006) : ws.once('close', (code) => resolve(code))));
}

describe('the server guards', () => {
  it('lets one address open only its share of sockets, while another address still connects and joins', async () => {
    const server = await serverWith({ socketsPerAddress: 3 });
    for (let i = 0; i < 3; i++) await rawSocket(server, { localAddress: '127.0.0.2' });
    await expect(rawSocket(server, { localAddress: '127.0.0.2' })).rejects.toThrow('HTTP 429');
    const other = await client(server, '127.0.0.1');
    expect((await other.joinRoom('guarded', 'Olga')).role).toBe('host');
    expect(server.metrics.get('socketsPerAddressRefused')).toBe(1);
  });

  it('closes a socket that neither joins nor knocks within the pre-join idle time, and keeps one that joined', async () => {
    const server = await serverWith({ preJoinIdleMs: 300 });
    const idle = await client(server);
    const joined = await client(server);
    await joined.joinRoom('idle-check', 'Jo');
    expect((await idle.closedWithin(5_000)).code).toBe(CloseCode.Overloaded);
    expect(server.metrics.get('preJoinIdleClosed')).toBe(1);
    expect(joined.isOpen).toBe(true);
  });

  it('does not count a pong it did not ask for as a sign of life', async () => {
    const server = await serverWith({}, { heartbeatMs: 100 });
    // A client that never answers pings but sends pongs of its own every 20 ms.
    const ws = await rawSocket(server, { autoPong: false });
    const closed = closeCode(ws);
    const timer = setInterval(() => ws.readyState === WebSocket.OPEN && ws.pong(Buffer.from('alive')), 20);
    try {
      expect(await closed).toBe(1006);
    } finally {
      clearInterval(timer);
    }
    expect(server.metrics.get('unsolicitedPong')).toBeGreaterThan(0);
  });

  it('cuts a socket that leaves a fragmented message unfinished', async () => {
    const server = await serverWith({ fragmentTimeoutMs: 300 }, { heartbeatMs: 100 });
    const ws = await rawSocket(server);
    const closed = closeCode(ws);
    // The first fragment of a text message, never followed by the last (the client still answers pings).
    ws.send('{"type":"request","id":1,', { fin: false });
    expect(await closed).toBe(1006);
    expect(server.metrics.get('fragmentTimeoutClosed')).toBe(1);
  });

  it('limits the rooms one address creates per minute, while another address still creates one', async () => {
    const server = await serverWith({ roomsPerAddressPerMinute: 3 });
    const greedy = await client(server, '127.0.0.3');
    for (let i = 0; i < 3; i++) await greedy.call('getRouterRtpCapabilities', { roomId: `greedy-${i}` });
    expect(await refusal(greedy.call('getRouterRtpCapabilities', { roomId: 'greedy-3' }))).toBe('RATE_LIMITED');
    // An existing room is not a new one.
    await greedy.call('getRouterRtpCapabilities', { roomId: 'greedy-0' });
    const other = await client(server, '127.0.0.1');
    await other.call('getRouterRtpCapabilities', { roomId: 'someone-else' });
    expect(server.metrics.get('roomsPerAddressRefused')).toBe(1);
  });

  it('caps the rooms of the whole server with SERVER_FULL', async () => {
    const server = await serverWith({ maxRooms: 2 });
    const a = await client(server, '127.0.0.4');
    const b = await client(server, '127.0.0.5');
    await a.call('getRouterRtpCapabilities', { roomId: 'full-1' });
    await b.call('getRouterRtpCapabilities', { roomId: 'full-2' });
    expect(await refusal(a.call('getRouterRtpCapabilities', { roomId: 'full-3' }))).toBe('SERVER_FULL');
    expect(server.metrics.get('maxRoomsRefused')).toBe(1);
  });

  it('caps the people in one room with ROOM_FULL, and counts it in /metrics', async () => {
    const server = await serverWith({ participantsPerRoom: 2 });
    await (await client(server)).joinRoom('small', 'One');
    await (await client(server)).joinRoom('small', 'Two');
    const third = await client(server);
    expect(await refusal(third.joinRoom('small', 'Three'))).toBe('ROOM_FULL');
    expect(server.metrics.get('participantsPerRoomRefused')).toBe(1);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toContain('parley_guard_total{event="participantsPerRoomRefused"} 1');
  });
});
