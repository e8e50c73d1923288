/**
 * Well-formed frames whose request the server must refuse: wrong state, wrong data, someone
 * else's ids, media mediasoup will not take, and per-peer limits. Each refusal is coded and leaves
 * the sender's session and everyone else's working.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsumerId, ProducerId, RoomId, TransportId } from '../../../src-common/ids';
import type { ResponseMessage } from '../../../src-common/protocol';
import { clientDtlsParameters, opusParameters, vp8SingleParameters } from '../testing/rtp';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';

const limits = { transports: 2, producers: 3, consumers: 2 };

let server: TestServer;
let rooms = 0;
let clients: TestClient[] = [];
/** A peer in a room of its own, whose session every refusal must leave working. */
let bystander: TestClient;
let bystanderTransport: TransportId;

beforeAll(async () => {
  // Dynacast's lowering is timer-driven (a publisher hears `producerLayersWanted` 2 s after nobody
  // watches): on a loaded machine it fired inside the "changes nothing" window. Not this file's subject.
  server = await startTestServer({ limits, dynacastLowerDelayMs: 600_000 });
  bystander = await TestClient.joined(server.wsUrl, 'bystander', 'Bystander');
  bystanderTransport = (await bystander.createTransport('send')).transportId;
});

afterEach(async () => {
  for (const client of clients) client.close();
  clients = [];
  expect(await bystander.request('restartIce', { transportId: bystanderTransport })).toMatchObject({ ok: true });
  expect(server.errors).toEqual([]);
});

afterAll(async () => {
  bystander?.close();
  await server?.close();
});

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(server.wsUrl);
  clients.push(client);
  return client;
}

async function joined(roomId: string, displayName = 'Peer'): Promise<TestClient> {
  const client = await connect();
  await client.joinRoom(roomId, displayName);
  return client;
}

function expectRefused(response: ResponseMessage, code: string, id?: number): void {
  expect(response).toMatchObject({ type: 'response', ok: false, error: { code } });
  if (id !== undefined) expect(response.id).toBe(id);
}

/**
 * Olivia owns a send and a receive transport, three producers (her limit) and a consumer of
 * Bob's microphone; Mallory, in the same room, owns a send transport and a microphone.
 */
async function scene() {
  const roomId = `scene-${++rooms}`;
  const olivia = await joined(roomId, 'Olivia');
  const bob = await joined(roomId, 'Bob');
  const mallory = await joined(roomId, 'Mallory');
  const send = await olivia.createTransport('send');
  const recv = await olivia.createTransport('recv');
  const oliviaProducers: ProducerId[] = [];
  for (const source of ['microphone', 'camera', 'screen'] as const) oliviaProducers.push(await olivia.produce(send.transportId, source));
  const bobSend = await bob.createTransport('send');
  const bobMic = await bob.produce(bobSend.transportId, 'microphone');
  const { consumerId } = await olivia.call('consume', { producerId: bobMic });
  const mallorySend = await mallory.createTransport('send');
  const malloryMic = await mallory.produce(mallorySend.transportId, 'microphone');
  return {
    room: () => server.rooms.get(roomId as RoomId)!,
    olivia, bob, mallory, oliviaProducers, bobMic, malloryMic,
    oliviaSend: send.transportId, oliviaRecv: recv.transportId, oliviaConsumer: consumerId, mallorySend: mallorySend.transportId,
  };
}

describe('requests in the wrong state', () => {
  it.each([
    ['createWebRtcTransport', { direction: 'send' }],
    ['produce', { transportId: 't', kind: 'audio', source: 'microphone', rtpParameters: { codecs: [] } }],
    ['consume', { producerId: 'p' }],
    ['resumeConsumer', { consumerId: 'c' }],
    ['leave', {}],
  ])('refuses %s before join with NOT_JOINED and the request id', async (method, data) => {
    const client = await connect();
    const response = await client.requestUnchecked(method, data);
    expectRefused(response, 'NOT_JOINED', 1);
    expect(await client.request('getRouterRtpCapabilities', { roomId: 'lobby' })).toMatchObject({ ok: true });
  });

  it('refuses a second join on one connection with ALREADY_JOINED', async () => {
    const client = await joined('twice', 'Twice');
    const { routerRtpCapabilities } = await client.call('getRouterRtpCapabilities', { roomId: 'elsewhere' });
    const again = await client.request('join', { roomId: 'elsewhere', displayName: 'Twice', rtpCapabilities: routerRtpCapabilities });
    expectRefused(again, 'ALREADY_JOINED');
    expect(server.rooms.get('twice' as RoomId)?.peerCount).toBe(1);
    expect(server.rooms.get('elsewhere' as RoomId)?.peerCount ?? 0).toBe(0);
    expect(await client.request('createWebRtcTransport', { direction: 'send' })).toMatchObject({ ok: true });
  });
});

describe('request data that does not match the protocol', () => {
  const caps = { codecs: [] };
  it.each([
    ['a room id with spaces', 'getRouterRtpCapabilities', { roomId: 'team standup' }],
    ['an empty room id', 'getRouterRtpCapabilities', { roomId: '' }],
    ['a 65-character room id', 'getRouterRtpCapabilities', { roomId: 'r'.repeat(65) }],
    ['a numeric room id', 'getRouterRtpCapabilities', { roomId: 42 }],
    ['an extra field', 'getRouterRtpCapabilities', { roomId: 'ok', admin: true }],
    ['no data at all', 'getRouterRtpCapabilities', undefined],
    ['a 65-character name', 'join', { roomId: 'ok', displayName: 'n'.repeat(65), rtpCapabilities: caps }],
    ['a name with a bell character', 'join', { roomId: 'ok', displayName: 'Eve\u0007', rtpCapabilities: caps }],
    ['a name with a newline', 'join', { roomId: 'ok', displayName: 'Eve\nAdmin', rtpCapabilities: caps }],
    ['a blank name', 'join', { roomId: 'ok', displayName: '   ', rtpCapabilities: caps }],
    ['capabilities that are a string', 'join', { roomId: 'ok', displayName: 'Eve', rtpCapabilities: 'all' }],
    ['a codec list that is an object', 'join', { roomId: 'ok', displayName: 'Eve', rtpCapabilities: { codecs: {} } }],
    ['65 codecs', 'join', { roomId: 'ok', displayName: 'Eve', rtpCapabilities: { codecs: Array(65).fill({ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000 }) } }],
  ])('refuses %s with BAD_REQUEST before join', async (_what, method, data) => {
    const client = await connect();
    expectRefused(await client.requestUnchecked(method, data), 'BAD_REQUEST', 1);
    expect(await client.request('getRouterRtpCapabilities', { roomId: 'lobby' })).toMatchObject({ ok: true });
    expect(server.rooms.get('ok' as RoomId)).toBeUndefined();
  });

  it.each([
    ['an unknown direction', 'createWebRtcTransport', { direction: 'sideways' }],
    ['a numeric direction', 'createWebRtcTransport', { direction: 1 }],
    ['a missing direction', 'createWebRtcTransport', {}],
    ['an empty producer id', 'pauseProducer', { producerId: '' }],
    ['a 65-character consumer id', 'resumeConsumer', { consumerId: 'c'.repeat(65) }],
    ['spatial layer 9', 'setConsumerPreferredLayers', { consumerId: 'c', spatialLayer: 9 }],
    ['a fractional spatial layer', 'setConsumerPreferredLayers', { consumerId: 'c', spatialLayer: 1.5 }],
    ['an unknown kind', 'produce', { transportId: 't', kind: 'smell', source: 'camera', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] } }],
    ['an unknown source', 'produce', { transportId: 't', kind: 'video', source: 'hologram', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] } }],
    ['no codecs', 'produce', { transportId: 't', kind: 'video', source: 'camera', rtpParameters: { codecs: [] } }],
    ['payload type 200', 'produce', { transportId: 't', kind: 'video', source: 'camera', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 200, clockRate: 90000 }] } }],
    ['a video producer with an Opus codec', 'produce', { transportId: 't', kind: 'video', source: 'camera', rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }] } }],
    ['a microphone that claims to be video', 'produce', { transportId: 't', kind: 'video', source: 'microphone', rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }] } }],
    ['a camera that claims to be audio', 'produce', { transportId: 't', kind: 'audio', source: 'camera', rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }] } }],
    ['audio with simulcast layers', 'produce', { transportId: 't', kind: 'audio', source: 'microphone', layers: [{ width: 320, height: 180 }], rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }] } }],
    ['dtls parameters without fingerprints', 'connectWebRtcTransport', { transportId: 't', dtlsParameters: { role: 'client', fingerprints: [] } }],
    ['data on leave', 'leave', { now: true }],
  ])('refuses %s with BAD_REQUEST after join', async (_what, method, data) => {
    const client = await joined('schemas');
    expectRefused(await client.requestUnchecked(method, data), 'BAD_REQUEST', 3);
    expect(await client.request('createWebRtcTransport', { direction: 'send' })).toMatchObject({ ok: true });
  });
});

describe('ids that belong to another peer', () => {
  type Scene = Awaited<ReturnType<typeof scene>>;
  it.each<[string, string, (s: Scene) => unknown]>([
    ['connect her transport', 'connectWebRtcTransport', (s) => ({ transportId: s.oliviaSend, dtlsParameters: clientDtlsParameters })],
    ['restart ICE on her transport', 'restartIce', (s) => ({ transportId: s.oliviaRecv })],
    ['produce on her transport', 'produce', (s) => ({ transportId: s.oliviaSend, kind: 'video', source: 'camera', rtpParameters: vp8SingleParameters(s.mallory.rtpCapabilities!, { mid: '9', ssrc: 9 }) })],
    ['pause her producer', 'pauseProducer', (s) => ({ producerId: s.oliviaProducers[0] })],
    ['resume her producer', 'resumeProducer', (s) => ({ producerId: s.oliviaProducers[0] })],
    ['close her producer', 'closeProducer', (s) => ({ producerId: s.oliviaProducers[1] })],
    ['pause her consumer', 'pauseConsumer', (s) => ({ consumerId: s.oliviaConsumer })],
    ['resume her consumer', 'resumeConsumer', (s) => ({ consumerId: s.oliviaConsumer })],
    ['set layers on her consumer', 'setConsumerPreferredLayers', (s) => ({ consumerId: s.oliviaConsumer, spatialLayer: 0 })],
    ['consume his own producer', 'consume', (s) => ({ producerId: s.malloryMic })],
    ['consume a producer that does not exist', 'consume', () => ({ producerId: '00000000-0000-4000-8000-000000000000' })],
  ])('answers Mallory\'s attempt to %s with NOT_FOUND and changes nothing', async (_what, method, data) => {
    const s = await scene();
    // A round trip first: every notification the scene's own set-up caused has reached Olivia.
    expect(await s.olivia.request('ping', {})).toMatchObject({ ok: true });
    const before = s.room().snapshot();
    const oliviaSeen = s.olivia.received.length;

    expectRefused(await s.mallory.requestUnchecked(method, data(s)), 'NOT_FOUND');

    expect(s.room().snapshot()).toEqual(before);
    expect(await s.olivia.request('resumeConsumer', { consumerId: s.oliviaConsumer })).toMatchObject({ ok: true });
    // The speaker observer's verdicts come on its own clock (mediasoup names a dominant speaker even
    // among silent producers), whatever anyone requests: they are not changes Mallory could cause.
    const caused = s.olivia.received.slice(oliviaSeen).filter((m) => m.type === 'notification' && m.method !== 'activeSpeaker' && m.method !== 'audioLevels');
    expect(caused.map((m) => JSON.stringify(m))).toEqual([]);
    expect(await s.mallory.request('pauseProducer', { producerId: s.malloryMic })).toMatchObject({ ok: true });
  });
});

describe('media requests the server refuses', () => {
  it('refuses to produce on a receive transport with BAD_REQUEST', async () => {
    const s = await scene();
    const response = await s.olivia.request('produce', {
      transportId: s.oliviaRecv, kind: 'audio', source: 'screenAudio', rtpParameters: opusParameters(s.olivia.rtpCapabilities!, { mid: '7', ssrc: 7 }),
    });
    expectRefused(response, 'BAD_REQUEST');
  });

  it('refuses a second producer of the same source with BAD_REQUEST', async () => {
    const s = await scene();
    const response = await s.mallory.request('produce', {
      transportId: s.mallorySend, kind: 'audio', source: 'microphone', rtpParameters: opusParameters(s.mallory.rtpCapabilities!, { mid: '7', ssrc: 7 }),
    });
    expectRefused(response, 'BAD_REQUEST');
    const mallory = s.room().snapshot().peers.find((p) => p.peerId === s.mallory.peerId);
    expect(mallory?.producers.map((p) => p.source)).toEqual(['microphone']);
  });

  it('refuses to consume without a receive transport, twice, or with layers on a simple consumer', async () => {
    const s = await scene();
    expectRefused(await s.mallory.request('consume', { producerId: s.bobMic }), 'BAD_REQUEST');
    await s.mallory.createTransport('recv');
    const { consumerId } = await s.mallory.call('consume', { producerId: s.bobMic });
    expectRefused(await s.mallory.request('consume', { producerId: s.bobMic }), 'BAD_REQUEST');
    expectRefused(await s.mallory.request('setConsumerPreferredLayers', { consumerId, spatialLayer: 0 }), 'BAD_REQUEST');
  });

  it.each<[string, (send: TransportId, caps: NonNullable<TestClient['rtpCapabilities']>) => unknown]>([
    ['a codec the router does not offer', (t) => ({ transportId: t, kind: 'video', source: 'screen', rtpParameters: { mid: 'x', codecs: [{ mimeType: 'video/H265', payloadType: 120, clockRate: 90000 }] } })],
    ['RTX without its media codec', (t) => ({ transportId: t, kind: 'video', source: 'screen', rtpParameters: { mid: 'x', codecs: [{ mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: { apt: 101 } }] } })],
    ['Opus at 8 kHz', (t, caps) => ({ transportId: t, kind: 'audio', source: 'screenAudio', rtpParameters: { ...opusParameters(caps, { mid: 'x', ssrc: 1 }), codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 8000 }] } })],
    ['one payload type for two codecs', (t, caps) => {
      const p = vp8SingleParameters(caps, { mid: 'x', ssrc: 1 });
      return { transportId: t, kind: 'video', source: 'screen', rtpParameters: { ...p, codecs: [p.codecs[0], { ...p.codecs[1], payloadType: p.codecs[0]?.payloadType }] } };
    }],
    ['an SSRC already used on the transport', (t, caps) => ({ transportId: t, kind: 'video', source: 'screen', rtpParameters: vp8SingleParameters(caps, { mid: 'x', ssrc: 10_000 }) })],
    ['a MID already used on the transport', (t, caps) => ({ transportId: t, kind: 'video', source: 'screen', rtpParameters: vp8SingleParameters(caps, { mid: '0', ssrc: 77 }) })],
  ])('answers %s with MEDIA_REJECTED', async (_what, data) => {
    const s = await scene();
    expectRefused(await s.mallory.requestUnchecked('produce', data(s.mallorySend, s.mallory.rtpCapabilities!)), 'MEDIA_REJECTED');
    expect(s.room().snapshot().peers.find((p) => p.peerId === s.mallory.peerId)?.counts.producers).toBe(1);
    expect(await s.mallory.produce(s.mallorySend, 'camera')).toBeTruthy();
  });

  it('answers a second DTLS connect and a consumer its capabilities cannot decode with MEDIA_REJECTED', async () => {
    const s = await scene();
    await s.mallory.call('connectWebRtcTransport', { transportId: s.mallorySend, dtlsParameters: clientDtlsParameters });
    expectRefused(await s.mallory.request('connectWebRtcTransport', { transportId: s.mallorySend, dtlsParameters: clientDtlsParameters }), 'MEDIA_REJECTED');

    const audioOnly = await connect();
    const { routerRtpCapabilities } = await audioOnly.call('getRouterRtpCapabilities', { roomId: 'x' });
    const codecs = routerRtpCapabilities.codecs?.filter((c) => c.kind === 'audio');
    await audioOnly.call('join', { roomId: s.room().id, displayName: 'Radio', rtpCapabilities: { ...routerRtpCapabilities, codecs } });
    await audioOnly.createTransport('recv');
    expectRefused(await audioOnly.request('consume', { producerId: s.oliviaProducers[1]! }), 'MEDIA_REJECTED');
    expect(await audioOnly.request('consume', { producerId: s.oliviaProducers[0]! })).toMatchObject({ ok: true });
  });
});

describe('per-peer limits', () => {
  it('refuses a transport over the limit with LIMIT_REACHED', async () => {
    const client = await joined('limits');
    for (let i = 0; i < limits.transports; i++) await client.createTransport(i % 2 ? 'recv' : 'send');
    expectRefused(await client.request('createWebRtcTransport', { direction: 'send' }), 'LIMIT_REACHED');
  });

  it('refuses a producer over the limit with LIMIT_REACHED', async () => {
    const s = await scene();
    const response = await s.olivia.request('produce', {
      transportId: s.oliviaSend, kind: 'audio', source: 'screenAudio', rtpParameters: opusParameters(s.olivia.rtpCapabilities!, { mid: '7', ssrc: 7 }),
    });
    expectRefused(response, 'LIMIT_REACHED');
  });

  it('refuses a consumer over the limit with LIMIT_REACHED', async () => {
    const s = await scene();
    await s.bob.createTransport('recv');
    const consumed: ConsumerId[] = [];
    for (const producerId of s.oliviaProducers.slice(0, limits.consumers)) consumed.push((await s.bob.call('consume', { producerId })).consumerId);
    expectRefused(await s.bob.request('consume', { producerId: s.oliviaProducers[2]! }), 'LIMIT_REACHED');
    // A slot freed by a closed producer can be used again.
    await s.olivia.call('closeProducer', { producerId: s.oliviaProducers[0]! });
    await s.bob.notification('consumerClosed', (d) => d.consumerId === consumed[0]);
    expect(await s.bob.request('consume', { producerId: s.oliviaProducers[2]! })).toMatchObject({ ok: true });
  });
});
