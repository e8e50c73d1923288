/**
 * A meeting's chat and raised hands across the nodes of a cluster (two, then three `createServer`
 * nodes and a redis-server of this file's own): whichever node a participant reaches, they read
 * the same chat and see the same hands, a node that joins the meeting later learns both, and a
 * moderator's lowering reaches a hand raised on another node.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startClusterNode } from '../testing/clusterNode';
import { startTestRedis, type TestRedis } from '../testing/redisServer';
import { TestClient } from '../testing/TestClient';
import type { TestServer } from '../testing/testServer';
import { waitFor } from '../testing/waitFor';

let redis: TestRedis;
const servers: TestServer[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  redis = await startTestRedis();
});

afterAll(async () => {
  await redis.stop();
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  for (const server of servers.splice(0)) await server.close();
});

async function nodes(...ids: string[]): Promise<TestServer[]> {
  const prefix = `test:${randomUUID()}:`;
  for (const id of ids) servers.push(await startClusterNode(redis.url, id, prefix));
  return servers;
}

async function joined(server: TestServer, roomId: string, name: string): Promise<TestClient> {
  const client = await TestClient.joined(server.wsUrl, roomId, name);
  clients.push(client);
  return client;
}

describe('a meeting\'s chat and hands across nodes', () => {
  it('delivers chat both ways, privately too, and shows the same history and hands to a node that joins later', async () => {
    const [a, b, c] = await nodes('a', 'b', 'c');
    const alice = await joined(a!, 'talk', 'Alice');
    const bob = await joined(b!, 'talk', 'Bob');
    await alice.notification('peerJoined', (d) => d.peer.peerId === bob.peerId);

    await alice.call('sendChat', { text: 'hello from node A' });
    expect(await bob.notification('chatReceived', (d) => d.message.text === 'hello from node A')).toMatchObject({ message: { from: alice.peerId, fromName: 'Alice', to: null } });
    await bob.call('sendChat', { text: 'just for Alice', to: alice.peerId! });
    expect(await alice.notification('chatReceived', (d) => d.message.text === 'just for Alice')).toMatchObject({ message: { from: bob.peerId, to: alice.peerId } });

    await bob.call('raiseHand', {});
    expect(await alice.notification('handsChanged', (d) => d.hands.some((hand) => hand.peerId === bob.peerId))).toBeDefined();

    // Carol reaches a third node: its part of the meeting asks the others for their chat and hands.
    const carol = await joined(c!, 'talk', 'Carol');
    const state = await waitFor(async () => {
      const seen = await carol.call('getMeetingState', {});
      return seen.messages.length === 1 && seen.hands.length === 1 ? seen : undefined;
    }, 'Carol to see the chat and Bob\'s hand');
    // The private message stays between Alice and Bob.
    expect(state.messages.map((m) => m.text)).toEqual(['hello from node A']);
    expect(state.hands.map((hand) => hand.peerId)).toEqual([bob.peerId]);
    const bobsView = await bob.call('getMeetingState', {});
    expect(bobsView.messages.map((m) => m.text)).toEqual(['hello from node A', 'just for Alice']);

    // Alice is the host of her node: lowering Bob's hand reaches node B, which holds it.
    await alice.call('lowerHand', { peerId: bob.peerId! });
    expect(await bob.notification('handsChanged', (d) => d.hands.length === 0)).toBeDefined();
    expect(await carol.notification('handsChanged', (d) => d.hands.length === 0)).toBeDefined();
    for (const server of servers) expect(server.errors).toEqual([]);
  });
});
