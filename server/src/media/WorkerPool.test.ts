/**
 * Worker failure over real mediasoup workers: a worker killed with SIGKILL, or one that stops
 * answering (SIGSTOP), is replaced on its index and port, and the server keeps hosting rooms.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomId } from '../../../src-common/ids';
import { TestClient } from '../testing/TestClient';
import { startTestServer, workerState, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let servers: TestServer[] = [];

afterEach(async () => {
  for (const server of servers) await server.close();
  servers = [];
});

async function start(options: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  const server = await startTestServer({ workers: 2, ...options });
  servers.push(server);
  return server;
}

describe('WorkerPool recovery', () => {
  it('replaces a worker killed with SIGKILL on the same index, and new rooms go to live workers', async () => {
    const server = await start();
    const alice = await TestClient.joined(server.wsUrl, 'crash', 'Alice');
    const room = server.rooms.get('crash' as RoomId)!;
    const dead = room.slot;

    process.kill(dead.worker.pid, 'SIGKILL');
    expect((await alice.closedWithin()).code).toBe(4000);

    const replacement = await waitFor(
      () => server.workers.all().find((slot) => slot.index === dead.index && slot.worker.pid !== dead.worker.pid),
      'a replacement worker on the same index',
    );
    expect(server.workers.size).toBe(2);
    expect(replacement.worker.closed).toBe(false);

    // The same room comes back on a live worker when its people rejoin, with nothing left of the old one.
    const again = await TestClient.joined(server.wsUrl, 'crash', 'Alice');
    const rebuilt = server.rooms.get('crash' as RoomId)!;
    expect(rebuilt).not.toBe(room);
    expect(rebuilt.slot.worker.closed).toBe(false);
    expect((await workerState(rebuilt.slot)).routerIds).toHaveLength(1);
    again.close();
    expect(server.errors.some((line) => line.includes('died'))).toBe(true);
  });

  it('kills and replaces a worker that stops answering', async () => {
    const server = await start({ workers: 1, workerHealth: { everyMs: 300, timeoutMs: 600 } });
    const client = await TestClient.joined(server.wsUrl, 'hung', 'Bob');
    const stuck = server.workers.all()[0]!;

    process.kill(stuck.worker.pid, 'SIGSTOP');

    expect((await client.closedWithin(10_000)).code).toBe(4000);
    const replacement = await waitFor(() => server.workers.all().find((slot) => slot.worker.pid !== stuck.worker.pid), 'a replacement worker', 10_000);
    expect(server.errors.some((line) => line.includes('did not answer'))).toBe(true);
    const fresh = await TestClient.joined(server.wsUrl, 'hung', 'Bob');
    expect(server.rooms.get('hung' as RoomId)?.slot).toBe(replacement);
    fresh.close();
  });

  it('answers UNAVAILABLE, not an internal error, when no worker is alive to host a room', async () => {
    const server = await start({ workers: 1 });
    server.workers.close();
    const client = await TestClient.connect(server.wsUrl);
    const answer = await client.request('getRouterRtpCapabilities', { roomId: 'nowhere' as RoomId });
    expect(answer.ok ? 'ok' : answer.error.code).toBe('UNAVAILABLE');
    expect(server.errors.filter((line) => line.includes('failed unexpectedly'))).toEqual([]);
    client.close();
  });

  it('stops replacing once closed', async () => {
    const server = await start({ workers: 1 });
    const slot = server.workers.all()[0]!;
    await server.close();
    expect(slot.worker.closed).toBe(true);
    expect(server.workers.size).toBe(0);
  });
});
