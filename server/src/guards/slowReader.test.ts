/**
 * Finding 1 of the security review: a client that never reads its socket and streams small
 * requests made the server buffer every reply (+1,118 MiB in 40 s). Now the outgoing buffer is
 * capped: the slow reader is closed, its memory released, and the server's RSS stays bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CloseCode } from '../../../src-common/protocol';
import { startTestServer, type TestServer } from '../testing/testServer';

/**
 * How long the attack runs at least, and at most while the server has closed no reader yet: the
 * kernel's socket buffers (several MiB) fill before the server's cap counts, which takes longer on a
 * loaded machine. The growth of the process's RSS it must stay under.
 */
const ATTACK_MS = 30_000;
const MAX_ATTACK_MS = 120_000;
const RSS_BOUND_BYTES = 128 * 1024 * 1024;

let server: TestServer;

beforeAll(async () => {
  // A reader that never reads cannot answer pings either: with the default 2 s heartbeat the
  // liveness check cut it first whenever the attack filled the kernel's buffers slowly (a loaded
  // machine), and the cap this file is about was never reached.
  server = await startTestServer({ heartbeatMs: 120_000 });
});

afterAll(async () => {
  await server.close();
});

/**
 * One slow reader: opens a socket, stops reading it, and streams `ping` requests (and a few
 * unparseable frames) until the server closes it or `attacking()` turns false. Resolves with the close code.
 */
async function slowReader(url: string, attacking: () => boolean): Promise<number> {
  const ws = new WebSocket(url, { origin: url.replace(/^ws/, 'http').replace(/\/ws$/, '') });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const raw = (ws as unknown as { _socket: import('node:net').Socket })._socket;
  raw.pause();
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  let id = 0;
  let open = true;
  void closed.then(() => (open = false));
  while (open && attacking()) {
    for (let i = 0; i < 200 && ws.readyState === WebSocket.OPEN; i++) {
      ws.send(id % 50 === 0 ? '{not json' : JSON.stringify({ type: 'request', id: id, method: 'ping', data: {} }));
      id++;
    }
    // Waits until our own writes drained, so the attacker's memory stays flat (not the server's).
    await new Promise<void>((resolve) => (raw.writableLength > 0 ? raw.once('drain', () => resolve()) : setImmediate(resolve)));
  }
  if (open) ws.terminate();
  return closed;
}

describe('a client that never reads', () => {
  it(`is closed, and the server's memory stays within ${RSS_BOUND_BYTES >> 20} MiB while slow readers stream for ${ATTACK_MS / 1000} s`, async () => {
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
    const started = Date.now();
    const attacking = (): boolean => {
      const elapsed = Date.now() - started;
      return elapsed < ATTACK_MS || (server.metrics.get('slowReaderClosed') === 0 && elapsed < MAX_ATTACK_MS);
    };
    const codes: number[] = [];
    try {
      // Reconnects each time it is closed, for the whole attack.
      while (attacking()) codes.push(await slowReader(server.wsUrl, attacking));
    } finally {
      clearInterval(sampler);
    }
    const growth = peak - baseline;
    console.log(`slow readers over ${((Date.now() - started) / 1000).toFixed(1)} s: ${server.metrics.get('slowReaderClosed')} closed by the server, RSS +${(growth / 1048576).toFixed(1)} MiB at peak`);
    expect(server.metrics.get('slowReaderClosed')).toBeGreaterThanOrEqual(1);
    expect(codes.length).toBeGreaterThanOrEqual(1);
    // Not reading, the client cannot see the close frame: the server cuts the socket (1006) or, if
    // the frame made it, it carries Overloaded.
    for (const code of codes) expect([1006, CloseCode.Overloaded]).toContain(code);
    expect(growth).toBeLessThan(RSS_BOUND_BYTES);
  }, MAX_ATTACK_MS + 20_000);
});
