/**
 * One table of directory semantics, run against both implementations: in memory, and Redis (a
 * real redis-server of this file's own, on a free port). Each Redis case uses a key prefix of its
 * own, so cases never see each other's keys.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../../testing/redisServer';
import { waitFor } from '../../testing/waitFor';
import type { Directory } from './Directory';
import { MemoryDirectory } from './MemoryDirectory';
import type { NodeRecord, PeerRecord, ProducerRecord, RouterRecord } from './records';
import { RedisDirectory } from './RedisDirectory';

let redis: TestRedis | undefined;
const opened: Directory[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterEach(async () => {
  for (const directory of opened.splice(0)) await directory.close();
});

afterAll(async () => {
  await redis?.stop();
});

const implementations: Array<[string, () => Promise<Directory>]> = [
  ['in memory', async () => new MemoryDirectory()],
  ['in Redis', async () => RedisDirectory.create({ url: redis!.url, prefix: `test:${randomUUID()}:` })],
];

const node = (nodeId: string, overrides: Partial<NodeRecord> = {}): NodeRecord => ({
  nodeId,
  pipeAddress: '127.0.0.1',
  workers: [{ workerId: `${nodeId}/0`, consumers: 12, cpu: 0.25 }],
  state: 'serving',
  ...overrides,
});
const router = (routerId: string, role: RouterRecord['role'] = 'media'): RouterRecord => ({ routerId, nodeId: 'a', workerId: 'a/0', role });
const producer = (producerId: string, paused = false): ProducerRecord => ({ producerId, peerId: 'p1', routerId: 'r1', kind: 'video', paused });
const peer = (peerId: string): PeerRecord => ({ peerId, displayName: `Peer ${peerId}`, routerId: 'r1', nodeId: 'a', signalNodeId: 'b' });
const byId = <T>(items: T[], id: (item: T) => string): T[] => [...items].sort((x, y) => id(x).localeCompare(id(y)));

describe.each(implementations)('the cluster directory %s', (_name, open) => {
  async function directory(): Promise<Directory> {
    const created = await open();
    opened.push(created);
    return created;
  }

  it('lists nodes that keep their heartbeat, with what they last reported', async () => {
    const d = await directory();
    await d.heartbeat(node('a'), 10_000);
    await d.heartbeat(node('b'), 10_000);
    await d.heartbeat(node('a', { state: 'draining' }), 10_000);
    expect(byId(await d.nodes(), (n) => n.nodeId)).toEqual([node('a', { state: 'draining' }), node('b')]);
  });

  it('forgets a node that misses its heartbeat, and one that leaves on purpose at once', async () => {
    const d = await directory();
    await d.heartbeat(node('steady'), 10_000);
    await d.heartbeat(node('silent'), 200);
    await d.heartbeat(node('leaving'), 10_000);
    await d.removeNode('leaving');
    expect((await d.nodes()).map((n) => n.nodeId).sort()).toEqual(['silent', 'steady']);
    await waitFor(async () => (await d.nodes()).length === 1, 'the silent node to lapse');
    expect((await d.nodes()).map((n) => n.nodeId)).toEqual(['steady']);
  });

  it('gives a room to its first claimant and the same record to every later one', async () => {
    const d = await directory();
    const first = { roomId: 'standup', homeNodeId: 'a', createdAt: 1 };
    const claims = await Promise.all([first, { ...first, homeNodeId: 'b', createdAt: 2 }].map((record) => d.claimRoom(record)));
    expect(claims[0]).toEqual(claims[1]);
    expect(await d.room('standup')).toEqual(claims[0]);
    expect(await d.rooms()).toEqual(['standup']);
    expect(await d.room('nowhere')).toBeUndefined();
  });

  it('holds a room\'s routers, producers and peers, replaced by id and removed one by one', async () => {
    const d = await directory();
    await d.putRouter('r', router('r1', 'home'));
    await d.putRouter('r', router('r2'));
    await d.removeRouter('r', 'r2');
    await d.putProducer('r', producer('cam'));
    await d.putProducer('r', producer('mic'));
    await d.putProducer('r', producer('cam', true));
    await d.removeProducer('r', 'mic');
    await d.putPeer('r', peer('p1'));
    await d.putPeer('r', peer('p2'));
    await d.removePeer('r', 'p1');
    expect(await d.routers('r')).toEqual([router('r1', 'home')]);
    expect(await d.producers('r')).toEqual([producer('cam', true)]);
    expect(await d.peers('r')).toEqual([peer('p2')]);
    // Other rooms are untouched, and removing what is not there is harmless.
    expect(await d.routers('other')).toEqual([]);
    await d.removePeer('other', 'p2');
    expect(await d.peers('r')).toEqual([peer('p2')]);
  });

  it('counts uses of a pipe so exactly one caller creates it and exactly one closes it', async () => {
    const d = await directory();
    const acquired = await Promise.all([1, 2, 3].map(() => d.acquirePipe('r', 'cam', 'r2')));
    expect(acquired.filter((a) => a.first)).toHaveLength(1);
    expect(acquired.map((a) => a.refs).sort()).toEqual([1, 2, 3]);
    await d.acquirePipe('r', 'mic', 'r2');
    expect(byId(await d.pipes('r'), (p) => p.producerId)).toEqual([
      { producerId: 'cam', routerId: 'r2', refs: 3 },
      { producerId: 'mic', routerId: 'r2', refs: 1 },
    ]);
    const released = await Promise.all([1, 2, 3].map(() => d.releasePipe('r', 'cam', 'r2')));
    expect(released.filter((r) => r.last)).toHaveLength(1);
    expect(await d.pipes('r')).toEqual([{ producerId: 'mic', routerId: 'r2', refs: 1 }]);
    // A release with no use left changes nothing and closes nothing.
    expect(await d.releasePipe('r', 'cam', 'r2')).toEqual({ refs: 0, last: false });
    expect(await d.acquirePipe('r', 'cam', 'r2')).toEqual({ refs: 1, first: true });
  });

  it('forgets everything of a removed room', async () => {
    const d = await directory();
    await d.claimRoom({ roomId: 'r', homeNodeId: 'a', createdAt: 1 });
    await d.putRouter('r', router('r1'));
    await d.putProducer('r', producer('cam'));
    await d.putPeer('r', peer('p1'));
    await d.acquirePipe('r', 'cam', 'r1');
    await d.removeRoom('r');
    expect(await d.room('r')).toBeUndefined();
    expect(await d.rooms()).toEqual([]);
    expect([await d.routers('r'), await d.producers('r'), await d.peers('r'), await d.pipes('r')]).toEqual([[], [], [], []]);
  });

  it('lets one holder at a time lock a room, and only the holder unlock it', async () => {
    const d = await directory();
    const token = await d.lockRoom('r', 10_000);
    expect(token).toEqual(expect.any(String));
    expect(await d.lockRoom('r', 10_000)).toBeNull();
    expect(await d.unlockRoom('r', 'not-the-token')).toBe(false);
    expect(await d.lockRoom('other', 10_000)).toEqual(expect.any(String));
    expect(await d.unlockRoom('r', token!)).toBe(true);
    expect(await d.unlockRoom('r', token!)).toBe(false);
    expect(await d.lockRoom('r', 10_000)).toEqual(expect.any(String));
  });

  it('frees a lock whose holder died once its time runs out', async () => {
    const d = await directory();
    const stale = await d.lockRoom('r', 150);
    expect(stale).not.toBeNull();
    const next = await waitFor(() => d.lockRoom('r', 10_000), 'the lapsed lock to be free again');
    expect(next).not.toBe(stale);
    expect(await d.unlockRoom('r', stale!)).toBe(false);
  });
});

describe('the Redis directory when Redis is away', () => {
  it('fails calls with UNAVAILABLE while Redis is down and works again once it is back', async () => {
    const own = await startTestRedis();
    try {
      const d = await RedisDirectory.create({ url: own.url, timeoutMs: 500 });
      opened.push(d);
      await d.heartbeat(node('a'), 10_000);
      await own.stop({ abruptly: true });
      await expect(d.nodes()).rejects.toMatchObject({ code: 'UNAVAILABLE' });
      await own.restart();
      // The restarted Redis is empty (no persistence): the node's next heartbeat registers it again.
      await waitFor(() => d.heartbeat(node('a'), 10_000).then(() => true), 'the directory to reconnect', 10_000);
      expect((await d.nodes()).map((n) => n.nodeId)).toEqual(['a']);
    } finally {
      await own.stop();
    }
  });

  it('refuses to start against a Redis that is not there, with UNAVAILABLE', async () => {
    const own = await startTestRedis();
    await own.stop();
    await expect(RedisDirectory.create({ url: own.url, timeoutMs: 500 })).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });
});
