/**
 * Chat, hands and reactions over real signaling: one order for every receiver, private messages
 * only to their two parties, late joiners catch up, and over-size or over-rate messages are refused.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_CHAT_LENGTH } from '../../../src-common/protocol';
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

async function join(room: string, name: string): Promise<TestClient> {
  const client = await TestClient.joined(server.wsUrl, room, name);
  clients.push(client);
  return client;
}

function texts(client: TestClient): string[] {
  return client.notifications('chatReceived').map((n) => n.message.text);
}

describe('chat', () => {
  it('delivers concurrent messages from several senders in the same order to every receiver', async () => {
    const room = `chat-${++rooms}`;
    const people = [await join(room, 'A'), await join(room, 'B'), await join(room, 'C')];
    await Promise.all(people.flatMap((p, i) => [0, 1, 2, 3].map((n) => p.call('sendChat', { text: `${i}-${n}` }))));
    await waitFor(() => people.every((p) => texts(p).length === 12), 'twelve messages everywhere');
    const [first, ...rest] = people.map(texts);
    for (const order of rest) expect(order).toEqual(first);
    const seqs = people[0]!.notifications('chatReceived').map((n) => n.message.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('delivers a private message only to its sender and target, and shows it only to them later', async () => {
    const room = `chat-${++rooms}`;
    const [a, b, c] = [await join(room, 'A'), await join(room, 'B'), await join(room, 'C')];
    await a.call('sendChat', { text: 'for B only', to: b.peerId! });
    await a.call('sendChat', { text: 'for all' });
    await waitFor(() => texts(c).includes('for all'), 'C got the public one');
    expect(texts(b)).toEqual(['for B only', 'for all']);
    expect(texts(c)).toEqual(['for all']);
    expect((await c.call('getMeetingState', {})).messages.map((m) => m.text)).toEqual(['for all']);
    expect((await c.call('getMeetingState', {})).meetingName).toBeUndefined();
    expect((await b.call('getMeetingState', {})).messages.map((m) => m.text)).toEqual(['for B only', 'for all']);
    const late = await join(room, 'Late');
    const { messages } = await late.call('getMeetingState', {});
    expect(messages.map((m) => [m.text, m.fromName])).toEqual([['for all', 'A']]);
    expect(messages[0]!.sentAt).toBeGreaterThan(0);
  });

  it('refuses an over-size message with BAD_REQUEST and an over-rate one with RATE_LIMITED', async () => {
    const room = `chat-${++rooms}`;
    const [a, b] = [await join(room, 'A'), await join(room, 'B')];
    const big = await a.request('sendChat', { text: 'x'.repeat(MAX_CHAT_LENGTH + 1) });
    expect(big).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => a.request('sendChat', { text: `m${i}` })));
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.reason)).toEqual(['tooFast', 'tooFast']);
    expect(await b.call('sendChat', { text: 'B is not limited' })).toMatchObject({ message: { text: 'B is not limited' } });
    const toNobody = await a.call('sendChat', { text: 'hi', to: 'nobody' }).catch((e: RequestError) => e.code);
    expect(toNobody).toBe('NOT_FOUND');
  });

  it('keeps raised hands in the order raised and lets a participant lower only their own', async () => {
    const room = `chat-${++rooms}`;
    const [host, a, b] = [await join(room, 'Host'), await join(room, 'A'), await join(room, 'B')];
    await b.call('raiseHand', {});
    await a.call('raiseHand', {});
    await b.call('raiseHand', {});
    expect((await host.call('getMeetingState', {})).hands.map((h) => h.peerId)).toEqual([b.peerId, a.peerId]);
    await a.call('lowerHand', {});
    await host.notification('handsChanged', (n) => n.hands.length === 1);
    await host.call('lowerAllHands', {});
    await host.notification('handsChanged', (n) => n.hands.length === 0);
  });

  it('announces an allowed reaction to everyone and refuses one outside the set', async () => {
    const room = `chat-${++rooms}`;
    const [a, b] = [await join(room, 'A'), await join(room, 'B')];
    await a.call('sendReaction', { reaction: '🎉' });
    expect(await b.notification('reactionSent')).toEqual({ peerId: a.peerId, reaction: '🎉' });
    expect(await a.requestUnchecked('sendReaction', { reaction: '<img>' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
