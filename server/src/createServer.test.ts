import * as mediasoup from 'mediasoup';
import type { Worker } from 'mediasoup/node/lib/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProducerId, RoomId } from '../../src-common/ids';
import type { MediaSource } from '../../src-common/protocol';
import { clientDtlsParameters, simulcastRids } from './testing/rtp';
import { TestClient } from './testing/TestClient';
import { startTestServer, type TestServer } from './testing/testServer';

let server: TestServer;
let clients: TestClient[] = [];
let rooms = 0;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
});

afterAll(async () => {
  await server?.close();
});

async function joined(roomId: string, displayName: string): Promise<TestClient> {
  const client = await TestClient.joined(server.wsUrl, roomId, displayName);
  clients.push(client);
  return client;
}

/** Alice publishes `sources` on a connected send transport; Bob has a connected receive transport. */
async function call(sources: MediaSource[]) {
  const roomId = `call-${++rooms}`;
  const alice = await joined(roomId, 'Alice');
  const bob = await joined(roomId, 'Bob');
  const send = await alice.createTransport('send');
  await alice.call('connectWebRtcTransport', { transportId: send.transportId, dtlsParameters: clientDtlsParameters });
  const producerIds: ProducerId[] = [];
  for (const source of sources) producerIds.push(await alice.produce(send.transportId, source));
  const recv = await bob.createTransport('recv');
  await bob.call('connectWebRtcTransport', { transportId: recv.transportId, dtlsParameters: clientDtlsParameters });
  return { roomId: roomId as RoomId, alice, bob, producerIds };
}

describe('a call through createServer', () => {
  it('tells peers who is already in the room and who joins after them', async () => {
    const alice = await joined('introductions', 'Alice');
    const bob = await TestClient.connect(server.wsUrl);
    clients.push(bob);
    const bobJoin = await bob.joinRoom('introductions', 'Bob');

    expect(bobJoin.peers).toEqual([{ peerId: alice.peerId, displayName: 'Alice', role: 'host', producers: [] }]);
    expect(await alice.notification('peerJoined')).toEqual({ peer: { peerId: bob.peerId, displayName: 'Bob', role: 'participant', producers: [] } });
    expect(bob.notifications('peerJoined')).toEqual([]);
    expect(bob.peerId).not.toBe(alice.peerId);
  });

  it('returns WebRTC transport parameters on the worker\'s WebRtcServer and restarts ICE', async () => {
    const alice = await joined('transports', 'Alice');
    const transport = await alice.createTransport('send');

    expect(transport.iceCandidates.map((c) => [c.protocol, c.address ?? c.ip])).toEqual(
      expect.arrayContaining([['udp', '127.0.0.1'], ['tcp', '127.0.0.1']]),
    );
    expect(transport.dtlsParameters.fingerprints.length).toBeGreaterThan(0);
    const { iceParameters } = await alice.call('restartIce', { transportId: transport.transportId });
    expect(iceParameters.usernameFragment).not.toBe(transport.iceParameters.usernameFragment);
  });

  it.each([
    { source: 'microphone', kind: 'audio', type: 'simple', codecs: ['audio/opus'] },
    { source: 'camera', kind: 'video', type: 'simulcast', codecs: ['video/VP8', 'video/rtx'] },
    { source: 'screen', kind: 'video', type: 'simple', codecs: ['video/VP8', 'video/rtx'] },
  ] as const)('lets another peer consume a $source producer as a $type consumer', async ({ source, kind, type, codecs }) => {
    const { alice, bob, producerIds } = await call([source]);
    const [producerId] = producerIds;

    expect(await bob.notification('producerAdded')).toEqual({
      peerId: alice.peerId,
      producer: { producerId, kind, source, paused: false },
    });
    const consumer = await bob.call('consume', { producerId: producerId! });
    expect(consumer).toMatchObject({ producerId, peerId: alice.peerId, kind, type, producerPaused: false });
    expect(consumer.rtpParameters.codecs.map((c) => c.mimeType)).toEqual(codecs);
    expect(consumer.rtpParameters.encodings).toHaveLength(1);
    await bob.call('resumeConsumer', { consumerId: consumer.consumerId });
    await bob.call('pauseConsumer', { consumerId: consumer.consumerId });
  });

  it('gives a simulcast consumer one encoding per spatial layer and accepts preferred layers', async () => {
    const { bob, producerIds } = await call(['camera']);
    const consumer = await bob.call('consume', { producerId: producerIds[0]! });

    expect(consumer.rtpParameters.encodings?.[0]?.scalabilityMode).toBe(`L${simulcastRids.length}T3`);
    await bob.call('resumeConsumer', { consumerId: consumer.consumerId });
    for (const [spatialLayer, temporalLayer] of [[0, 0], [2, 2], [1, undefined]] as const) {
      const layers = temporalLayer === undefined ? { spatialLayer } : { spatialLayer, temporalLayer };
      const response = await bob.request('setConsumerPreferredLayers', { consumerId: consumer.consumerId, ...layers });
      expect(response).toMatchObject({ ok: true });
    }
  });

  it('tells consumers when a producer is paused and resumed, and starts new consumers paused accordingly', async () => {
    const { alice, bob, roomId, producerIds } = await call(['camera']);
    const producerId = producerIds[0]!;

    await alice.call('pauseProducer', { producerId });
    expect(await bob.notification('producerPaused')).toEqual({ peerId: alice.peerId, producerId });
    expect(server.rooms.get(roomId)?.snapshot().peers[0]?.producers[0]?.paused).toBe(true);
    expect(await bob.call('consume', { producerId })).toMatchObject({ producerPaused: true });

    await alice.call('resumeProducer', { producerId });
    expect(await bob.notification('producerResumed')).toEqual({ peerId: alice.peerId, producerId });
    // Resuming a producer that is not paused changes nothing and tells no one.
    await alice.call('resumeProducer', { producerId });
    expect(bob.notifications('producerResumed')).toHaveLength(1);
  });

  it('shows a third peer everything already published and closes consumers of a closed producer', async () => {
    const { alice, bob, roomId, producerIds } = await call(['microphone', 'camera']);
    const [audioId, videoId] = producerIds;
    const audio = await bob.call('consume', { producerId: audioId! });
    await bob.call('consume', { producerId: videoId! });

    const carol = await TestClient.connect(server.wsUrl);
    clients.push(carol);
    const { peers } = await carol.joinRoom(roomId, 'Carol');
    expect(peers).toEqual([
      {
        peerId: alice.peerId,
        displayName: 'Alice',
        role: 'host',
        producers: [
          { producerId: audioId, kind: 'audio', source: 'microphone', paused: false },
          { producerId: videoId, kind: 'video', source: 'camera', paused: false },
        ],
      },
      { peerId: bob.peerId, displayName: 'Bob', role: 'participant', producers: [] },
    ]);
    for (const other of [alice, bob]) {
      expect(await other.notification('peerJoined', (d) => d.peer.peerId === carol.peerId)).toBeDefined();
    }

    await alice.call('closeProducer', { producerId: audioId! });
    expect(await bob.notification('producerClosed')).toEqual({ peerId: alice.peerId, producerId: audioId });
    expect(await carol.notification('producerClosed')).toEqual({ peerId: alice.peerId, producerId: audioId });
    expect(await bob.notification('consumerClosed')).toEqual({ consumerId: audio.consumerId });
    const counts = server.rooms.get(roomId)?.snapshot().peers.map((p) => [p.displayName, p.counts]);
    expect(counts).toEqual([
      ['Alice', { transports: 1, producers: 1, consumers: 0 }],
      ['Bob', { transports: 1, producers: 0, consumers: 1 }],
      ['Carol', { transports: 0, producers: 0, consumers: 0 }],
    ]);
  });

  it('tells the others when a peer leaves', async () => {
    const alice = await joined('farewells', 'Alice');
    const bob = await joined('farewells', 'Bob');
    const carol = await joined('farewells', 'Carol');

    await bob.call('leave', {});
    for (const other of [alice, carol]) {
      expect(await other.notification('peerLeft')).toEqual({ peerId: bob.peerId });
    }
    expect(server.rooms.get('farewells' as RoomId)?.snapshot().peers.map((p) => p.displayName)).toEqual(['Alice', 'Carol']);
    expect(server.errors).toEqual([]);
  });
});

describe('two servers in one process', () => {
  it('keep their rooms, peers and workers apart', async () => {
    const [one, two] = await Promise.all([startTestServer(), startTestServer()]);
    try {
      const alice = await TestClient.joined(one.wsUrl, 'same-name', 'Alice');
      const bob = await TestClient.joined(two.wsUrl, 'same-name', 'Bob');
      const transport = await alice.createTransport('send');
      await alice.produce(transport.transportId, 'microphone');

      const roomOne = one.rooms.get('same-name' as RoomId);
      const roomTwo = two.rooms.get('same-name' as RoomId);
      expect(roomOne?.snapshot().peers.map((p) => p.displayName)).toEqual(['Alice']);
      expect(roomTwo?.snapshot().peers.map((p) => p.displayName)).toEqual(['Bob']);
      expect(roomOne?.slot.worker.pid).not.toBe(roomTwo?.slot.worker.pid);
      expect(one.url).not.toBe(two.url);
      // A round trip on Bob's socket proves Alice's producerAdded had its chance to arrive.
      await bob.call('createWebRtcTransport', { direction: 'recv' });
      expect(bob.received.filter((m) => m.type === 'notification')).toEqual([]);

      await one.close();
      expect(await alice.closedWithin()).toMatchObject({ code: 1006 });
      expect(roomOne?.closed).toBe(true);
      expect(await bob.call('createWebRtcTransport', { direction: 'send' })).toHaveProperty('transportId');
      const health = await fetch(`${two.url}/healthz`).then((res) => res.json());
      expect(health).toEqual({ ok: true, workers: 1, rooms: 1 });
      bob.close();
    } finally {
      await Promise.all([one.close(), two.close()]);
    }
  });
});

describe('createServer start-up', () => {
  it('rejects when its port is taken and closes the workers it started', async () => {
    const port = Number(new URL(server.url).port);
    const started: Worker[] = [];
    const onWorker = (worker: Worker): void => {
      started.push(worker);
    };
    mediasoup.observer.on('newworker', onWorker);
    try {
      await expect(startTestServer({ port, workers: 2 })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      mediasoup.observer.off('newworker', onWorker);
    }
    expect(started).toHaveLength(2);
    expect(started.map((worker) => worker.closed)).toEqual([true, true]);
    expect(await fetch(`${server.url}/healthz`).then((res) => res.json())).toMatchObject({ ok: true, workers: 1 });
  });
});
