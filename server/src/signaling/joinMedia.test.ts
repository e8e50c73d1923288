/**
 * The `joinMedia` feature: a join that brings its transports and a consumer of everything
 * already published, the refusals of a malformed one, and the initial view `consume` takes.
 * Consumers are watched through mediasoup's own observer, so "paused" is the worker's word.
 */
import * as mediasoup from 'mediasoup';
import type { Consumer } from 'mediasoup/node/lib/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProducerId } from '../../../src-common/ids';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let server: TestServer;
let rooms = 0;
const consumers = new Map<string, Consumer>();

beforeAll(async () => {
  mediasoup.observer.on('newworker', (worker) =>
    worker.observer.on('newrouter', (router) =>
      router.observer.on('newtransport', (transport) => transport.observer.on('newconsumer', (consumer) => consumers.set(consumer.id, consumer))),
    ),
  );
  server = await startTestServer({ limits: { transports: 4, producers: 4, consumers: 3 } });
});

afterAll(async () => {
  await server?.close();
});

/** Alice in a fresh room, publishing a microphone and a camera. */
async function publisher(): Promise<{ roomId: string; alice: TestClient; mic: ProducerId; camera: ProducerId }> {
  const roomId = `join-media-${++rooms}`;
  const alice = await TestClient.joined(server.wsUrl, roomId, 'Alice');
  const send = await alice.createTransport('send');
  const mic = await alice.produce(send.transportId, 'microphone');
  const camera = await alice.produce(send.transportId, 'camera');
  return { roomId, alice, mic, camera };
}

async function caps(client: TestClient, roomId: string) {
  return client.call('getRouterRtpCapabilities', { roomId });
}

describe('a join with its media (joinMedia)', () => {
  it('is announced with the router capabilities', async () => {
    const client = await TestClient.connect(server.wsUrl);
    expect((await caps(client, 'join-media-caps')).features).toEqual(['joinMedia']);
    client.close();
  });

  it('answers with both transports and a consumer of each producer; video waits for a view', async () => {
    const { roomId, alice, mic, camera } = await publisher();
    const bob = await TestClient.connect(server.wsUrl);
    const { routerRtpCapabilities } = await caps(bob, roomId);
    const joined = await bob.call('join', { roomId, displayName: 'Bob', rtpCapabilities: routerRtpCapabilities, transports: ['send', 'recv'], consumeExisting: true });

    expect(joined.transports?.send?.transportId).toBeTruthy();
    expect(joined.transports?.recv?.transportId).toBeTruthy();
    expect(joined.transports?.send?.transportId).not.toBe(joined.transports?.recv?.transportId);
    const made = joined.consumers ?? [];
    expect(made.map((c) => [c.producerId, c.kind]).sort()).toEqual([[mic, 'audio'], [camera, 'video']].sort());
    expect(made.every((c) => c.peerId === alice.peerId)).toBe(true);

    // Made paused: resumeConsumer starts the audio, while the video stays paused (hidden) until a view shows it.
    const audio = made.find((c) => c.kind === 'audio')!;
    const video = made.find((c) => c.kind === 'video')!;
    for (const c of made) expect(consumers.get(c.consumerId)?.paused).toBe(true);
    for (const c of made) await bob.call('resumeConsumer', { consumerId: c.consumerId });
    expect(consumers.get(audio.consumerId)?.paused).toBe(false);
    expect(consumers.get(video.consumerId)?.paused).toBe(true);
    await bob.call('setConsumerView', { consumerId: video.consumerId, visible: true, width: 640, height: 360 });
    await waitFor(() => consumers.get(video.consumerId)?.paused === false, 'the shown video consumer resumes');

    // Nobody watched Alice's camera before Bob: she was told to stop it, and Bob's join woke its base layer.
    expect(alice.notifications('producerLayersWanted').filter((n) => n.producerId === camera).map((n) => n.spatialLayer)).toEqual([null, 0, 1]);

    // The transports are the peer's own: the ordinary requests work on them.
    await bob.call('restartIce', { transportId: joined.transports!.recv!.transportId });
    alice.close();
    bob.close();
  });

  it('wakes the publisher for the layer a newcomer\'s first view asks, before the newcomer resumes', async () => {
    const { roomId, alice, camera } = await publisher();
    const bob = await TestClient.connect(server.wsUrl);
    const { routerRtpCapabilities } = await caps(bob, roomId);
    const joined = await bob.call('join', { roomId, displayName: 'Bob', rtpCapabilities: routerRtpCapabilities, transports: ['recv'], consumeExisting: true });
    const video = joined.consumers!.find((c) => c.kind === 'video')!;
    await bob.call('setConsumerView', { consumerId: video.consumerId, visible: true, width: 1280, height: 720 });
    const wanted = (): Array<number | null> => alice.notifications('producerLayersWanted').filter((n) => n.producerId === camera).map((n) => n.spatialLayer);
    await waitFor(() => wanted().at(-1) === 2, 'the top layer asked of Alice');
    // Still paused: nothing is sent to Bob before his side is set up and he resumes.
    expect(consumers.get(video.consumerId)?.paused).toBe(true);
    await bob.call('resumeConsumer', { consumerId: video.consumerId });
    await waitFor(() => consumers.get(video.consumerId)?.paused === false, 'the resumed consumer');
    expect(wanted()).toEqual([null, 0, 2]);
    alice.close();
    bob.close();
  });

  it('counts the join\'s consumers against the peer\'s limit, and stops there', async () => {
    const { roomId, alice } = await publisher();
    await alice.produce((await alice.createTransport('send')).transportId, 'screen');
    const carol = await TestClient.joined(server.wsUrl, roomId, 'Carol');
    const carolMic = await carol.produce((await carol.createTransport('send')).transportId, 'microphone');
    const bob = await TestClient.connect(server.wsUrl);
    const { routerRtpCapabilities } = await caps(bob, roomId);
    const joined = await bob.call('join', { roomId, displayName: 'Bob', rtpCapabilities: routerRtpCapabilities, transports: ['recv'], consumeExisting: true });
    // Four producers in the room, a limit of three consumers: three made, the join still answered.
    expect(joined.consumers).toHaveLength(3);
    expect(joined.transports?.send).toBeUndefined();
    const left = joined.peers.flatMap((peer) => peer.producers.map((p) => p.producerId)).find((id) => !joined.consumers!.some((c) => c.producerId === id));
    expect(left).toBeDefined();
    expect(await bob.request('consume', { producerId: left! })).toMatchObject({ ok: false, error: { code: 'LIMIT_REACHED' } });
    expect(carolMic).toBeTruthy();
    for (const client of [alice, bob, carol]) client.close();
  });

  it('refuses what does not hold together, and the connection stays usable', async () => {
    const { roomId, alice } = await publisher();
    const bob = await TestClient.connect(server.wsUrl);
    const { routerRtpCapabilities } = await caps(bob, roomId);
    const base = { roomId, displayName: 'Bob', rtpCapabilities: routerRtpCapabilities };
    for (const bad of [{ consumeExisting: true }, { transports: ['send'], consumeExisting: true }, { transports: ['recv', 'recv'] }, { transports: ['send', 'recv', 'send'] }, { transports: ['up'] }]) {
      expect(await bob.requestUnchecked('join', { ...base, ...bad })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await bob.call('join', base)).transports).toBeUndefined();
    alice.close();
    bob.close();
  });
});

describe('consume with an initial view', () => {
  it('makes a video consumer hidden until a view shows it; an audio consumer ignores the view', async () => {
    const { roomId, alice, mic, camera } = await publisher();
    const bob = await TestClient.joined(server.wsUrl, roomId, 'Bob');
    await bob.createTransport('recv');
    const hidden = { visible: false, width: 0, height: 0, pinned: false };
    const video = await bob.call('consume', { producerId: camera, view: hidden });
    const audio = await bob.call('consume', { producerId: mic, view: hidden });
    await bob.call('resumeConsumer', { consumerId: video.consumerId });
    await bob.call('resumeConsumer', { consumerId: audio.consumerId });
    expect(consumers.get(video.consumerId)?.paused).toBe(true);
    expect(consumers.get(audio.consumerId)?.paused).toBe(false);
    alice.close();
    bob.close();
  });
});
