import type { Router } from 'mediasoup/node/lib/types';
import { EventEmitter } from 'node:events';
import type { Logger } from '../logger';
import { mediaCodecs } from '../media/codecs';
import type { WorkerSlot } from '../media/WorkerPool';
import { countedUse } from './countedUse';
import type { RoomRouterLoad } from './placement';
import { ProducerPipes } from './ProducerPipes';

/** A place for one peer's media: a router of the room and the worker slot it runs on. */
export interface RouterLease {
  readonly router: Router;
  readonly slot: WorkerSlot;
  /** The peer is gone; a router other than the home router closes with its last peer. Safe twice. */
  release(): void;
}

interface Entry {
  slot: WorkerSlot;
  router: Promise<Router>;
  /** Peers placed here, and joins on their way (so an idle router is not closed under them). */
  uses: number;
  created: Router | undefined;
}

interface RoomRoutersEvents {
  /** A router other than the home router closed under its peers (its worker died). */
  routerLost: [router: Router];
}

/** The worker id placement knows a slot by: a replacement worker on the same index is another worker. */
export function workerIdOf(slot: WorkerSlot, nodeId: string): string {
  return `${nodeId}/${slot.index}/${slot.worker.pid}`;
}

/**
 * The routers of one room in this process: the home router (it lives as long as the room and
 * carries the room's speaker observers) and one more per worker the room spreads to, created on
 * the first peer placed there and closed after the last one leaves, which also closes its pipes.
 */
export class RoomRouters extends EventEmitter<RoomRoutersEvents> {
  readonly pipes: ProducerPipes;
  private readonly entries = new Map<WorkerSlot, Entry>();
  private closed = false;

  private constructor(
    readonly home: Router,
    readonly homeSlot: WorkerSlot,
    private readonly nodeId: string,
    private readonly logger: Logger,
  ) {
    super();
    this.pipes = new ProducerPipes(logger);
    this.entries.set(homeSlot, { slot: homeSlot, router: Promise.resolve(home), uses: 0, created: home });
  }

  static async create(options: { home: WorkerSlot; nodeId: string; logger: Logger }): Promise<RoomRouters> {
    const router = await options.home.worker.createRouter({ mediaCodecs });
    return new RoomRouters(router, options.home, options.nodeId, options.logger);
  }

  /** The routers' loads for placement (`peers` counts leases, joins on their way included). */
  loads(): RoomRouterLoad[] {
    return [...this.entries.values()].map((entry) => ({
      routerId: entry.created?.id ?? `pending:${entry.slot.index}`,
      workerId: workerIdOf(entry.slot, this.nodeId),
      peers: entry.uses,
    }));
  }

  /** The live routers, for stats and leak checks. */
  routers(): Router[] {
    return [...this.entries.values()].flatMap((entry) => (entry.created && !entry.created.closed ? [entry.created] : []));
  }

  /** Whether the room has a router on `slot`. */
  uses(slot: WorkerSlot): boolean {
    return this.entries.has(slot);
  }

  /** A lease on the room's router on `slot`, creating that router if the room has none there. */
  async lease(slot: WorkerSlot): Promise<RouterLease> {
    if (this.closed) throw new Error('the room\'s routers are closed');
    let entry = this.entries.get(slot);
    if (!entry) {
      const created: Entry = { slot, router: Promise.resolve(this.home), uses: 0, created: undefined };
      created.router = this.open(created);
      entry = created;
      this.entries.set(slot, entry);
    }
    const current = entry;
    const { value, release } = await countedUse(current, current.router, () => this.closeIfIdle(current));
    return { router: value, slot, release };
  }

  /** Closes the pipes and every router. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pipes.close();
    for (const entry of this.entries.values()) entry.created?.close();
    this.entries.clear();
    this.removeAllListeners();
  }

  private async open(entry: Entry): Promise<Router> {
    try {
      const router = await entry.slot.worker.createRouter({ mediaCodecs });
      entry.created = router;
      router.observer.once('close', () => {
        if (this.entries.get(entry.slot) !== entry) return;
        this.entries.delete(entry.slot);
        if (entry.uses > 0 && !this.closed) this.emit('routerLost', router);
      });
      if (this.closed) {
        router.close();
        throw new Error('the room closed while one of its routers was created');
      }
      if (entry.uses === 0) router.close();
      this.logger.info(`lease() | the room spreads to worker ${entry.slot.index} (router ${router.id})`);
      return router;
    } catch (error) {
      if (this.entries.get(entry.slot) === entry) this.entries.delete(entry.slot);
      throw error;
    }
  }

  private closeIfIdle(entry: Entry): void {
    if (entry.uses > 0 || entry.slot === this.homeSlot || !entry.created) return;
    if (this.entries.get(entry.slot) === entry) this.entries.delete(entry.slot);
    this.logger.info(`release() | worker ${entry.slot.index} has no one of the room left; closing its router`);
    entry.created.close();
  }
}
