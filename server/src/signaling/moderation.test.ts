/**
 * Moderation over real signaling: every action works for the host and a co-host and is FORBIDDEN
 * for a participant; removal revokes the token; the room always keeps a host.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PeerId, RoomId } from '../../../src-common/ids';
import type { Method, RequestInput } from '../../../src-common/protocol';
import { refusalReason } from '../testing/refusal';
import { RequestError, TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let server: TestServer;
let clients: TestClient[] = [];
let rooms = 0;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
  expect(server.errors).toEqual([]);
});

afterAll(async () => {
  await server?.close();
});

async function join(room: string, name: string, token?: string): Promise<TestClient & { token: string }> {
  const client = await TestClient.connect(server.wsUrl);
  clients.push(client);
  const joined = await client.joinRoom(room, name, token);
  return Object.assign(client, { token: joined.sessionToken });
}

async function code(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof RequestError ? error.code : String(error);
  }
}

/** A room with a host, a co-host, and two participants, the first with a mic and a camera. */
async function meeting(): Promise<{ room: string; host: TestClient; cohost: TestClient; alice: TestClient & { token: string }; bob: TestClient }> {
  const room = `moderation-${++rooms}`;
  const host = await join(room, 'Host');
  const cohost = await join(room, 'Co');
  const alice = await join(room, 'Alice');
  const bob = await join(room, 'Bob');
  await host.call('setRole', { peerId: cohost.peerId!, role: 'cohost' });
  const send = await alice.createTransport('send');
  await alice.produce(send.transportId, 'microphone');
  await alice.produce(send.transportId, 'camera');
  return { room, host, cohost, alice, bob };
}

type Action = { [M in Method]: { method: M; data: (target: PeerId) => RequestInput<M> } }[Method];

const actions: Action[] = [
  { method: 'muteParticipant', data: (peerId) => ({ peerId }) },
  { method: 'muteEveryone', data: () => ({}) },
  { method: 'stopMedia', data: (peerId) => ({ peerId, source: 'camera' }) },
  { method: 'lockRoom', data: () => ({ locked: true }) },
  { method: 'setRole', data: (peerId) => ({ peerId, role: 'cohost' }) },
  { method: 'lowerHand', data: (peerId) => ({ peerId }) },
  { method: 'lowerAllHands', data: () => ({}) },
  { method: 'removeParticipant', data: (peerId) => ({ peerId }) },
];

describe('moderation', () => {
  for (const action of actions) {
    it(`lets the host and a co-host ${action.method} and refuses a participant with FORBIDDEN`, async () => {
      const { host, cohost, alice, bob } = await meeting();
      const call = (client: TestClient): Promise<unknown> => client.call(action.method, action.data(alice.peerId!) as never);
      expect(await code(call(bob))).toBe('FORBIDDEN');
      expect(await refusalReason(call(bob))).toBe('FORBIDDEN/notAllowed');
      expect(await code(call(cohost))).toBe('ok');
      if (action.method === 'removeParticipant') return;
      expect(await code(call(host))).toBe('ok');
    });
  }

  it('refuses ending the meeting to a co-host and a participant, and ends it for everyone for the host', async () => {
    const { room, host, cohost, bob } = await meeting();
    expect(await code(bob.call('endMeeting', {}))).toBe('FORBIDDEN');
    expect(await code(cohost.call('endMeeting', {}))).toBe('FORBIDDEN');
    expect(await code(host.call('endMeeting', {}))).toBe('ok');
    expect(await bob.notification('meetingEnded')).toEqual({ by: host.peerId });
    expect((await bob.closedWithin()).code).toBe(4002);
    await waitFor(() => !server.rooms.get(room as RoomId), 'the room is gone');
  });

  it('refuses the tokens of an ended meeting with MEETING_ENDED, so someone who was away cannot restart it', async () => {
    const { room, host, bob } = await meeting();
    const bobToken = (bob as TestClient & { token: string }).token;
    await host.call('endMeeting', {});
    await bob.closedWithin();
    // Bob's client was resuming when it ended: its token answers that the meeting ended...
    const back = await TestClient.connect(server.wsUrl);
    clients.push(back);
    expect(await code(back.joinRoom(room, 'Bob', bobToken))).toBe('MEETING_ENDED');
    expect(await code(back.call('resume', { roomId: room as RoomId, sessionToken: bobToken }))).toBe('MEETING_ENDED');
    expect(await refusalReason(back.call('resume', { roomId: room as RoomId, sessionToken: bobToken }))).toBe('MEETING_ENDED/ended');
    // ...while a new meeting under the same name starts afresh, and its tokens work.
    const fresh = await join(room, 'Fay');
    expect(fresh.peerId).not.toBe(bob.peerId);
    fresh.close();
    await fresh.closedWithin();
    const again = await join(room, 'Fay', fresh.token);
    expect(again.peerId).toBe(fresh.peerId);
  });

  it('pauses a muted participant\'s mic, tells them and everyone, and lets only them unmute', async () => {
    const { host, alice, bob } = await meeting();
    await host.call('muteParticipant', { peerId: alice.peerId! });
    const muted = await alice.notification('producerMutedByModerator');
    expect(muted).toMatchObject({ source: 'microphone', by: host.peerId });
    await bob.notification('producerPaused', (n) => n.producerId === muted.producerId);
    expect(await code(bob.call('resumeProducer', { producerId: muted.producerId }))).toBe('NOT_FOUND');
    await alice.call('resumeProducer', { producerId: muted.producerId });
    await bob.notification('producerResumed', (n) => n.producerId === muted.producerId);
  });

  it('closes a participant\'s camera when a moderator stops it, telling the owner', async () => {
    const { cohost, alice, bob } = await meeting();
    await cohost.call('stopMedia', { peerId: alice.peerId!, source: 'camera' });
    const stopped = await alice.notification('producerClosedByModerator');
    expect(stopped).toMatchObject({ source: 'camera', by: cohost.peerId });
    await bob.notification('producerClosed', (n) => n.producerId === stopped.producerId);
  });

  it('closes a removed participant with the reason and refuses their token on reconnect', async () => {
    const { room, host, alice } = await meeting();
    await host.call('removeParticipant', { peerId: alice.peerId!, reason: 'Please rejoin later' });
    expect(await alice.notification('removedFromMeeting')).toEqual({ reason: 'Please rejoin later', by: host.peerId });
    expect(await alice.closedWithin()).toEqual({ code: 4001, reason: 'Please rejoin later' });
    const again = await TestClient.connect(server.wsUrl);
    clients.push(again);
    expect(await code(again.joinRoom(room, 'Alice', alice.token))).toBe('UNAUTHORIZED');
    // The reason, not the wording, is what keeps the client from joining afresh without the token.
    expect(await refusalReason(again.call('resume', { roomId: room as RoomId, sessionToken: alice.token }))).toBe('UNAUTHORIZED/removed');
    expect(server.rooms.get(room as RoomId)?.snapshot().peers.map((p) => p.displayName)).not.toContain('Alice');
  });

  it('refuses new joins to a locked room but lets a token holder return', async () => {
    const { room, host, bob } = await meeting();
    const bobToken = (bob as TestClient & { token: string }).token;
    await host.call('lockRoom', { locked: true });
    await bob.notification('roomLockChanged', (n) => n.locked);
    const stranger = await TestClient.connect(server.wsUrl);
    clients.push(stranger);
    expect(await code(stranger.joinRoom(room, 'Stranger'))).toBe('FORBIDDEN');
    expect(await refusalReason(stranger.joinRoom(room, 'Stranger'))).toBe('FORBIDDEN/locked');
    bob.close();
    const back = await join(room, 'Bob', bobToken);
    expect(back.peerId).toBe(bob.peerId);
    expect((await back.call('getMeetingState', {})).locked).toBe(true);
  });

  it('hands the host role to a co-host when the host leaves, else to the longest-present participant', async () => {
    const { host, cohost, alice, bob } = await meeting();
    host.close();
    await bob.notification('roleChanged', (n) => n.peerId === cohost.peerId && n.role === 'host');
    cohost.close();
    await bob.notification('roleChanged', (n) => n.peerId === alice.peerId && n.role === 'host');
  });

  it('does not let a co-host change the host\'s role or remove the host', async () => {
    const { host, cohost } = await meeting();
    expect(await code(cohost.call('setRole', { peerId: host.peerId!, role: 'participant' }))).toBe('FORBIDDEN');
    expect(await code(cohost.call('removeParticipant', { peerId: host.peerId! }))).toBe('FORBIDDEN');
    expect(await refusalReason(cohost.call('setRole', { peerId: host.peerId!, role: 'participant' }))).toBe('FORBIDDEN/hostProtected');
  });

  it('answers moderation of someone who is not in the meeting with NOT_FOUND', async () => {
    const { host } = await meeting();
    expect(await code(host.call('muteParticipant', { peerId: 'nobody' }))).toBe('NOT_FOUND');
  });
});
