/**
 * One meeting across two server nodes of a cluster, in one test process: a redis-server of this
 * file's own, two `createServer` instances joined through it, real workers and real RTP. Alice's
 * socket reaches node A and Bob's node B: each sees the other, consumes the other's media through
 * an SRTP pipe between the nodes made on demand, and pause, close and departure cross that pipe;
 * nothing is left on either node afterwards. A request to a node that is gone fails with a clear
 * error instead of hanging.
 */
import type { Consumer, Producer, Router } from 'mediasoup/node/lib/types';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../../src-common/errors';
import type { ProducerId, RoomId } from '../../../src-common/ids';
import { equip } from '../testing/equip';
import { countingReceiver, RtpCameraSender, type RtpCounter } from '../testing/rtpFlow';
import { startTestRedis, type TestRedis } from '../testing/redisServer';
import { TestClient } from '../testing/TestClient';
import { startClusterNode } from '../testing/clusterNode';
import { workerState, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let redis: TestRedis;
/** The cluster's key and channel prefix, new for each test. */
let prefix = '';
let servers: TestServer[] = [];
let clients: TestClient[] = [];
const closers: Array<() => void> = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await redis.stop();
});

afterEach(async () => {
  for (const close of closers.splice(0)) close();
  for (const client of clients) client.close();
  clients = [];
  for (const server of servers) await server.close();
  servers = [];
});

/** Nodes `a` and `b` of one cluster (a key prefix of the test's own in the shared Redis). */
async function twoNodes(): Promise<[TestServer, TestServer]> {
  prefix = `test:${randomUUID()}:`;
  servers = [await startClusterNode(redis.url, 'a', prefix), await startClusterNode(redis.url, 'b', prefix)];
  return servers as [TestServer, TestServer];
}

async function joined(server: TestServer, roomId: string, name: string): Promise<TestClient> {
  const client = await TestClient.joined(server.wsUrl, roomId, name);
  clients.push(client);
  return client;
}

/** The room's (only) router on `server`. */
function routerOf(server: TestServer, roomId: string): Router {
  const room = server.rooms.get(roomId as RoomId)!;
  const [first] = room.mediaState.snapshot().routers;
  return room.mediaState.routerById(first!.routerId)!;
}

/** A VP8 camera at 50 frames/s (a key frame every 10) into `router`, until the test ends. */
async function camera(router: Router, ssrc: number): Promise<{ sender: RtpCameraSender; producer: Producer }> {
  const sender = await RtpCameraSender.create(router, ssrc);
  const producer = await sender.transport.produce({ kind: 'video', rtpParameters: sender.rtpParameters });
  let n = 0;
  const frames = setInterval(() => sender.frame(n++ % 10 === 0), 20);
  closers.push(() => clearInterval(frames), () => sender.close());
  return { sender, producer };
}

/** A consumer of `producer` on a PlainTransport of `router`, counting what it delivers. */
async function receiver(router: Router, producer: Producer): Promise<{ counter: RtpCounter; consumer: Consumer }> {
  const received = await countingReceiver(router, producer);
  closers.push(received.close);
  return received;
}

const clusterSize = (server: TestServer) => ({ origin: server.cluster!.origin.size, remote: server.cluster!.remote.size });
const NOTHING = { origin: { pairs: 0, consumers: 0 }, remote: { pairs: 0, producers: 0 } };

describe('a meeting across two nodes', () => {
  it('shows each side the other\'s people and pipes their producers between the nodes on demand', async () => {
    const [a, b] = await twoNodes();
    const alice = await joined(a, 'span', 'Alice');
    const alices = await equip(alice);
    const bob = await TestClient.connect(b.wsUrl);
    clients.push(bob);
    const { peers } = await bob.joinRoom('span', 'Bob');
    // Bob, on node B, finds Alice of node A with her tracks, as if she were on his server.
    expect(peers).toEqual([expect.objectContaining({ peerId: alice.peerId, displayName: 'Alice', producers: expect.arrayContaining([expect.objectContaining({ producerId: alices.camera, source: 'camera' })]) })]);
    expect(await alice.notification('peerJoined', (d) => d.peer.peerId === bob.peerId)).toMatchObject({ peer: { displayName: 'Bob' } });

    const bobs = await equip(bob);
    expect(await alice.notification('producerAdded', (d) => d.producer.producerId === bobs.camera)).toMatchObject({ peerId: bob.peerId, producer: { kind: 'video', source: 'camera' } });

    const bobConsumes = [await bob.call('consume', { producerId: alices.microphone }), await bob.call('consume', { producerId: alices.camera })];
    const aliceConsumes = [await alice.call('consume', { producerId: bobs.camera })];
    expect(bobConsumes.map((c) => c.type)).toEqual(['simple', 'simulcast']);
    expect(aliceConsumes.map((c) => c.type)).toEqual(['simulcast']);
    // One pipe transport pair each way; on each side one pipe consumer per piped producer.
    expect(clusterSize(b)).toEqual({ origin: { pairs: 1, consumers: 1 }, remote: { pairs: 1, producers: 2 } });
    expect(clusterSize(a)).toEqual({ origin: { pairs: 1, consumers: 2 }, remote: { pairs: 1, producers: 1 } });
    const [slotB] = b.workers.all();
    expect((await workerState(slotB!)).objectIds).toEqual(expect.arrayContaining([alices.microphone, alices.camera, ...bobConsumes.map((c) => c.consumerId)]));

    // Alice pauses her camera: Bob is told, and a newcomer on node B gets it paused (the pipe producer followed).
    await alice.call('pauseProducer', { producerId: alices.camera });
    expect(await bob.notification('producerPaused', (d) => d.producerId === alices.camera)).toEqual({ peerId: alice.peerId, producerId: alices.camera });
    const carol = await joined(b, 'span', 'Carol');
    await carol.createTransport('recv');
    await waitFor(async () => (await carol.call('consume', { producerId: alices.camera })).producerPaused, 'a consumer on node B of the paused camera to say paused');
    await alice.call('resumeProducer', { producerId: alices.camera });
    expect(await bob.notification('producerResumed', (d) => d.producerId === alices.camera)).toBeDefined();

    // Alice closes her camera: its consumers on node B close, and so does its pipe.
    await alice.call('closeProducer', { producerId: alices.camera });
    expect(await bob.notification('consumerClosed', (d) => d.consumerId === bobConsumes[1]!.consumerId)).toBeDefined();
    expect(await bob.notification('producerClosed', (d) => d.producerId === alices.camera)).toBeDefined();
    await waitFor(() => b.cluster!.remote.size.producers === 1, 'the camera\'s pipe producer on node B to close');
    await waitFor(async () => !(await workerState(slotB!)).objectIds.includes(alices.camera), 'the piped camera to leave node B\'s worker');

    // Everyone leaves: nothing of the pipes is left on either node, and their workers are empty.
    await bob.call('leave', {});
    expect(await alice.notification('peerLeft', (d) => d.peerId === bob.peerId)).toBeDefined();
    expect(await alice.notification('consumerClosed', (d) => d.consumerId === aliceConsumes[0]!.consumerId)).toBeDefined();
    await carol.call('leave', {});
    await alice.call('leave', {});
    await waitFor(() => a.rooms.size === 0 && b.rooms.size === 0, 'both parts of the meeting to close');
    await waitFor(() => JSON.stringify([clusterSize(a), clusterSize(b)]) === JSON.stringify([NOTHING, NOTHING]), 'no pipe left on either node');
    for (const server of [a, b]) {
      const [slot] = server.workers.all();
      await waitFor(async () => (await workerState(slot!)).routerIds.length === 0, 'no router left');
      expect(await workerState(slot!)).toEqual({ routerIds: [], objectIds: [slot!.webRtcServer.id], webRtcTransportIds: [] });
      expect(server.errors).toEqual([]);
    }
    expect(a.cluster!.bus.waiting + b.cluster!.bus.waiting).toBe(0);
  });

  it('carries real RTP each way over the SRTP pipe, follows pause and close, and forwards key-frame requests', async () => {
    const [a, b] = await twoNodes();
    await joined(a, 'rtp', 'Alice');
    await joined(b, 'rtp', 'Bob');
    const [routerA, routerB] = [routerOf(a, 'rtp'), routerOf(b, 'rtp')];
    const fromA = await camera(routerA, 1111);
    const fromB = await camera(routerB, 2222);
    const origin = (nodeId: string, router: Router) => ({ roomId: 'rtp', nodeId, routerId: router.id });
    const onB = await b.cluster!.remote.acquire(fromA.producer.id as ProducerId, origin('a', routerA), routerB);
    const onA = await a.cluster!.remote.acquire(fromB.producer.id as ProducerId, origin('b', routerB), routerA);
    const atB = await receiver(routerB, onB.producer);
    const atA = await receiver(routerA, onA.producer);
    await waitFor(() => atB.counter.packets >= 50 && atA.counter.packets >= 50, 'fifty packets each way');
    // Every frame is one packet with a 1000-byte VP8 payload; SRTP is undone at the far end.
    expect(atB.counter.bytes).toBeGreaterThan(50 * 1000);
    expect(atA.counter.bytes).toBeGreaterThan(50 * 1000);
    expect(b.cluster!.remote.size).toEqual({ pairs: 1, producers: 1 });

    // A key-frame request on node B reaches the camera on node A as RTCP over the pipe.
    fromA.sender.feedback.length = 0;
    await atB.consumer.requestKeyFrame();
    await waitFor(() => fromA.sender.feedback.some(({ type, format }) => type === 206 && (format === 1 || format === 4)), 'a PLI or FIR at the publisher on node A');

    await fromA.producer.pause();
    await waitFor(() => onB.producer.paused, 'the pipe producer on node B to follow the pause');
    await fromA.producer.resume();
    await waitFor(() => !onB.producer.paused, 'the pipe producer on node B to follow the resume');
    const before = atB.counter.packets;
    await waitFor(() => atB.counter.packets >= before + 20, 'packets again after the resume');

    fromA.producer.close();
    await waitFor(() => onB.producer.closed && atB.consumer.closed, 'the pipe producer and its consumer on node B to close with the original');
    // That was the pair's only producer: the pair closes on both nodes.
    await waitFor(() => a.cluster!.origin.size.pairs === 0 && b.cluster!.remote.size.pairs === 0, 'the A-to-B pipe to close with its last producer');
    onB.release();
    onA.release();
    await waitFor(() => JSON.stringify([clusterSize(a), clusterSize(b)]) === JSON.stringify([NOTHING, NOTHING]), 'both pipe pairs to close with their last use');
  });

  it('fails a request to a node that is gone with UNAVAILABLE, and one that is never answered with TIMEOUT', async () => {
    const [a, b] = await twoNodes();
    await b.close();
    await expect(a.cluster!.bus.request('b', 'closePipe', { pairId: 'x' })).rejects.toMatchObject({ code: ErrorCode.Unavailable, message: expect.stringMatching(/node b is not in the cluster/) });
    // Node B left on purpose: it is out of the directory at once.
    expect((await a.cluster!.directory.nodes()).map((node) => node.nodeId)).toEqual(['a']);

    // Something listens on node "mute"'s channel but never answers (a hung process).
    const mute = new Redis(redis.url);
    closers.push(() => mute.disconnect());
    await mute.subscribe(`${prefix}node:mute`);
    await expect(a.cluster!.bus.request('mute', 'closePipe', { pairId: 'x' })).rejects.toMatchObject({ code: ErrorCode.Timeout, message: expect.stringMatching(/node mute did not answer closePipe/) });
    expect(a.cluster!.bus.waiting).toBe(0);
  });

  it('refuses a malformed request from another node with BAD_REQUEST, and an unknown one with UNKNOWN_METHOD', async () => {
    const [a] = await twoNodes();
    const asker = new Redis(redis.url);
    const listener = new Redis(redis.url);
    closers.push(() => asker.disconnect(), () => listener.disconnect());
    const answers: unknown[] = [];
    listener.on('message', (_channel: string, text: string) => answers.push(JSON.parse(text)));
    await listener.subscribe(`${prefix}node:asker`);
    const ask = (id: string, method: string, params: unknown) => asker.publish(`${prefix}node:a`, JSON.stringify({ kind: 'request', id, from: 'asker', method, params }));
    expect(await ask('1', 'openPipe', { roomId: 'r', pairId: 'p' })).toBe(1);
    await ask('2', 'dropEverything', {});
    await asker.publish(`${prefix}node:a`, 'not json');
    await waitFor(() => answers.length === 2, 'two answers');
    expect(answers).toEqual(expect.arrayContaining([
      expect.objectContaining({ id: '1', ok: false, code: ErrorCode.BadRequest }),
      expect.objectContaining({ id: '2', ok: false, code: ErrorCode.UnknownMethod }),
    ]));
    expect(a.errors).toEqual([]);
  });
});
