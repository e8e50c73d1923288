/**
 * One authority per meeting, attacked over real signaling: a guest who arrives before the owner of
 * a hosted meeting (or on a terminal host, where the owner never joins) cannot moderate; the owner
 * comes back as host after leaving; a demoted co-host's older token does not bring the role back.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PeerId } from '../../../src-common/ids';
import { CloseCode } from '../../../src-common/protocol';
import { OwnerConsole } from '../host/OwnerConsole';
import { refusal } from '../testing/refusal';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let server: TestServer;
let clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ mode: 'hosted' });
});

afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
  expect(server.errors).toEqual([]);
});

afterAll(async () => {
  await server?.close();
});

async function connect(): Promise<TestClient> {
  const client = await TestClient.connect(server.wsUrl);
  clients.push(client);
  return client;
}

/** A guest entering by code with open admission; returns the joined client. */
async function guest(code: string, name: string): Promise<TestClient & { joined: Awaited<ReturnType<TestClient['joinRoom']>> }> {
  const client = await connect();
  const entered = await client.call('enterMeeting', { code, displayName: name });
  if (entered.status !== 'admitted') throw new Error(`${name} was not admitted: ${entered.status}`);
  const joined = await client.joinRoom(entered.roomId, name, entered.sessionToken);
  return Object.assign(client, { joined });
}

describe('the authority of a hosted meeting', () => {
  it('gives no host rights to the first guest when the owner never joins (the terminal host)', async () => {
    const meeting = await server.meetings.host({ name: 'Terminal', hostName: 'Host', admission: { mode: 'open' } });
    const first = await guest(meeting.code, 'Mallory');
    const second = await guest(meeting.code, 'Gus');
    expect(first.joined.role).toBe('participant');
    expect(await refusal(first.call('getLobby', {}))).toBe('FORBIDDEN');
    expect(await refusal(first.call('removeParticipant', { peerId: second.joined.peerId }))).toBe('FORBIDDEN');
    expect(await refusal(first.call('setAdmission', { mode: 'lobby' }))).toBe('FORBIDDEN');
    expect(await refusal(first.call('endMeeting', {}))).toBe('FORBIDDEN');
    // Nobody is promoted when the first guest leaves either.
    first.close();
    await waitFor(() => server.rooms.get(meeting.roomId)?.peerCount === 1, 'the first guest gone');
    expect(await refusal(second.call('getLobby', {}))).toBe('FORBIDDEN');

    // The terminal moderates instead: it lists and removes, and the removed token stays refused.
    const owner = server.meetings.get(meeting.roomId)!.ownerId;
    const terminal = new OwnerConsole({ info: { roomId: meeting.roomId }, server } as unknown as ConstructorParameters<typeof OwnerConsole>[0], owner, () => undefined);
    expect(await terminal.run('who')).toBe('  1. Gus');
    expect(await terminal.run('remove 1')).toBe('Removed participant 1.');
    expect((await second.closedWithin()).code).toBe(CloseCode.Removed);
    expect(await refusal((await connect()).joinRoom(meeting.roomId, 'Gus', second.joined.sessionToken))).toBe('UNAUTHORIZED');
    server.meetings.end(meeting.roomId);
  });

  it('keeps the owner host when a guest joined first, and gives the role back when the owner returns', async () => {
    const meeting = await server.meetings.host({ name: 'Review', hostName: 'Hana', admission: { mode: 'open' } });
    const early = await guest(meeting.code, 'Early');
    expect(early.joined.role).toBe('participant');
    const owner = await connect();
    const hosting = await owner.joinRoom(meeting.roomId, 'Hana', meeting.hostToken);
    expect(hosting.role).toBe('host');
    // The owner leaves: the guest does not take over, and cannot remove the returning owner.
    owner.close();
    await waitFor(() => server.rooms.get(meeting.roomId)?.peerCount === 1, 'the owner gone');
    expect(await refusal(early.call('setAdmission', { mode: 'lobby' }))).toBe('FORBIDDEN');
    const back = await connect();
    const returned = await back.joinRoom(meeting.roomId, 'Hana', hosting.sessionToken);
    expect(returned.role).toBe('host');
    expect(await refusal(early.call('removeParticipant', { peerId: returned.peerId }))).toBe('FORBIDDEN');
    await back.call('endMeeting', {});
  });

  it('keeps a demotion: a co-host demoted after taking a fresh token rejoins as a participant', async () => {
    const meeting = await server.meetings.host({ name: 'Demotion', hostName: 'Hana', admission: { mode: 'open' } });
    const owner = await connect();
    await owner.joinRoom(meeting.roomId, 'Hana', meeting.hostToken);
    const co = await guest(meeting.code, 'Cody');
    await owner.call('setRole', { peerId: co.joined.peerId, role: 'cohost' });
    await co.notification('roleChanged', (data) => data.peerId === co.joined.peerId && data.role === 'cohost');
    // A fresh token while co-host (its claim says co-host)...
    const fresh = await co.call('ping', {}).then(async () => {
      const again = await connect();
      return again.joinRoom(meeting.roomId, 'Cody', co.joined.sessionToken);
    });
    expect(fresh.role).toBe('cohost');
    // ...then demoted, leaves, and comes back with it.
    await owner.call('setRole', { peerId: fresh.peerId, role: 'participant' });
    await waitFor(() => server.rooms.get(meeting.roomId)?.snapshot().peers.find((p) => p.peerId === fresh.peerId)?.role === 'participant', 'the demotion');
    for (const client of clients.slice(1)) client.close();
    await waitFor(() => server.rooms.get(meeting.roomId)?.peerCount === 1, 'the co-host gone');
    const rejoined = await (await connect()).joinRoom(meeting.roomId, 'Cody', fresh.sessionToken);
    expect(rejoined.peerId).toBe(fresh.peerId as PeerId);
    expect(rejoined.role).toBe('participant');
    await owner.call('endMeeting', {});
  });
});
