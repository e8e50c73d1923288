/**
 * Where a new participant of a room goes: a pure rule over load figures, so it is tested without
 * workers and the same rule serves one process and a cluster.
 *
 * 1. The room's routers whose worker stays under the budget with the newcomer on it, local
 *    before other nodes, least loaded first: the room stays on few workers (fewer pipes).
 * 2. Otherwise a worker the room does not use yet: the least loaded of this machine under the
 *    budget, then of the cluster.
 * 3. Everything over budget: the least loaded worker of all (local on a tie). Nobody is turned
 *    away for load; the budget only decides when a room spreads.
 */

/** One mediasoup worker's load, as measured by its owner. */
export interface WorkerLoad {
  /** Unique in the cluster (e.g. `<nodeId>/<index>`). */
  workerId: string;
  nodeId: string;
  /** Consumers on the worker now, every room counted. */
  consumers: number;
  /** CPU share of one core over the last sample, 0..1 (from `worker.getResourceUsage()`). */
  cpu: number;
}

/** One router of the room being joined. */
export interface RoomRouterLoad {
  routerId: string;
  workerId: string;
  /** The room's peers on this router. */
  peers: number;
}

/** When a worker counts as full. */
export interface PlacementBudget {
  /** Consumers a worker may carry (about 0.8 x the measured knee: 300 video consumers here). */
  consumers: number;
  /** CPU share above which a worker takes no one new of a room that could go elsewhere. */
  cpu: number;
}

export interface PlacementInput {
  /** The node deciding; its workers come before other nodes' at equal standing. */
  localNodeId: string;
  workers: readonly WorkerLoad[];
  /** The room's routers (none for a room not yet on any worker). */
  roomRouters: readonly RoomRouterLoad[];
  /** Peers already in the room. */
  roomPeers: number;
  /** Consumers one peer holds per other peer in this room (2 for camera + microphone). */
  tracksPerPeer: number;
  budget: PlacementBudget;
}

export type Placement =
  | { kind: 'router'; routerId: string; workerId: string }
  | { kind: 'worker'; workerId: string; nodeId: string };

/**
 * Consumers on `worker` once the newcomer is in: everyone of the room already there consumes the
 * newcomer's tracks, and, landing there, the newcomer consumes everyone's.
 */
function projected(worker: WorkerLoad, input: PlacementInput, landsHere: boolean): number {
  const roomPeersHere = input.roomRouters.filter((r) => r.workerId === worker.workerId).reduce((sum, r) => sum + r.peers, 0);
  const theirs = roomPeersHere * input.tracksPerPeer;
  const newcomers = landsHere ? input.roomPeers * input.tracksPerPeer : 0;
  return worker.consumers + theirs + newcomers;
}

/** 0 is idle, 1 is at the budget; whichever of consumers and CPU is fuller. */
function fullness(worker: WorkerLoad, input: PlacementInput): number {
  const consumers = input.budget.consumers > 0 ? projected(worker, input, true) / input.budget.consumers : Infinity;
  const cpu = input.budget.cpu > 0 ? worker.cpu / input.budget.cpu : Infinity;
  return Math.max(consumers, cpu);
}

function underBudget(worker: WorkerLoad, input: PlacementInput): boolean {
  return projected(worker, input, true) <= input.budget.consumers && worker.cpu < input.budget.cpu;
}

/**
 * Sorts workers by locality and fullness (`localFirst`: this node's workers before any other's;
 * otherwise locality only breaks ties), then by id so equal inputs give equal answers.
 */
function ordered(workers: readonly WorkerLoad[], input: PlacementInput, localFirst: boolean): WorkerLoad[] {
  const local = (a: WorkerLoad, b: WorkerLoad): number => Number(b.nodeId === input.localNodeId) - Number(a.nodeId === input.localNodeId);
  const load = (a: WorkerLoad, b: WorkerLoad): number => fullness(a, input) - fullness(b, input);
  return [...workers].sort((a, b) => (localFirst ? local(a, b) || load(a, b) : load(a, b) || local(a, b)) || a.workerId.localeCompare(b.workerId));
}

/** Picks where a new participant of the room goes; throws when there is no worker at all. */
export function place(input: PlacementInput): Placement {
  if (input.workers.length === 0) throw new Error('place() needs at least one worker');
  const byId = new Map(input.workers.map((worker) => [worker.workerId, worker]));
  const roomWorkers = new Set(input.roomRouters.map((r) => r.workerId));

  const routerOn = (worker: WorkerLoad): Placement => {
    const router = input.roomRouters.find((r) => r.workerId === worker.workerId);
    return router ? { kind: 'router', routerId: router.routerId, workerId: worker.workerId } : { kind: 'worker', workerId: worker.workerId, nodeId: worker.nodeId };
  };

  const used = ordered([...roomWorkers].flatMap((id) => byId.get(id) ?? []), input, true).filter((w) => underBudget(w, input));
  if (used[0]) return routerOn(used[0]);

  const fresh = ordered(input.workers.filter((w) => !roomWorkers.has(w.workerId)), input, true).filter((w) => underBudget(w, input));
  if (fresh[0]) return routerOn(fresh[0]);

  // Everything is full: the least full worker anywhere, this machine's on a tie.
  return routerOn(ordered(input.workers, input, false)[0]!);
}
