/**
 * Adaptive video on a real worker: what receivers report of their tiles drives dynacast (what the
 * publisher is told to encode) and pausing, and bad views are refused like any bad request.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ProducerId, TransportId } from '../../../src-common/ids';
import { clientDtlsParameters } from '../testing/rtp';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let server: TestServer | undefined;
const clients: TestClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await server?.close();
  server = undefined;
});

async function joined(s: TestServer, displayName: string): Promise<TestClient> {
  const client = await TestClient.joined(s.wsUrl, 'adaptive', displayName);
  clients.push(client);
  for (const direction of ['send', 'recv'] as const) {
    const { transportId } = await client.createTransport(direction);
    await client.call('connectWebRtcTransport', { transportId, dtlsParameters: clientDtlsParameters });
  }
  return client;
}

async function sendTransport(client: TestClient): Promise<TransportId> {
  return (await client.createTransport('send')).transportId;
}

/** The layers announced to `publisher` for `producerId`, in order. */
function announced(publisher: TestClient, producerId: ProducerId): Array<number | null> {
  return publisher.notifications('producerLayersWanted').filter((d) => d.producerId === producerId).map((d) => d.spatialLayer);
}

async function expectAnnounced(publisher: TestClient, producerId: ProducerId, sequence: Array<number | null>): Promise<void> {
  await waitFor(() => announced(publisher, producerId).length >= sequence.length, `dynacast announcements ${JSON.stringify(sequence)}`);
  expect(announced(publisher, producerId)).toEqual(sequence);
}

describe('adaptive video', () => {
  it('tells the publisher the highest layer any receiver shows, and nothing while nobody looks', async () => {
    const s = (server = await startTestServer({ dynacastLowerDelayMs: 50 }));
    const alice = await joined(s, 'Alice');
    const bob = await joined(s, 'Bob');
    const carol = await joined(s, 'Carol');
    const camera = await alice.produce(await sendTransport(alice), 'camera');
    await expectAnnounced(alice, camera, [null]);

    const bobs = await bob.call('consume', { producerId: camera });
    expect(bobs.type).toBe('simulcast');
    await bob.call('resumeConsumer', { consumerId: bobs.consumerId });
    // Resumed without a view yet: the top layer, until the tile says otherwise.
    await expectAnnounced(alice, camera, [null, 2]);

    await bob.call('setConsumerView', { consumerId: bobs.consumerId, visible: true, width: 300, height: 169 });
    await expectAnnounced(alice, camera, [null, 2, 0]);

    const carols = await carol.call('consume', { producerId: camera });
    await carol.call('setConsumerView', { consumerId: carols.consumerId, visible: true, width: 640, height: 360 });
    await carol.call('resumeConsumer', { consumerId: carols.consumerId });
    await expectAnnounced(alice, camera, [null, 2, 0, 1]);

    await carol.call('setConsumerView', { consumerId: carols.consumerId, visible: false, width: 640, height: 360 });
    await expectAnnounced(alice, camera, [null, 2, 0, 1, 0]);
    await bob.call('setConsumerView', { consumerId: bobs.consumerId, visible: false, width: 300, height: 169 });
    await expectAnnounced(alice, camera, [null, 2, 0, 1, 0, null]);

    // Pinned large on Carol's side: raised at once.
    await carol.call('setConsumerView', { consumerId: carols.consumerId, visible: true, width: 1920, height: 1080, pinned: true });
    await expectAnnounced(alice, camera, [null, 2, 0, 1, 0, null, 2]);

    carol.close();
    await expectAnnounced(alice, camera, [null, 2, 0, 1, 0, null, 2, null]);
    expect(s.errors).toEqual([]);
  });

  it('applies a view to audio consumers without layers and never announces audio', async () => {
    const s = (server = await startTestServer({ dynacastLowerDelayMs: 50 }));
    const alice = await joined(s, 'Alice');
    const bob = await joined(s, 'Bob');
    const mic = await alice.produce(await sendTransport(alice), 'microphone');
    const consumer = await bob.call('consume', { producerId: mic });
    await bob.call('resumeConsumer', { consumerId: consumer.consumerId });
    expect(await bob.request('setConsumerView', { consumerId: consumer.consumerId, visible: true, width: 0, height: 0 })).toMatchObject({ ok: true });
    expect(announced(alice, mic)).toEqual([]);
  });

  it.each([
    ['a negative width', { visible: true, width: -1, height: 10 }],
    ['a huge height', { visible: true, width: 10, height: 1e9 }],
    ['a fractional size', { visible: true, width: 10.5, height: 10 }],
    ['a missing visibility', { width: 10, height: 10 }],
    ['an extra field', { visible: true, width: 10, height: 10, layer: 2 }],
  ])('refuses a view with %s', async (_label, view) => {
    const s = (server = await startTestServer());
    const alice = await joined(s, 'Alice');
    const bob = await joined(s, 'Bob');
    const camera = await alice.produce(await sendTransport(alice), 'camera');
    const { consumerId } = await bob.call('consume', { producerId: camera });
    const reply = await bob.requestUnchecked('setConsumerView', { consumerId, ...view });
    expect(reply).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await bob.request('setConsumerView', { consumerId, visible: true, width: 10, height: 10 })).toMatchObject({ ok: true });
  });

  it('refuses a view of another peer\'s consumer as unknown', async () => {
    const s = (server = await startTestServer());
    const alice = await joined(s, 'Alice');
    const bob = await joined(s, 'Bob');
    const carol = await joined(s, 'Carol');
    const camera = await alice.produce(await sendTransport(alice), 'camera');
    const { consumerId } = await bob.call('consume', { producerId: camera });
    const reply = await carol.request('setConsumerView', { consumerId, visible: false, width: 0, height: 0 });
    expect(reply).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
