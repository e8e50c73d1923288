/**
 * One meeting over both workers of a server, through real signaling: a budget of one consumer per
 * worker forces the second person onto the other worker; each consumes the other through pipes
 * the room makes on demand; closes and departures propagate; nothing is left on either worker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomId } from '../../../src-common/ids';
import { CloseCode } from '../../../src-common/protocol';
import type { Room } from '../Room';
import { equip } from '../testing/equip';
import { TestClient } from '../testing/TestClient';
import { startTestServer, workerState, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let server: TestServer | undefined;
let clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  await server?.close();
  server = undefined;
});

/** Two workers, and a budget so small that every newcomer after the first goes to a fresh worker. */
async function spanningServer(): Promise<TestServer> {
  server = await startTestServer({ workers: 2, workerBudget: { consumers: 1, cpu: 1 } });
  return server;
}

async function joined(s: TestServer, roomId: string, name: string): Promise<TestClient> {
  const client = await TestClient.joined(s.wsUrl, roomId, name);
  clients.push(client);
  return client;
}

function routersOf(room: Room): Array<{ workerIndex: number; peers: number }> {
  return room.mediaState.snapshot().routers.map(({ workerIndex, peers }) => ({ workerIndex, peers })).sort((a, b) => a.workerIndex - b.workerIndex);
}

describe('a meeting spanning two workers', () => {
  it('puts the second person on the other worker and pipes each one\'s media to the other on demand', async () => {
    const s = await spanningServer();
    const alice = await joined(s, 'span', 'Alice');
    const bob = await joined(s, 'span', 'Bob');
    const room = s.rooms.get('span' as RoomId)!;
    expect(routersOf(room)).toEqual([{ workerIndex: 0, peers: 1 }, { workerIndex: 1, peers: 1 }]);

    const alices = await equip(alice);
    const bobs = await equip(bob);
    // Bob's voice is piped to the home router at once, for the speaker observers.
    await waitFor(() => room.mediaState.snapshot().pipes === 1, 'Bob\'s microphone piped into the home router');

    const bobConsumes = [await bob.call('consume', { producerId: alices.microphone }), await bob.call('consume', { producerId: alices.camera })];
    const aliceConsumes = [await alice.call('consume', { producerId: bobs.microphone }), await alice.call('consume', { producerId: bobs.camera })];
    expect(bobConsumes.map((c) => c.type)).toEqual(['simple', 'simulcast']);
    expect(aliceConsumes.map((c) => c.type)).toEqual(['simple', 'simulcast']);
    // Alice's two producers into worker 1, Bob's camera into the home router; his voice shares its pipe.
    expect(room.mediaState.snapshot().pipes).toBe(4);

    const [home, other] = s.workers.all();
    // Worker 1 holds Bob's router with the pipe producers of Alice's microphone and camera.
    const onOther = await workerState(other!);
    expect(onOther.routerIds).toHaveLength(1);
    expect(onOther.objectIds).toEqual(expect.arrayContaining([alices.microphone, alices.camera, ...bobConsumes.map((c) => c.consumerId)]));
    expect((await workerState(home!)).objectIds).toEqual(expect.arrayContaining([bobs.microphone, bobs.camera, ...aliceConsumes.map((c) => c.consumerId)]));

    // Closing Alice's camera closes its pipe and Bob's consumer of it, on the other worker.
    await alice.call('closeProducer', { producerId: alices.camera });
    expect(await bob.notification('consumerClosed', (d) => d.consumerId === bobConsumes[1]!.consumerId)).toBeDefined();
    await waitFor(() => room.mediaState.snapshot().pipes === 3, 'the camera\'s pipe to close');
    await waitFor(async () => !(await workerState(other!)).objectIds.includes(alices.camera), 'the piped camera to leave worker 1');

    // Bob leaves: his router on worker 1 closes with him, and with it every pipe into it.
    await bob.call('leave', {});
    expect(await alice.notification('consumerClosed', (d) => d.consumerId === aliceConsumes[1]!.consumerId)).toBeDefined();
    await waitFor(async () => (await workerState(other!)).routerIds.length === 0, 'worker 1 to hold no router of the room');
    expect(room.mediaState.snapshot()).toEqual({ routers: [expect.objectContaining({ workerIndex: 0, peers: 1 })], pipes: 0 });
    expect((await workerState(other!)).objectIds).toEqual([other!.webRtcServer.id]);

    // Alice leaves too: the room closes and neither worker holds anything but its WebRtcServer.
    await alice.call('leave', {});
    await waitFor(() => s.rooms.get('span' as RoomId) === undefined, 'the empty room to close');
    for (const slot of [home!, other!]) {
      expect(await workerState(slot)).toEqual({ routerIds: [], objectIds: [slot.webRtcServer.id], webRtcTransportIds: [] });
    }
    expect(s.errors).toEqual([]);
  });

  it('tells everyone when a producer on the other worker pauses and resumes', async () => {
    const s = await spanningServer();
    const alice = await joined(s, 'pause', 'Alice');
    const bob = await joined(s, 'pause', 'Bob');
    const alices = await equip(alice);
    await bob.createTransport('recv');
    const { consumerId } = await bob.call('consume', { producerId: alices.camera });
    await alice.call('pauseProducer', { producerId: alices.camera });
    expect(await bob.notification('producerPaused', (d) => d.producerId === alices.camera)).toEqual({ peerId: alice.peerId, producerId: alices.camera });
    await alice.call('resumeProducer', { producerId: alices.camera });
    expect(await bob.notification('producerResumed', (d) => d.producerId === alices.camera)).toBeDefined();
    // A consumer that arrives while its producer is paused says so: the pipe producer follows the original.
    await alice.call('pauseProducer', { producerId: alices.microphone });
    const late = await bob.call('consume', { producerId: alices.microphone });
    expect(late.producerPaused).toBe(true);
    expect(await bob.request('resumeConsumer', { consumerId })).toMatchObject({ ok: true });
  });

  it('keeps the people on the home worker when the other worker dies, and lets go of the ones on it', async () => {
    const s = await spanningServer();
    const alice = await joined(s, 'death', 'Alice');
    const bob = await joined(s, 'death', 'Bob');
    const alices = await equip(alice);
    const bobs = await equip(bob);
    const { consumerId } = await alice.call('consume', { producerId: bobs.camera });
    const room = s.rooms.get('death' as RoomId)!;
    const [, other] = s.workers.all();

    process.kill(other!.worker.pid, 'SIGKILL');

    expect((await bob.closedWithin()).code).toBe(CloseCode.RoomClosed);
    expect(await alice.notification('peerLeft', (d) => d.peerId === bob.peerId)).toBeDefined();
    expect(await alice.notification('consumerClosed', (d) => d.consumerId === consumerId)).toBeDefined();
    expect(room.closed).toBe(false);
    expect(routersOf(room)).toEqual([{ workerIndex: 0, peers: 1 }]);
    // Alice carries on in the same room.
    expect(await alice.request('pauseProducer', { producerId: alices.camera })).toMatchObject({ ok: true });
  });
});
