/**
 * Room and peer lifecycles against a real worker: whatever way a peer goes, the room forgets it,
 * the others are told, and the mediasoup worker holds nothing of it any more.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsumerId, ProducerId, RoomId } from '../../src-common/ids';
import { clientDtlsParameters } from './testing/rtp';
import { TestClient } from './testing/TestClient';
import { startTestServer, workerState, type TestServer } from './testing/testServer';
import { waitFor } from './testing/waitFor';

let server: TestServer | undefined;
let clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await server?.close();
  server = undefined;
});

async function start(overrides: Parameters<typeof startTestServer>[0] = {}): Promise<TestServer> {
  server = await startTestServer(overrides);
  return server;
}

async function joined(s: TestServer, roomId: string, displayName: string): Promise<TestClient> {
  const client = await TestClient.joined(s.wsUrl, roomId, displayName);
  clients.push(client);
  return client;
}

/** Gives `client` connected send and receive transports, publishes `sources`, and returns every id it owns. */
async function equip(client: TestClient, sources: Array<'microphone' | 'camera'>) {
  const send = await client.createTransport('send');
  const recv = await client.createTransport('recv');
  for (const { transportId } of [send, recv]) {
    await client.call('connectWebRtcTransport', { transportId, dtlsParameters: clientDtlsParameters });
  }
  const producerIds: ProducerId[] = [];
  for (const source of sources) producerIds.push(await client.produce(send.transportId, source));
  return { transportIds: [send.transportId, recv.transportId], producerIds };
}

const sorted = (ids: readonly string[]): string[] => [...ids].sort();

const departures = [
  { how: 'sends leave', go: (client: TestClient) => client.call('leave', {}) },
  { how: 'closes its socket', go: (client: TestClient) => client.close() },
  // Without a close frame the peer is kept for the grace period (see resume.test.ts), then released.
  { how: 'drops its connection without a close frame and does not come back', go: (client: TestClient) => client.terminate() },
];

describe('a peer leaving', () => {
  it.each(departures)('releases everything the peer owned when it $how', async ({ go }) => {
    const s = await start({ reconnectGraceMs: 200 });
    const alice = await joined(s, 'departures', 'Alice');
    const bob = await joined(s, 'departures', 'Bob');
    const aliceOwns = await equip(alice, ['microphone', 'camera']);
    const bobOwns = await equip(bob, ['microphone']);
    const bobConsumes: ConsumerId[] = [];
    for (const producerId of aliceOwns.producerIds) bobConsumes.push((await bob.call('consume', { producerId })).consumerId);
    const aliceConsumer = await alice.call('consume', { producerId: bobOwns.producerIds[0]! });

    const room = s.rooms.get('departures' as RoomId)!;
    const before = await workerState(room.slot);
    // The room's active-speaker and audio-level observers live as long as the room.
    const { rtpObserverIds } = await room.routerDump();
    expect(rtpObserverIds).toHaveLength(2);
    expect(before.webRtcTransportIds).toHaveLength(4);
    expect(before.objectIds).toEqual(
      sorted([
        room.slot.webRtcServer.id,
        ...before.routerIds,
        ...rtpObserverIds,
        ...aliceOwns.transportIds,
        ...aliceOwns.producerIds,
        aliceConsumer.consumerId,
        ...bobOwns.transportIds,
        ...bobOwns.producerIds,
        ...bobConsumes,
      ]),
    );

    await go(alice);

    expect(await bob.notification('peerLeft')).toEqual({ peerId: alice.peerId });
    await waitFor(() => bob.notifications('consumerClosed').length >= bobConsumes.length, 'consumerClosed for both of Bob\'s consumers');
    expect(sorted(bob.notifications('consumerClosed').map((d) => d.consumerId))).toEqual(sorted(bobConsumes));
    expect(room.snapshot().peers.map((p) => [p.peerId, p.counts])).toEqual([
      [bob.peerId, { transports: 2, producers: 1, consumers: 0 }],
    ]);
    const bobsWorld = sorted([room.slot.webRtcServer.id, ...before.routerIds, ...rtpObserverIds, ...bobOwns.transportIds, ...bobOwns.producerIds]);
    await waitFor(async () => (await workerState(room.slot)).objectIds.join() === bobsWorld.join(), 'the worker to hold only Bob\'s objects');
    expect((await workerState(room.slot)).webRtcTransportIds).toEqual(sorted(bobOwns.transportIds));
    // Bob's session carries on.
    expect(await bob.request('pauseProducer', { producerId: bobOwns.producerIds[0]! })).toMatchObject({ ok: true });
    expect(s.errors).toEqual([]);
  });

  it('lets a connection that sent leave join again as a new peer', async () => {
    const s = await start();
    const alice = await joined(s, 'again', 'Alice');
    const bob = await joined(s, 'again', 'Bob');
    const firstId = alice.peerId;
    await alice.call('leave', {});
    expect(await alice.request('createWebRtcTransport', { direction: 'send' })).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });

    const { peers } = await alice.joinRoom('again', 'Alice');
    expect(alice.peerId).not.toBe(firstId);
    expect(peers.map((p) => p.peerId)).toEqual([bob.peerId]);
    expect(await bob.notification('peerJoined', (d) => d.peer.peerId === alice.peerId)).toBeDefined();
  });

  it('drops a client that stops answering pings and releases its peer when it does not resume', async () => {
    // Long enough that Bob's automatic pongs are never late on a busy machine.
    const s = await start({ heartbeatMs: 250, reconnectGraceMs: 200 });
    const bob = await joined(s, 'heartbeat', 'Bob');
    const silent = await TestClient.connect(s.wsUrl, { autoPong: false });
    clients.push(silent);
    await silent.joinRoom('heartbeat', 'Silent');
    await equip(silent, ['microphone']);

    expect(await silent.closedWithin()).toMatchObject({ code: 1006 });
    expect(await bob.notification('peerReconnecting')).toEqual({ peerId: silent.peerId });
    expect(await bob.notification('peerLeft')).toEqual({ peerId: silent.peerId });
    expect(bob.isOpen).toBe(true);
    expect(s.rooms.get('heartbeat' as RoomId)?.snapshot().peers.map((p) => p.peerId)).toEqual([bob.peerId]);
  });
});

describe('an empty room', () => {
  it('is closed after emptyRoomTimeoutMs, taking its router off the worker', async () => {
    const s = await start();
    const alice = await joined(s, 'emptied', 'Alice');
    const bob = await joined(s, 'emptied', 'Bob');
    await equip(alice, ['camera']);
    await equip(bob, ['microphone']);
    const room = s.rooms.get('emptied' as RoomId)!;
    expect((await workerState(room.slot)).routerIds).toHaveLength(1);

    await alice.call('leave', {});
    bob.close();

    await waitFor(() => s.rooms.get('emptied' as RoomId) === undefined, 'the room to leave the registry');
    expect(room.closed).toBe(true);
    expect(await workerState(room.slot)).toEqual({ routerIds: [], objectIds: [room.slot.webRtcServer.id], webRtcTransportIds: [] });
    expect(s.errors).toEqual([]);
  });

  it('is also closed when a visitor only fetched its capabilities', async () => {
    const s = await start();
    const visitor = await TestClient.connect(s.wsUrl);
    clients.push(visitor);
    await visitor.call('getRouterRtpCapabilities', { roomId: 'peeked' });
    const room = s.rooms.get('peeked' as RoomId)!;

    await waitFor(() => room.closed, 'the never-joined room to close');
    expect(s.rooms.size).toBe(0);
    expect((await workerState(room.slot)).routerIds).toEqual([]);
  });

  it('is kept for a peer who comes back within emptyRoomTimeoutMs', async () => {
    const s = await start({ emptyRoomTimeoutMs: 10_000 });
    const alice = await joined(s, 'reload', 'Alice');
    const room = s.rooms.get('reload' as RoomId)!;
    await alice.call('leave', {});
    expect(room.peerCount).toBe(0);

    await alice.joinRoom('reload', 'Alice');
    expect(s.rooms.get('reload' as RoomId)).toBe(room);
    expect(room.closed).toBe(false);
    expect((await workerState(room.slot)).routerIds).toHaveLength(1);
  });
});

describe('server-side closes', () => {
  it('evicts every peer with close code 4000 when the worker dies', async () => {
    const s = await start();
    const alice = await joined(s, 'doomed', 'Alice');
    const bob = await joined(s, 'doomed', 'Bob');
    const room = s.rooms.get('doomed' as RoomId)!;

    process.kill(room.slot.worker.pid, 'SIGKILL');

    for (const client of [alice, bob]) expect(await client.closedWithin()).toMatchObject({ code: 4000 });
    expect(room.closed).toBe(true);
    expect(s.rooms.size).toBe(0);
    expect(s.errors.some((line) => line.includes('died'))).toBe(true);
  });

  it('closes every connection, room and worker on close(), and a second close() is harmless', async () => {
    const s = await start();
    const alice = await joined(s, 'shutdown', 'Alice');
    await equip(alice, ['camera']);
    const room = s.rooms.get('shutdown' as RoomId)!;

    await s.close();
    await s.close();

    expect(await alice.closedWithin()).toMatchObject({ code: 1006 });
    expect(room.closed).toBe(true);
    expect(room.slot.worker.closed).toBe(true);
    expect(s.rooms.size).toBe(0);
    await expect(TestClient.connect(s.wsUrl)).rejects.toThrow();
  });
});
