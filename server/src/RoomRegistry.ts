import type { RoomId } from '../../src-common/ids';
import type { ServerConfig } from './config';
import { LocalPlacer } from './cluster/RoomPlacer';
import type { Logger } from './logger';
import type { WorkerPool, WorkerSlot } from './media/WorkerPool';
import { Room } from './Room';

/**
 * The rooms of one server instance. Creation is deduplicated (two peers racing into a new room get
 * the same one) and a new room goes to the worker carrying the fewest peers; its newcomers spread
 * over the other workers once the worker budget says so (cluster/RoomPlacer.ts).
 */
export class RoomRegistry {
  private readonly rooms = new Map<RoomId, Room>();
  private readonly pending = new Map<RoomId, Promise<Room>>();
  private closed = false;
  private readonly placer: LocalPlacer;

  constructor(
    private readonly pool: WorkerPool,
    private readonly config: Pick<ServerConfig, 'emptyRoomTimeoutMs' | 'limits' | 'dynacastLowerDelayMs' | 'reconnectGraceMs' | 'workerBudget'>,
    private readonly logger: Logger,
  ) {
    this.placer = new LocalPlacer(pool, () => this.consumersBySlot(), config.workerBudget);
    pool.on('died', (slot) => this.closeRoomsOn(slot));
  }

  get size(): number {
    return this.rooms.size;
  }

  get(id: RoomId): Room | undefined {
    return this.rooms.get(id);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  async getOrCreate(id: RoomId): Promise<Room> {
    if (this.closed) throw new Error('the server is shutting down');
    const existing = this.rooms.get(id);
    if (existing && !existing.closed) return existing;
    const inFlight = this.pending.get(id);
    if (inFlight) return inFlight;
    const creating = this.create(id).finally(() => this.pending.delete(id));
    this.pending.set(id, creating);
    return creating;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  private async create(id: RoomId): Promise<Room> {
    const slot = this.pool.pick((candidate) => this.load(candidate));
    const room = await Room.create({ id, slot, placer: this.placer, config: this.config, logger: this.logger.child(`room:${id}`) });
    this.rooms.set(id, room);
    room.once('closed', () => {
      if (this.rooms.get(id) === room) this.rooms.delete(id);
    });
    return room;
  }

  /** Peers on a worker, with each room counting a little so empty rooms spread too. */
  private load(slot: WorkerSlot): number {
    let load = 0;
    for (const room of this.rooms.values()) {
      if (room.slot === slot) load += room.peerCount + 0.1;
    }
    return load;
  }

  private consumersBySlot(): Map<WorkerSlot, number> {
    const total = new Map<WorkerSlot, number>();
    for (const room of this.rooms.values()) {
      for (const [slot, count] of room.mediaState.consumersBySlot()) total.set(slot, (total.get(slot) ?? 0) + count);
    }
    return total;
  }

  /** A room whose home router was on the dead worker ends; others lose only the peers on it (RoomMedia). */
  private closeRoomsOn(slot: WorkerSlot): void {
    for (const room of this.rooms.values()) {
      if (room.slot === slot) room.close();
    }
  }
}
