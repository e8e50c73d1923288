import type { WorkerPool, WorkerSlot } from '../media/WorkerPool';
import { place, type PlacementBudget, type RoomRouterLoad, type WorkerLoad } from './placement';
import { workerIdOf } from './RoomRouters';

/** Decides which worker of this process a room's newcomer uses. */
export interface RoomPlacer {
  /** The slot for a newcomer of a room with these routers and `roomPeers` people already in. */
  pick(routers: readonly RoomRouterLoad[], roomPeers: number): WorkerSlot;
}

/** Consumers one peer holds per other peer of an all-camera meeting: camera and microphone. */
const TRACKS_PER_PEER = 2;

/** The placement rule (placement.ts) over this process's workers, with their measured load. */
export class LocalPlacer implements RoomPlacer {
  constructor(
    private readonly pool: WorkerPool,
    /** Consumers on each slot now, every room counted. */
    private readonly consumersBySlot: () => Map<WorkerSlot, number>,
    private readonly budget: PlacementBudget,
    private readonly nodeId = 'local',
  ) {}

  pick(routers: readonly RoomRouterLoad[], roomPeers: number): WorkerSlot {
    const slots = this.pool.all().filter((slot) => !slot.worker.closed);
    const consumers = this.consumersBySlot();
    const workers: WorkerLoad[] = slots.map((slot) => ({
      workerId: workerIdOf(slot, this.nodeId),
      nodeId: this.nodeId,
      consumers: consumers.get(slot) ?? 0,
      cpu: this.pool.cpuOf(slot),
    }));
    // Between a worker's death and its replacement there may be none; pick() then says UNAVAILABLE.
    if (workers.length === 0) return this.pool.pick(() => 0);
    const chosen = place({ localNodeId: this.nodeId, workers, roomRouters: routers, roomPeers, tracksPerPeer: TRACKS_PER_PEER, budget: this.budget });
    const slot = slots.find((candidate) => workerIdOf(candidate, this.nodeId) === chosen.workerId);
    if (!slot) throw new Error(`placement chose ${chosen.workerId}, which is not a worker of this process`);
    return slot;
  }
}
