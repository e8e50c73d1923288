/**
 * The resume tier over real signaling and a real worker: a peer whose connection drops is kept for
 * the grace period, shown to the others as reconnecting, and taken back by its token on a new
 * connection with everything it owned; when the grace runs out it leaves, and resuming is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RoomId, TransportId } from '../../../src-common/ids';
import { CloseCode } from '../../../src-common/protocol';
import { clientDtlsParameters } from '../testing/rtp';
import { RequestError, TestClient } from '../testing/TestClient';
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

async function start(reconnectGraceMs: number): Promise<TestServer> {
  server = await startTestServer({ reconnectGraceMs });
  return server;
}

async function connect(s: TestServer): Promise<TestClient> {
  const client = await TestClient.connect(s.wsUrl);
  clients.push(client);
  return client;
}

/** Alice (with a microphone and both transports) and Bob, who consumes her. */
async function call(s: TestServer, roomId: string) {
  const alice = await connect(s);
  const { sessionToken } = await alice.joinRoom(roomId, 'Alice');
  const bob = await connect(s);
  await bob.joinRoom(roomId, 'Bob');
  const send = await alice.createTransport('send');
  const recv = await alice.createTransport('recv');
  for (const { transportId } of [send, recv]) await alice.call('connectWebRtcTransport', { transportId, dtlsParameters: clientDtlsParameters });
  const producerId = await alice.produce(send.transportId, 'microphone');
  await bob.createTransport('recv');
  const { consumerId } = await bob.call('consume', { producerId });
  return { alice, bob, sessionToken, transportIds: [send.transportId, recv.transportId], producerId, consumerId };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'accepted';
  } catch (error) {
    return error instanceof RequestError ? error.code : String(error);
  }
}

describe('resuming a session', () => {
  it('keeps a peer whose connection died, shows it as reconnecting, and gives it back whole on a new connection', async () => {
    const s = await start(10_000);
    const { alice, bob, sessionToken, transportIds, producerId } = await call(s, 'resume');
    const room = s.rooms.get('resume' as RoomId)!;
    const before = await workerState(room.slot);

    alice.terminate();
    expect(await bob.notification('peerReconnecting')).toEqual({ peerId: alice.peerId });
    expect(room.snapshot().peers.find((p) => p.peerId === alice.peerId)).toMatchObject({ reconnecting: true, counts: { transports: 2, producers: 1 } });

    const again = await connect(s);
    const resumed = await again.call('resume', { roomId: 'resume', sessionToken });
    expect(resumed).toMatchObject({ peerId: alice.peerId, role: 'host' });
    expect([...resumed.transportIds].sort()).toEqual([...transportIds].sort());
    expect(resumed.peers).toEqual([expect.objectContaining({ peerId: bob.peerId, displayName: 'Bob' })]);
    expect(resumed.sessionToken).not.toBe(sessionToken);
    expect(await bob.notification('peerReconnected')).toEqual({ peerId: alice.peerId });

    // Nothing was released or rebuilt, and the resumed connection drives the same objects.
    expect(await workerState(room.slot)).toEqual(before);
    const { iceParameters } = await again.call('restartIce', { transportId: transportIds[0] as TransportId });
    expect(iceParameters.usernameFragment).toEqual(expect.any(String));
    expect(await again.request('pauseProducer', { producerId })).toMatchObject({ ok: true });
    expect(await bob.notification('producerPaused')).toEqual({ peerId: alice.peerId, producerId });
    expect(bob.notifications('peerLeft')).toEqual([]);
    expect(bob.notifications('peerJoined')).toEqual([]);
    expect(room.snapshot().peers.find((p) => p.peerId === alice.peerId)?.reconnecting).toBeUndefined();
    expect(s.errors).toEqual([]);
  });

  it('takes the peer over from a connection that still looks alive, closing that one as superseded', async () => {
    const s = await start(10_000);
    const { alice, bob, sessionToken } = await call(s, 'takeover');
    const again = await connect(s);
    expect((await again.call('resume', { roomId: 'takeover', sessionToken })).peerId).toBe(alice.peerId);
    expect(await alice.closedWithin()).toMatchObject({ code: CloseCode.Superseded });
    // The server never saw the peer go, so the others were not told anything.
    await expect(again.call('raiseHand', {})).resolves.toEqual({});
    await bob.notification('handsChanged');
    expect(bob.notifications('peerReconnecting')).toEqual([]);
    expect(bob.notifications('peerLeft')).toEqual([]);
  });

  it('keeps the peer when the client closes its socket with the resuming code', async () => {
    const s = await start(10_000);
    const { alice, bob, sessionToken } = await call(s, 'abandon');
    alice.close(CloseCode.Resuming);
    expect(await bob.notification('peerReconnecting')).toEqual({ peerId: alice.peerId });
    const again = await connect(s);
    expect((await again.call('resume', { roomId: 'abandon', sessionToken })).peerId).toBe(alice.peerId);
  });

  it('lets the peer go after the grace period; then resuming is NOT_FOUND and the token joins as the same peer', async () => {
    const s = await start(300);
    const { alice, bob, sessionToken } = await call(s, 'grace');
    const room = s.rooms.get('grace' as RoomId)!;
    alice.terminate();
    expect(await bob.notification('peerReconnecting')).toEqual({ peerId: alice.peerId });
    expect(await bob.notification('peerLeft')).toEqual({ peerId: alice.peerId });
    await waitFor(() => room.snapshot().peers.length === 1, 'the room to hold only Bob');

    const again = await connect(s);
    expect(await refusal(again.call('resume', { roomId: 'grace', sessionToken }))).toBe('NOT_FOUND');
    // The full-rejoin tier: a new peer with the same identity, announced as joining.
    const rejoined = await again.joinRoom('grace', 'Alice', sessionToken);
    expect(rejoined.peerId).toBe(alice.peerId);
    expect(await bob.notification('peerJoined', (d) => d.peer.peerId === alice.peerId)).toBeDefined();
  });

  it('refuses a forged token, a token for another room and a second resume on a joined connection', async () => {
    const s = await start(10_000);
    const { sessionToken } = await call(s, 'guarded');
    const intruder = await connect(s);
    const forged = `${sessionToken.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
    expect(await refusal(intruder.call('resume', { roomId: 'guarded', sessionToken: forged }))).toBe('UNAUTHORIZED');
    expect(await refusal(intruder.call('resume', { roomId: 'elsewhere', sessionToken }))).toBe('UNAUTHORIZED');
    expect(await refusal(intruder.call('resume', { roomId: 'guarded', sessionToken: 'not a token' }))).toBe('BAD_REQUEST');
    // A resume never creates a room.
    expect(s.rooms.get('elsewhere' as RoomId)).toBeUndefined();

    const holder = await connect(s);
    await holder.call('resume', { roomId: 'guarded', sessionToken });
    expect(await refusal(holder.call('resume', { roomId: 'guarded', sessionToken }))).toBe('ALREADY_JOINED');
    expect(s.errors).toEqual([]);
  });

  it('releases at once a peer whose client closed its socket on purpose', async () => {
    const s = await start(10_000);
    const { alice, bob } = await call(s, 'goodbye');
    alice.close(1001);
    expect(await bob.notification('peerLeft')).toEqual({ peerId: alice.peerId });
    expect(bob.notifications('peerReconnecting')).toEqual([]);
  });
});
