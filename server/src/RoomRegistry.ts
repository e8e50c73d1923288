import { ErrorCode, ErrorReason, ParleyError } from '../../src-common/errors';
import type { Router } from 'mediasoup/node/lib/types';
import type { RoomId } from '../../src-common/ids';
import { AttemptLimiter } from './admission/AttemptLimiter';
import type { MeetingAuthority } from './auth/MeetingAuthority';
import type { ServerConfig } from './config';
import type { GuardMetrics } from './guards/GuardMetrics';
import type { ClusterNode } from './cluster/ClusterNode';
import type { WorkerInfo } from './cluster/directory/records';
import { LocalPlacer } from './cluster/RoomPlacer';
import { workerIdOf } from './cluster/RoomRouters';
import type { Logger } from './logger';
import type { WorkerPool, WorkerSlot } from './media/WorkerPool';
import { VideoHealthStats } from './media/VideoHealthStats';
import { Room } from './Room';

/** What the registry guards room creation with, and where the rooms' roles are recorded. */
export interface RoomRegistryGuards {
  metrics: GuardMetrics;
  authority: MeetingAuthority;
  /** This server's node of a cluster, when it is one: its rooms span the cluster's nodes. */
  cluster?: ClusterNode;
}

/**
 * The rooms of one server instance. Creation is deduplicated (two peers racing into a new room get
 * the same one), capped per server and per requesting address, and a new room goes to the worker
 * carrying the fewest peers; its newcomers spread over the other workers once the worker budget
 * says so (cluster/RoomPlacer.ts). Every role a room assigns is written to the meeting's record.
 */
export class RoomRegistry {
  private readonly rooms = new Map<RoomId, Room>();
  private readonly pending = new Map<RoomId, Promise<Room>>();
  private readonly creations: AttemptLimiter;
  private closed = false;
  /** What video self-healing did across this server's rooms. */
  readonly videoHealth = new VideoHealthStats();
  private readonly placer: LocalPlacer;

  constructor(
    private readonly pool: WorkerPool,
    private readonly config: Pick<ServerConfig, 'emptyRoomTimeoutMs' | 'limits' | 'dynacastLowerDelayMs' | 'reconnectGraceMs' | 'guards' | 'workerBudget'>,
    private readonly logger: Logger,
    private readonly guards: RoomRegistryGuards,
  ) {
    this.placer = new LocalPlacer(pool, () => this.consumersBySlot(), config.workerBudget);
    pool.on('died', (slot) => this.closeRoomsOn(slot));
    this.creations = new AttemptLimiter(config.guards.roomsPerAddressPerMinute, 60_000);
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

  /**
   * The room `id`, created when absent. `requester` (a client's address) is held to
   * `guards.roomsPerAddressPerMinute` new rooms; every creation to `guards.maxRooms` live rooms.
   */
  async getOrCreate(id: RoomId, requester?: string): Promise<Room> {
    if (this.closed) throw new Error('the server is shutting down');
    const existing = this.rooms.get(id);
    if (existing && !existing.closed) return existing;
    const inFlight = this.pending.get(id);
    if (inFlight) return inFlight;
    const { maxRooms, roomsPerAddressPerMinute } = this.config.guards;
    if (this.rooms.size + this.pending.size >= maxRooms) {
      this.guards.metrics.count('maxRoomsRefused', `${requester ?? 'the server'} asked for a room with ${maxRooms} already open`);
      throw new ParleyError(ErrorCode.ServerFull, 'this server runs as many meetings as it can; try again later');
    }
    if (requester !== undefined) {
      if (!this.creations.allows(requester)) {
        this.guards.metrics.count('roomsPerAddressRefused', `${requester} created ${roomsPerAddressPerMinute} rooms within a minute`);
        throw new ParleyError(ErrorCode.RateLimited, `at most ${roomsPerAddressPerMinute} new meetings a minute from one address; try again in a minute`, ErrorReason.TooFast);
      }
      this.creations.fail(requester);
    }
    const creating = this.create(id).finally(() => this.pending.delete(id));
    this.pending.set(id, creating);
    return creating;
  }

  /** The router `routerId` of room `id` in this process (another node pipes from it). */
  routerOf(id: RoomId, routerId: string): Router | undefined {
    return this.rooms.get(id)?.mediaState.routerById(routerId);
  }

  /** This process's workers and their load, as the cluster's directory shows them. */
  workerLoads(nodeId: string): WorkerInfo[] {
    const consumers = this.consumersBySlot();
    return this.pool.all().map((slot) => ({ workerId: workerIdOf(slot, nodeId), consumers: consumers.get(slot) ?? 0, cpu: this.pool.cpuOf(slot) }));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  private async create(id: RoomId): Promise<Room> {
    const slot = this.pool.pick((candidate) => this.load(candidate));
    const room = await Room.create({ id, slot, placer: this.placer, config: this.config, logger: this.logger.child(`room:${id}`), metrics: this.guards.metrics, videoHealth: this.videoHealth, ...(this.guards.cluster ? { cluster: this.guards.cluster } : {}) });
    this.rooms.set(id, room);
    room.on('roleChanged', (peerId, role) => {
      this.guards.authority.recordRole(id, peerId, role).catch((error: unknown) => this.logger.error(`recording ${peerId} as ${role} failed`, error));
    });
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
