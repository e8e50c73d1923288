import { describe, expect, it } from 'vitest';
import { place, type PlacementInput, type WorkerLoad } from './placement';

const budget = { consumers: 240, cpu: 0.7 };

function worker(workerId: string, consumers = 0, cpu = 0, nodeId = workerId.split('/')[0]!): WorkerLoad {
  return { workerId, nodeId, consumers, cpu };
}

function input(overrides: Partial<PlacementInput>): PlacementInput {
  return { localNodeId: 'a', workers: [], roomRouters: [], roomPeers: 0, tracksPerPeer: 2, budget, ...overrides };
}

describe('placement', () => {
  it.each<[string, Partial<PlacementInput>, ReturnType<typeof place>]>([
    [
      'puts a new room on the least loaded local worker',
      { workers: [worker('a/0', 50), worker('a/1', 10), worker('b/0', 0)] },
      { kind: 'worker', workerId: 'a/1', nodeId: 'a' },
    ],
    [
      'keeps a newcomer on the room\'s router while its worker is under budget, even when another worker is idle',
      { workers: [worker('a/0', 100), worker('a/1', 0)], roomRouters: [{ routerId: 'r0', workerId: 'a/0', peers: 10 }], roomPeers: 10 },
      { kind: 'router', routerId: 'r0', workerId: 'a/0' },
    ],
    [
      'picks the room\'s least loaded router when it has several under budget',
      {
        workers: [worker('a/0', 150), worker('a/1', 40)],
        roomRouters: [{ routerId: 'r0', workerId: 'a/0', peers: 5 }, { routerId: 'r1', workerId: 'a/1', peers: 5 }],
        roomPeers: 10,
      },
      { kind: 'router', routerId: 'r1', workerId: 'a/1' },
    ],
    [
      'spreads to another local worker once the newcomer would push the room\'s worker over the consumer budget',
      // 200 now + 10 peers there consuming the newcomer (20) + the newcomer consuming 15 peers (30) = 250 > 240.
      { workers: [worker('a/0', 200), worker('a/1', 100), worker('b/0', 0)], roomRouters: [{ routerId: 'r0', workerId: 'a/0', peers: 10 }], roomPeers: 15 },
      { kind: 'worker', workerId: 'a/1', nodeId: 'a' },
    ],
    [
      'spreads when the room\'s worker is over the CPU budget, whatever its consumer count',
      { workers: [worker('a/0', 10, 0.9), worker('a/1', 100, 0.2)], roomRouters: [{ routerId: 'r0', workerId: 'a/0', peers: 2 }], roomPeers: 2 },
      { kind: 'worker', workerId: 'a/1', nodeId: 'a' },
    ],
    [
      'goes to another node only when every local worker is over budget',
      { workers: [worker('a/0', 239), worker('a/1', 239), worker('b/0', 100), worker('c/0', 20)], roomRouters: [{ routerId: 'r0', workerId: 'a/0', peers: 1 }], roomPeers: 1 },
      { kind: 'worker', workerId: 'c/0', nodeId: 'c' },
    ],
    [
      'prefers a local router of the room to a remote one',
      {
        workers: [worker('a/0', 100), worker('b/0', 0)],
        roomRouters: [{ routerId: 'rb', workerId: 'b/0', peers: 1 }, { routerId: 'ra', workerId: 'a/0', peers: 1 }],
        roomPeers: 2,
      },
      { kind: 'router', routerId: 'ra', workerId: 'a/0' },
    ],
    [
      'keeps using a remote router of the room before opening a new worker',
      {
        workers: [worker('a/0', 239), worker('a/1', 0), worker('b/0', 0)],
        roomRouters: [{ routerId: 'ra', workerId: 'a/0', peers: 1 }, { routerId: 'rb', workerId: 'b/0', peers: 1 }],
        roomPeers: 2,
      },
      { kind: 'router', routerId: 'rb', workerId: 'b/0' },
    ],
    [
      'takes the least full worker of all, local on a tie, when everything is over budget',
      { workers: [worker('b/0', 400), worker('a/0', 300), worker('a/1', 500)], roomRouters: [{ routerId: 'r1', workerId: 'a/1', peers: 1 }], roomPeers: 1 },
      { kind: 'worker', workerId: 'a/0', nodeId: 'a' },
    ],
    [
      'spans two workers with two people when the budget is one consumer (how tests force a span)',
      { workers: [worker('a/0'), worker('a/1')], roomRouters: [{ routerId: 'r0', workerId: 'a/0', peers: 1 }], roomPeers: 1, tracksPerPeer: 1, budget: { consumers: 1, cpu: 1 } },
      { kind: 'worker', workerId: 'a/1', nodeId: 'a' },
    ],
    [
      'ignores a router whose worker is gone',
      { workers: [worker('a/1', 10)], roomRouters: [{ routerId: 'r0', workerId: 'a/0', peers: 3 }], roomPeers: 3 },
      { kind: 'worker', workerId: 'a/1', nodeId: 'a' },
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(place(input(overrides))).toEqual(expected);
  });

  it('keeps the first person of a forced-span room on the room\'s first router', () => {
    const forced = { tracksPerPeer: 1, budget: { consumers: 1, cpu: 1 } };
    expect(place(input({ ...forced, workers: [worker('a/0'), worker('a/1')], roomRouters: [{ routerId: 'r0', workerId: 'a/0', peers: 0 }] }))).toEqual({
      kind: 'router',
      routerId: 'r0',
      workerId: 'a/0',
    });
  });

  it('refuses to place anyone without a worker', () => {
    expect(() => place(input({}))).toThrow(/at least one worker/);
  });
});
