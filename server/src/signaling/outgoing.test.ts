/**
 * What the server really sends passes the protocol's schemas, so a client that checks every frame
 * (src-renderer's SignalingClient) drops none of them. TestClient checks every frame of every
 * server test the same way; this file walks one meeting through most kinds on purpose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationMethod } from '../../../src-common/protocol';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const client of clients) client.close();
  await server.close();
});

async function join(room: string, name: string, token?: string): Promise<TestClient & { token: string }> {
  const client = await TestClient.connect(server.wsUrl);
  clients.push(client);
  const joined = await client.joinRoom(room, name, token);
  return Object.assign(client, { token: joined.sessionToken });
}

describe('the frames the server sends', () => {
  it('all pass the schemas a client checks them with, through a whole meeting', async () => {
    const room = 'outgoing-1';
    const host = await join(room, 'Hana');
    const guest = await join(room, 'Gus');
    const hostSend = await host.createTransport('send');
    await host.createTransport('recv');
    const guestSend = await guest.createTransport('send');
    await guest.createTransport('recv');
    const camera = await host.produce(hostSend.transportId, 'camera');
    const mic = await host.produce(hostSend.transportId, 'microphone');
    const guestMic = await guest.produce(guestSend.transportId, 'microphone');
    const { consumerId } = await guest.call('consume', { producerId: camera });
    await guest.call('consume', { producerId: mic });
    await guest.call('setConsumerView', { consumerId, visible: true, width: 320, height: 180 });
    await guest.call('resumeConsumer', { consumerId });
    await host.call('pauseProducer', { producerId: mic });
    await host.call('resumeProducer', { producerId: mic });

    await guest.call('sendChat', { text: 'hello' });
    await guest.call('raiseHand', {});
    await guest.call('sendReaction', { reaction: '👍' });
    await host.call('getMeetingState', {});
    await host.call('muteParticipant', { peerId: guest.peerId! });
    await host.call('setRole', { peerId: guest.peerId!, role: 'cohost' });
    await host.call('lockRoom', { locked: true });
    await host.call('lockRoom', { locked: false });
    await host.call('ping', {});
    await guest.notification('producerMutedByModerator', (n) => n.producerId === guestMic);

    // A dropped connection and a resume, seen by the other side.
    guest.terminate();
    await host.notification('peerReconnecting');
    const back = await TestClient.connect(server.wsUrl);
    clients.push(back);
    await back.call('resume', { roomId: room, sessionToken: guest.token });
    await host.notification('peerReconnected');

    await host.call('closeProducer', { producerId: camera });
    await back.notification('producerClosed', (n) => n.producerId === camera);
    await back.notification('consumerClosed', (n) => n.consumerId === consumerId);
    await back.call('leave', {});
    await host.notification('peerLeft');

    const kinds = new Set([host, guest, back].flatMap((c) => c.received.flatMap((m) => (m.type === 'notification' ? [m.method] : []))));
    const expected: NotificationMethod[] = [
      'peerJoined', 'producerAdded', 'producerPaused', 'producerResumed', 'producerClosed', 'consumerClosed', 'chatReceived',
      'handsChanged', 'reactionSent', 'producerMutedByModerator', 'roleChanged', 'roomLockChanged', 'peerReconnecting',
      'peerReconnected', 'peerLeft',
    ];
    expect([...kinds].filter((kind) => expected.includes(kind)).sort()).toEqual([...expected].sort());
    for (const client of [host, guest, back]) expect([...client.protocolProblems.values()]).toEqual([]);
    expect(server.errors).toEqual([]);
  });

  it('sends refusals with an error body a client can read', async () => {
    const stranger = await TestClient.connect(server.wsUrl);
    clients.push(stranger);
    const refused = await stranger.request('createWebRtcTransport', { direction: 'send' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_JOINED' } });
    const garbage = await stranger.sendFrame('{"type":', null);
    expect(garbage).toMatchObject({ ok: false, error: { code: 'BAD_JSON' } });
    expect([...stranger.protocolProblems.values()]).toEqual([]);
  });
});
