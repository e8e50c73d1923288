/**
 * Entering hosted meetings over real signaling: knocking, the host's admit and deny, open rooms
 * and passcodes, identical answers for unknown codes and wrong passcodes, the limit on wrong
 * codes per address, and looking a meeting's name up by its code.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseMessage } from '../../../src-common/protocol';
import type { HostedMeetingInfo } from '../admission/HostedMeetings';
import { defaultGuardLimits } from '../guards/limits';
import { refusalReason } from '../testing/refusal';
import { RequestError, TestClient } from '../testing/TestClient';
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

async function connect(target: TestServer = server): Promise<TestClient> {
  const client = await TestClient.connect(target.wsUrl);
  clients.push(client);
  return client;
}

/** A hosted meeting with its host joined. */
async function hosted(admission?: Parameters<TestServer['meetings']['host']>[0]['admission']): Promise<{ meeting: HostedMeetingInfo; host: TestClient }> {
  const meeting = await server.meetings.host({ name: 'Design review', hostName: 'Hana', ...(admission ? { admission } : {}) });
  const host = await connect();
  const joined = await host.joinRoom(meeting.roomId, 'Hana', meeting.hostToken);
  expect(joined.role).toBe('host');
  return { meeting, host };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    return error instanceof RequestError ? error.code : String(error);
  }
}

describe('the lobby of a hosted meeting', () => {
  it('keeps the meeting\'s human name: cleaned, bounded, and told to everyone in it; a bad one is refused clearly', async () => {
    const { meeting, host } = await hosted({ mode: 'open' });
    expect(meeting.name).toBe('Design review');
    expect((await host.call('getMeetingState', {})).meetingName).toBe('Design review');
    const cleaned = await server.meetings.host({ name: '  Hana\u200b\u2066s   standup ', hostName: 'Hana' });
    expect(cleaned.name).toBe('Hanas standup');
    for (const name of ['', '\u202e', 'x'.repeat(65)]) {
      await expect(server.meetings.host({ name, hostName: 'Hana' }), JSON.stringify(name)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('lets nobody new in while the meeting is locked, whatever its admission, and ends whole when the host ends it', async () => {
    const { meeting, host } = await hosted({ mode: 'open' });
    await host.call('lockRoom', { locked: true });
    const late = await connect();
    expect(await refusal(late.call('enterMeeting', { code: meeting.code, displayName: 'Lola' }))).toBe('FORBIDDEN');
    expect(await refusalReason(late.call('enterMeeting', { code: meeting.code, displayName: 'Lola' }))).toBe('FORBIDDEN/locked');
    await host.call('lockRoom', { locked: false });
    expect(await late.call('enterMeeting', { code: meeting.code, displayName: 'Lola' })).toMatchObject({ status: 'admitted' });

    // End for all ends the hosted meeting: its code stops working like one that never existed.
    await host.call('endMeeting', {});
    expect((await host.closedWithin()).code).toBe(4002);
    await waitFor(() => !server.meetings.isHosted(meeting.roomId) || undefined, 'the hosted meeting to end');
    const after = await connect();
    expect(await refusal(after.call('enterMeeting', { code: meeting.code, displayName: 'Nina' }))).toBe('NOT_FOUND');
  });

  it('keeps a knocking guest waiting, shows their name to the host, and lets them in when admitted', async () => {
    const { meeting, host } = await hosted();
    const guest = await connect();
    const entered = await guest.call('enterMeeting', { code: meeting.code.toLowerCase().replace('-', ' '), displayName: 'Gus' });
    expect(entered).toEqual({ status: 'waiting', meetingName: 'Design review' });

    const { knocks } = await host.notification('lobbyChanged', (d) => d.knocks.length === 1);
    expect(knocks[0]!.displayName).toBe('Gus');
    expect((await host.call('getLobby', {})).knocks.map((k) => k.displayName)).toEqual(['Gus']);
    await host.call('admitKnock', { knockId: knocks[0]!.knockId });

    const decision = await guest.notification('admissionDecided');
    if (!decision.admitted) throw new Error('expected an admission');
    expect(decision.roomId).toBe(meeting.roomId);
    const joined = await guest.joinRoom(decision.roomId, 'Gus', decision.sessionToken);
    expect(joined.role).toBe('participant');
    expect(joined.peers.map((p) => p.displayName)).toEqual(['Hana']);
    await host.notification('lobbyChanged', (d) => d.knocks.length === 0);
  });

  it('turns a denied guest away with a reason and closes their connection', async () => {
    const { meeting, host } = await hosted();
    const guest = await connect();
    await guest.call('enterMeeting', { code: meeting.code, displayName: 'Mallory' });
    const { knocks } = await host.notification('lobbyChanged', (d) => d.knocks.length === 1);
    await host.call('denyKnock', { knockId: knocks[0]!.knockId });
    expect(await guest.notification('admissionDecided')).toEqual({ admitted: false, reason: 'the host did not let you in' });
    expect((await guest.closedWithin()).code).toBe(4004);
    // The same knock cannot be decided twice.
    expect(await refusal(host.call('admitKnock', { knockId: knocks[0]!.knockId }))).toBe('NOT_FOUND');
  });

  it('drops a knock from the host\'s list when the guest goes away while waiting', async () => {
    const { meeting, host } = await hosted();
    const guest = await connect();
    await guest.call('enterMeeting', { code: meeting.code, displayName: 'Quitter' });
    await host.notification('lobbyChanged', (d) => d.knocks.length === 1);
    guest.close();
    await waitFor(async () => (await host.call('getLobby', {})).knocks.length === 0, 'the knock to be withdrawn');
  });

  it('lets at most 3 people from one address wait at once, so nobody can flood the host\'s list', async () => {
    const { meeting, host } = await hosted();
    const knockers = await Promise.all([1, 2, 3, 4].map(() => connect()));
    for (const [i, knocker] of knockers.slice(0, 3).entries()) await knocker.call('enterMeeting', { code: meeting.code, displayName: `K${i}` });
    expect(await refusal(knockers[3]!.call('enterMeeting', { code: meeting.code, displayName: 'K3' }))).toBe('RATE_LIMITED');
    expect(await refusalReason(knockers[3]!.call('enterMeeting', { code: meeting.code, displayName: 'K3' }))).toBe('RATE_LIMITED/tooManyWaiting');
    const { knocks } = await host.notification('lobbyChanged', (d) => d.knocks.length === 3);
    await host.call('denyKnock', { knockId: knocks[0]!.knockId });
    expect((await knockers[3]!.call('enterMeeting', { code: meeting.code, displayName: 'K3' })).status).toBe('waiting');
  });

  it('turns waiting guests away and tells everyone inside when the hosted meeting ends', async () => {
    const { meeting, host } = await hosted();
    const guest = await connect();
    await guest.call('enterMeeting', { code: meeting.code, displayName: 'Late' });
    await host.notification('lobbyChanged', (d) => d.knocks.length === 1);
    server.meetings.end(meeting.roomId);
    expect(await guest.notification('admissionDecided')).toEqual({ admitted: false, reason: 'the meeting has ended' });
    expect((await guest.closedWithin()).code).toBe(4004);
    expect((await host.closedWithin()).code).toBe(4002);
    const again = await connect();
    expect(await refusal(again.call('enterMeeting', { code: meeting.code, displayName: 'Later' }))).toBe('NOT_FOUND');
  });

  it('lets only the host and co-hosts decide', async () => {
    const { meeting } = await hosted({ mode: 'open' });
    const guest = await connect();
    const entered = await guest.call('enterMeeting', { code: meeting.code, displayName: 'Pat' });
    if (entered.status !== 'admitted') throw new Error('an open meeting admits at once');
    await guest.joinRoom(entered.roomId, 'Pat', entered.sessionToken);
    for (const attempt of [
      guest.call('getLobby', {}),
      guest.call('setAdmission', { mode: 'open' }),
      guest.call('admitKnock', { knockId: 'x' }),
      guest.call('denyKnock', { knockId: 'x' }),
    ]) {
      expect(await refusal(attempt)).toBe('FORBIDDEN');
    }
  });
});

describe('looking up a meeting by its code (a guest\'s pre-join)', () => {
  const perMinute = defaultGuardLimits.meetingLookupsPerAddressPerMinute;

  it('names a meeting without a passcode, answers an unknown code and a passcode meeting alike, and refuses a malformed code clearly', async () => {
    const lobby = await server.meetings.host({ name: 'Design review', hostName: 'Hana' });
    const open = await server.meetings.host({ name: 'Standup', hostName: 'Hana', admission: { mode: 'open' } });
    const guarded = await server.meetings.host({ name: 'Board meeting', hostName: 'Hana', admission: { mode: 'passcode', passcode: 'open sesame' } });
    const taken = new Set<string>([lobby.code, open.code, guarded.code]);
    const unknown = ['222-222', '333-333', '444-444', '555-555'].find((code) => !taken.has(code))!;
    // Allowed before joining, on a connection that has done nothing else.
    const guest = await connect();
    expect(await guest.call('lookupMeeting', { code: lobby.code })).toEqual({ meetingName: 'Design review' });
    // Typed as people type it: lowercase, a space.
    expect(await guest.call('lookupMeeting', { code: open.code.toLowerCase().replace('-', ' ') })).toEqual({ meetingName: 'Standup' });
    const ofUnknown = await guest.call('lookupMeeting', { code: unknown });
    expect(ofUnknown).toEqual({ meetingName: null });
    expect(await guest.call('lookupMeeting', { code: guarded.code }), 'a passcode meeting looks exactly like no meeting').toEqual(ofUnknown);
    expect(await refusalReason(guest.call('lookupMeeting', { code: 'not a code' }))).toBe('BAD_REQUEST/-');
  });

  it(`refuses an address more than ${perMinute} lookups within the minute, whatever the code, on any socket, and counts it`, async () => {
    const meeting = await server.meetings.host({ name: 'Design review', hostName: 'Hana' });
    const guesser = await connect();
    // The test above spent part of this address's budget: spend the rest, then one more.
    const answers: string[] = [];
    while (answers.at(-1) !== 'RATE_LIMITED/tooFast' && answers.length <= 2 * perMinute) answers.push(await refusalReason(guesser.call('lookupMeeting', { code: meeting.code })));
    expect(answers.at(-1)).toBe('RATE_LIMITED/tooFast');
    expect(answers.slice(0, -1).every((answer) => answer === 'ok')).toBe(true);
    expect(answers.length - 1, 'lookups answered before the refusal').toBeLessThanOrEqual(perMinute);
    const refusedBefore = server.metrics.get('meetingLookupsRefused');
    expect(await refusalReason((await connect()).call('lookupMeeting', { code: meeting.code }))).toBe('RATE_LIMITED/tooFast');
    expect(server.metrics.get('meetingLookupsRefused')).toBe(refusedBefore + 1);
  });
});

describe('the way into a hosted meeting', () => {
  it('admits at once when the host opens the room, and with the right passcode when one is set', async () => {
    const { meeting, host } = await hosted();
    await host.call('setAdmission', { mode: 'open' });
    const first = await connect();
    expect((await first.call('enterMeeting', { code: meeting.code, displayName: 'Ann' })).status).toBe('admitted');

    await host.call('setAdmission', { mode: 'passcode', passcode: 'tulip-42' });
    expect((await host.call('getLobby', {})).admission).toEqual({ mode: 'passcode', passcode: 'tulip-42' });
    const second = await connect();
    const entered = await second.call('enterMeeting', { code: meeting.code, displayName: 'Ben', passcode: 'tulip-42' });
    if (entered.status !== 'admitted') throw new Error('the right passcode admits');
    expect((await second.joinRoom(entered.roomId, 'Ben', entered.sessionToken)).role).toBe('participant');
  });

  it('gives a wrong passcode and a code that does not exist exactly the same answer', async () => {
    const { meeting } = await hosted({ mode: 'passcode', passcode: 'secret-1' });
    const unknownCode = meeting.code === '222-222' ? '333-333' : '222-222';
    const client = await connect();
    const wrongPasscode = await client.request('enterMeeting', { code: meeting.code, displayName: 'Eve', passcode: 'secret-2' });
    const noSuchCode = await client.request('enterMeeting', { code: unknownCode, displayName: 'Eve', passcode: 'secret-1' });
    const body = (r: ResponseMessage): unknown => (r.ok ? r : r.error);
    expect(body(wrongPasscode)).toEqual(body(noSuchCode));
    expect(body(noSuchCode)).toMatchObject({ code: 'NOT_FOUND' });
    expect(body(noSuchCode)).toMatchObject({ reason: 'badCodeOrPasscode' });
  });

  it('refuses a hosted room to anyone without a token this server issued, and knows no other rooms', async () => {
    const { meeting } = await hosted();
    const client = await connect();
    expect(await refusal(client.joinRoom(meeting.roomId, 'Sneaky'))).toBe('UNAUTHORIZED');
    expect(await refusalReason((await connect()).joinRoom(meeting.roomId, 'Sneaky'))).toBe('UNAUTHORIZED/inviteRequired');
    const other = await connect();
    expect(await refusal(other.joinRoom('made-up-room', 'Sneaky'))).toBe('NOT_FOUND');
    expect(server.rooms.get('made-up-room' as never)).toBeUndefined();
  });

  it('refuses the 11th wrong code from one address within a minute, even a right one', async () => {
    const own = await startTestServer({ mode: 'hosted' });
    try {
      const meeting = await own.meetings.host({ name: 'Limits', hostName: 'H', admission: { mode: 'open' } });
      const wrong = meeting.code === '222-222' ? '333-333' : '222-222';
      const client = await connect(own);
      const codes: string[] = [];
      for (let i = 0; i < 10; i++) codes.push(await refusal(client.call('enterMeeting', { code: wrong, displayName: 'Guesser' })));
      expect(codes).toEqual(Array(10).fill('NOT_FOUND'));
      expect(await refusal(client.call('enterMeeting', { code: wrong, displayName: 'Guesser' }))).toBe('RATE_LIMITED');
      // A new connection from the same address is the same guesser.
      const again = await connect(own);
      expect(await refusal(again.call('enterMeeting', { code: meeting.code, displayName: 'Guesser' }))).toBe('RATE_LIMITED');
      expect(await refusalReason(again.call('enterMeeting', { code: meeting.code, displayName: 'Guesser' }))).toBe('RATE_LIMITED/tooManyWrongCodes');
      expect(own.errors).toEqual([]);
    } finally {
      await own.close();
    }
  });

  it('answers malformed codes with BAD_REQUEST without counting them as guesses', async () => {
    const client = await connect();
    for (const code of ['', 'ABC', '0O1-IL0', 'x'.repeat(40)]) {
      expect(await refusal(client.call('enterMeeting', { code, displayName: 'Typo' }))).toBe('BAD_REQUEST');
    }
  });
});
