/** The signaling upgrade over a real server: foreign origins and unknown host names never get a socket. */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signalingUrl } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ allowedOrigins: ['https://meet.example.com'] });
});

afterAll(async () => {
  await server?.close();
});

/** The HTTP status the upgrade got: 101 when the socket opened. */
function upgradeStatus(headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(signalingUrl(server), { headers });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('error', reject);
  });
}

describe('the signaling upgrade', () => {
  it('opens for this server\'s own pages, the desktop app, configured origins and non-browser clients', async () => {
    const own = new URL(server.url);
    expect(await upgradeStatus({ origin: own.origin })).toBe(101);
    expect(await upgradeStatus({ origin: 'app://parley' })).toBe(101);
    expect(await upgradeStatus({ origin: 'https://meet.example.com' })).toBe(101);
    expect(await upgradeStatus({})).toBe(101);
  });

  it('refuses a foreign origin with 403 and a rebinding host name with 421, and keeps serving', async () => {
    expect(await upgradeStatus({ origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus({ host: 'evil.example', origin: 'http://evil.example' })).toBe(421);
    expect(await upgradeStatus({ origin: new URL(server.url).origin })).toBe(101);
    expect(server.errors).toEqual([]);
  });
});
