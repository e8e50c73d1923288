/**
 * Frames a hostile or broken client may send over a real socket: each gets a coded error reply,
 * and neither that connection nor anyone else's is harmed.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProducerId, RoomId } from '../../../src-common/ids';
import { MAX_FRAME_BYTES } from '../../../src-common/protocol';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let server: TestServer;
let bystander: TestClient;
let bystanderProducer: ProducerId;
let clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  bystander = await TestClient.joined(server.wsUrl, 'frames', 'Bystander');
  const { transportId } = await bystander.createTransport('send');
  bystanderProducer = await bystander.produce(transportId, 'microphone');
});

afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
});

afterAll(async () => {
  bystander?.close();
  await server?.close();
});

async function joinedClient(): Promise<TestClient> {
  const client = await TestClient.joined(server.wsUrl, 'frames', 'Sender');
  clients.push(client);
  return client;
}

/** The sender's own session still answers, and so does the bystander's, which saw nothing odd. */
async function expectStillServing(sender: TestClient): Promise<void> {
  expect(await sender.request('createWebRtcTransport', { direction: 'recv' })).toMatchObject({ ok: true });
  expect(await bystander.request('pauseProducer', { producerId: bystanderProducer })).toMatchObject({ ok: true });
  expect(await bystander.request('resumeProducer', { producerId: bystanderProducer })).toMatchObject({ ok: true });
  expect(bystander.received.filter((m) => m.type === 'response' && !m.ok)).toEqual([]);
  expect(server.errors).toEqual([]);
}

const request = (fields: Record<string, unknown>): string => JSON.stringify({ type: 'request', id: 7, method: 'leave', data: {}, ...fields });
/** A valid request padded with trailing spaces to exactly `bytes` bytes. */
const paddedTo = (bytes: number): string => {
  const frame = request({ method: 'getRouterRtpCapabilities', data: { roomId: 'frames' } });
  return frame + ' '.repeat(bytes - Buffer.byteLength(frame));
};

const badFrames: Array<{ what: string; frame: string | Buffer; binary?: boolean; code: string; id: number | null }> = [
  { what: 'malformed JSON', frame: '{"type":"request","id":7,', code: 'BAD_JSON', id: null },
  { what: 'an empty frame', frame: '', code: 'BAD_JSON', id: null },
  { what: 'a JSON number', frame: '42', code: 'BAD_REQUEST', id: null },
  { what: 'a JSON string', frame: '"join"', code: 'BAD_REQUEST', id: null },
  { what: 'JSON null', frame: 'null', code: 'BAD_REQUEST', id: null },
  { what: 'a JSON array', frame: `[${request({})}]`, code: 'BAD_REQUEST', id: null },
  { what: 'a request without a type', frame: JSON.stringify({ id: 7, method: 'leave', data: {} }), code: 'BAD_REQUEST', id: 7 },
  { what: 'a response sent to the server', frame: JSON.stringify({ type: 'response', id: 7, ok: true, data: {} }), code: 'BAD_REQUEST', id: 7 },
  { what: 'a request without an id', frame: JSON.stringify({ type: 'request', method: 'leave', data: {} }), code: 'BAD_REQUEST', id: null },
  { what: 'a fractional id', frame: request({ id: 7.5 }), code: 'BAD_REQUEST', id: null },
  { what: 'a negative id', frame: request({ id: -7 }), code: 'BAD_REQUEST', id: null },
  { what: 'a string id', frame: request({ id: '7' }), code: 'BAD_REQUEST', id: null },
  { what: 'an extra envelope field', frame: request({ admin: true }), code: 'BAD_REQUEST', id: 7 },
  { what: 'an unknown method', frame: request({ method: 'deleteRoom' }), code: 'UNKNOWN_METHOD', id: 7 },
  { what: 'an inherited property as method', frame: request({ method: 'toString' }), code: 'UNKNOWN_METHOD', id: 7 },
  { what: 'the prototype key as method', frame: request({ method: '__proto__' }), code: 'UNKNOWN_METHOD', id: 7 },
  { what: 'a frame one byte over 64 KiB', frame: paddedTo(MAX_FRAME_BYTES + 1), code: 'TOO_LARGE', id: null },
  { what: 'a frame of exactly the hard limit', frame: paddedTo(4 * MAX_FRAME_BYTES), code: 'TOO_LARGE', id: null },
  { what: 'a binary frame', frame: Buffer.from(request({})), binary: true, code: 'BAD_REQUEST', id: null },
];

describe('a connection receiving a bad frame', () => {
  it.each(badFrames)('answers $what with $code and keeps serving', async ({ frame, binary, code, id }) => {
    const sender = await joinedClient();
    const response = await sender.sendFrame(frame, id, binary ? { binary } : {});

    expect(response).toMatchObject({ type: 'response', id, ok: false, error: { code } });
    expect(response.ok ? '' : response.error.message).not.toBe('');
    await expectStillServing(sender);
  });

  it('accepts a valid frame of exactly 64 KiB', async () => {
    const sender = await joinedClient();
    expect(await sender.sendFrame(paddedTo(MAX_FRAME_BYTES), 7)).toMatchObject({ id: 7, ok: true });
  });

  it('closes the socket with 1009 on a frame over the hard limit, releasing only that peer', async () => {
    const sender = await joinedClient();
    const { transportId } = await sender.createTransport('send');
    const producerId = await sender.produce(transportId, 'camera');
    await bystander.notification('producerAdded', (d) => d.producer.producerId === producerId);

    const reply = sender.sendFrame(paddedTo(4 * MAX_FRAME_BYTES + 1), 7);

    await expect(reply).rejects.toThrow(/socket closed/);
    expect(await sender.closedWithin()).toMatchObject({ code: 1009 });
    expect(await bystander.notification('peerLeft', (d) => d.peerId === sender.peerId)).toBeDefined();
    const peers = server.rooms.get('frames' as RoomId)?.snapshot().peers.map((p) => p.peerId);
    expect(peers).not.toContain(sender.peerId);
    expect(peers).toContain(bystander.peerId);
    const newcomer = await joinedClient();
    await expectStillServing(newcomer);
  });

  it('answers each of many pipelined requests once, in order', async () => {
    const sender = await joinedClient();
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => sender.request('getRouterRtpCapabilities', { roomId: `pipelined-${i % 3}` })),
    );

    expect(responses.every((r) => r.ok)).toBe(true);
    const ids = sender.received.flatMap((m) => (m.type === 'response' ? [m.id] : []));
    expect(ids).toEqual([...ids].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(new Set(ids).size).toBe(ids.length);
  });
});
