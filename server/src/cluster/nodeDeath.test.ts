/**
 * A node of a cluster killed with SIGKILL mid-meeting: node B is a real `parley-server --redis`
 * child process, node A a `createServer` in this process. Nothing tells A that B died but B's
 * heartbeat lapsing in Redis: A then closes every pipe to B, its people see B's people leave, and
 * they keep their own meeting; nothing of B stays on A's worker.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../config';
import { equip } from '../testing/equip';
import { startTestRedis, type TestRedis } from '../testing/redisServer';
import { TestClient } from '../testing/TestClient';
import { startTestServer, workerState, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let redis: TestRedis;
let child: ChildProcess | undefined;
let nodeA: TestServer | undefined;
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  for (const client of clients) client.close();
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await nodeA?.close();
  await redis.stop();
});

/** `parley-server` as shipped, joined to the test's Redis as node `b`; resolves with its signaling URL. */
async function serverProcess(): Promise<string> {
  const bin = path.join(repoRoot, 'bin', 'parley-server.mjs');
  const args = ['--host', '127.0.0.1', '--port', '0', '--workers', '1', '--rtc-port', '0', '--log-level', 'warn', '--redis', redis.url, '--node-id', 'b', '--pipe-address', '127.0.0.1'];
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('PARLEY_')));
  const started = spawn(process.execPath, [bin, ...args], { cwd: repoRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child = started;
  let out = '';
  started.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  started.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const port = await waitFor(() => {
    if (started.exitCode !== null) throw new Error(`node b exited with ${started.exitCode}: ${out}`);
    return /localhost:(\d+)\//.exec(out)?.[1];
  }, 'node b to start', 60_000);
  return `ws://127.0.0.1:${port}/ws`;
}

describe('a node killed mid-meeting', () => {
  it('leaves the people of the other node in their meeting, with every pipe to the dead node closed', async () => {
    nodeA = await startTestServer({ cluster: { redisUrl: redis.url, nodeId: 'a', pipeAddress: '127.0.0.1', heartbeatMs: 200, nodeTtlMs: 1_000 } });
    const bUrl = await serverProcess();
    const alice = await TestClient.joined(nodeA.wsUrl, 'kill', 'Alice');
    clients.push(alice);
    const alices = await equip(alice);
    const bob = await TestClient.joined(bUrl, 'kill', 'Bob');
    clients.push(bob);
    const bobs = await equip(bob);
    expect(await alice.notification('producerAdded', (d) => d.producer.producerId === bobs.camera)).toBeDefined();
    const aliceWatchesBob = await alice.call('consume', { producerId: bobs.camera });
    await bob.call('consume', { producerId: alices.camera });
    expect(nodeA.cluster!.remote.size).toEqual({ pairs: 1, producers: 1 });
    expect(nodeA.cluster!.origin.size).toEqual({ pairs: 1, consumers: 1 });

    child!.kill('SIGKILL');

    // Node B's heartbeat lapses (its own 4 s): A drops its pipes and tells Alice that Bob left.
    expect(await alice.notification('consumerClosed', (d) => d.consumerId === aliceWatchesBob.consumerId)).toBeDefined();
    expect(await alice.notification('peerLeft', (d) => d.peerId === bob.peerId)).toBeDefined();
    await waitFor(() => nodeA!.cluster!.origin.size.pairs === 0 && nodeA!.cluster!.remote.size.pairs === 0, 'no pipe to node b left on node a', 10_000);
    expect((await nodeA.cluster!.directory.nodes()).map((node) => node.nodeId)).toEqual(['a']);
    expect((await nodeA.cluster!.directory.peers('kill')).map((peer) => peer.peerId)).toEqual([alice.peerId]);

    // Alice is still in her meeting, and node A's worker holds only her part of it.
    expect(await alice.request('pauseProducer', { producerId: alices.camera })).toMatchObject({ ok: true });
    const [slot] = nodeA.workers.all();
    const { objectIds } = await workerState(slot!);
    expect(objectIds).not.toContain(bobs.camera);
    expect(objectIds).toEqual(expect.arrayContaining([alices.camera, alices.microphone]));
    expect(nodeA.errors).toEqual([]);
  }, 90_000);
});
