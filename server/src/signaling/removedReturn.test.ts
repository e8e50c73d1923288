/**
 * A removed participant coming back, over real signaling with the cookie a browser would keep:
 * refused by the same browser whatever it brings (a new socket, a token of another tab, the invite
 * code), the hosts told once a minute per browser (admission/removedReturn.test.ts has the clock); what it cannot recognise (another browser, no cookie) is shown
 * too, so nobody mistakes it for more than it is.
 */
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RoomId } from '../../../src-common/ids';
import { CLIENT_COOKIE } from '../admission/clientId';
import { refusalReason } from '../testing/refusal';
import { TestClient } from '../testing/TestClient';
import { startTestServer, type TestServer } from '../testing/testServer';

let open: TestServer;
let hosted: TestServer;
let clients: TestClient[] = [];
let rooms = 0;

beforeAll(async () => {
  [open, hosted] = await Promise.all([startTestServer(), startTestServer({ mode: 'hosted' })]);
});

afterEach(() => {
  for (const client of clients) client.close();
  clients = [];
  expect(open.errors).toEqual([]);
  expect(hosted.errors).toEqual([]);
});

afterAll(async () => {
  await Promise.all([open?.close(), hosted?.close()]);
});

/** Opens a socket as a browser's first visit does and answers the Set-Cookie header it got. */
async function firstVisit(server: TestServer): Promise<string | undefined> {
  const socket = new WebSocket(server.wsUrl);
  const setCookie = await new Promise<string[] | undefined>((resolve, reject) => {
    socket.once('upgrade', (response) => resolve(response.headers['set-cookie']));
    socket.once('error', reject);
  });
  socket.close();
  return setCookie?.[0];
}

/** A browser: the cookie the server set on its first socket, sent on every later one. */
async function browser(server: TestServer): Promise<{ connect: () => Promise<TestClient> }> {
  const setCookie = await firstVisit(server);
  const cookie = setCookie!.split(';')[0]!;
  return {
    connect: async () => {
      const client = await TestClient.connect(server.wsUrl, { headers: { cookie } });
      clients.push(client);
      return client;
    },
  };
}

async function connect(server: TestServer): Promise<TestClient> {
  const client = await TestClient.connect(server.wsUrl);
  clients.push(client);
  return client;
}

describe('the browser of a removed participant', () => {
  it('gets an HttpOnly client cookie on its first socket, and none again while it sends a valid one', async () => {
    const setCookie = await firstVisit(open);
    expect(setCookie).toMatch(new RegExp(`^${CLIENT_COOKIE}=[A-Za-z0-9_-]{22}; Path=/; Max-Age=\\d+; HttpOnly; SameSite=Lax$`));
    const kept = new WebSocket(open.wsUrl, { headers: { cookie: setCookie!.split(';')[0]! } });
    const again = await new Promise<string[] | undefined>((resolve) => kept.once('upgrade', (r) => resolve(r.headers['set-cookie'])));
    kept.close();
    expect(again).toBeUndefined();
    // A value this server could not have issued is ignored and replaced.
    const forged = new WebSocket(open.wsUrl, { headers: { cookie: `${CLIENT_COOKIE}=../../etc` } });
    const replaced = await new Promise<string[] | undefined>((resolve) => forged.once('upgrade', (r) => resolve(r.headers['set-cookie'])));
    forged.close();
    expect(replaced?.[0]).toMatch(new RegExp(`^${CLIENT_COOKIE}=[A-Za-z0-9_-]{22};`));
  });

  it('is refused on a new socket, with a fresh join or another tab\'s token, and the hosts are told once a minute', async () => {
    const room = `removed-${++rooms}`;
    const host = await connect(open);
    await host.joinRoom(room, 'Hana');
    const cais = await browser(open);
    const cai = await cais.connect();
    await cai.joinRoom(room, 'Cai');
    // A second tab of the same browser, joined before the removal: its token is not revoked.
    const tab = await cais.connect();
    const tabToken = (await tab.joinRoom(room, 'Cai (tab)')).sessionToken;
    tab.close();

    await host.call('removeParticipant', { peerId: cai.peerId! });
    await cai.closedWithin();

    const back = await cais.connect();
    expect(await refusalReason(back.joinRoom(room, 'Cai again'))).toBe('UNAUTHORIZED/removed');
    expect(await host.notification('removedPeerReturned')).toEqual({ displayName: 'Cai again', removedAs: 'Cai' });
    const withToken = await cais.connect();
    expect(await refusalReason(withToken.joinRoom(room, 'Cai', tabToken))).toBe('UNAUTHORIZED/removed');
    // Refused again, told once: anything sent to the host before her own request's answer has arrived by then.
    await host.call('getMeetingState', {});
    expect(host.notifications('removedPeerReturned')).toEqual([{ displayName: 'Cai again', removedAs: 'Cai' }]);
    expect(open.rooms.get(room as RoomId)?.snapshot().peers.map((p) => p.displayName)).toEqual(['Hana']);

    // What it cannot stop, stated: another browser (or cleared cookies) and a client without cookies.
    const elsewhere = await (await browser(open)).connect();
    expect((await elsewhere.joinRoom(room, 'Cai on a phone')).peerId).toBeTruthy();
    expect((await (await connect(open)).joinRoom(room, 'Cai by script')).peerId).toBeTruthy();
  });

  it('is refused at the invite code of a hosted meeting, in every admission, while the owner on that browser still hosts', async () => {
    const meeting = await hosted.meetings.host({ name: 'Hana\'s meeting', hostName: 'Hana', admission: { mode: 'open' } });
    const host = await (await browser(hosted)).connect();
    await host.joinRoom(meeting.roomId, 'Hana', meeting.hostToken);
    const cais = await browser(hosted);
    const cai = await cais.connect();
    const entered = await cai.call('enterMeeting', { code: meeting.code, displayName: 'Cai' });
    if (entered.status !== 'admitted') throw new Error('an open meeting admits at once');
    await cai.joinRoom(meeting.roomId, 'Cai', entered.sessionToken);
    await host.call('removeParticipant', { peerId: cai.peerId! });
    await cai.closedWithin();

    for (const admission of [{ mode: 'open' }, { mode: 'lobby' }, { mode: 'passcode', passcode: 'open sesame' }] as const) {
      await host.call('setAdmission', admission);
      const back = await cais.connect();
      const passcode = admission.mode === 'passcode' ? { passcode: admission.passcode } : {};
      expect(await refusalReason(back.call('enterMeeting', { code: meeting.code, displayName: 'Cai', ...passcode })), admission.mode).toBe('UNAUTHORIZED/removed');
      expect(hosted.meetings.get(meeting.roomId)?.lobby.list()).toEqual([]);
    }
    // Three refusals within the minute, one notice.
    await host.call('getLobby', {});
    expect(host.notifications('removedPeerReturned')).toEqual([{ displayName: 'Cai', removedAs: 'Cai' }]);

    // The owner's browser had a removed guest in another tab: the owner still comes back as host.
    const ownerTab = await cais.connect();
    host.close();
    await host.closedWithin();
    expect((await ownerTab.joinRoom(meeting.roomId, 'Hana', meeting.hostToken)).role).toBe('host');
  });
});
