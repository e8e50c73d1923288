import * as mediasoup from 'mediasoup';
import type { WebRtcServer, Worker } from 'mediasoup/node/lib/types';
import { EventEmitter } from 'node:events';
import type { Logger } from '../logger';

export interface WorkerSlot {
  readonly index: number;
  readonly worker: Worker;
  readonly webRtcServer: WebRtcServer;
}

export interface WorkerPoolOptions {
  count: number;
  listenIp: string;
  announcedAddress: string;
  /** Worker i listens on `rtcPort + i`; 0 lets mediasoup pick from its range. */
  rtcPort: number;
  logger: Logger;
}

interface WorkerPoolEvents {
  /** A worker died; its routers are gone. */
  died: [slot: WorkerSlot, error: Error];
}

/**
 * The mediasoup workers of one server instance, each with a WebRtcServer on one UDP+TCP port.
 * Placement ("which worker gets a new room") is the caller's decision from its own load figures.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly slots: WorkerSlot[];
  private closed = false;

  private constructor(slots: WorkerSlot[], private readonly logger: Logger) {
    super();
    this.slots = slots;
    for (const slot of slots) {
      slot.worker.on('died', (error) => {
        this.logger.error(`worker ${slot.index} (pid ${slot.worker.pid}) died`, error);
        this.slots.splice(this.slots.indexOf(slot), 1);
        this.emit('died', slot, error);
      });
    }
  }

  static async create(options: WorkerPoolOptions): Promise<WorkerPool> {
    const slots: WorkerSlot[] = [];
    try {
      for (let index = 0; index < options.count; index++) {
        slots.push(await createSlot(index, options));
      }
    } catch (error) {
      for (const slot of slots) slot.worker.close();
      throw error;
    }
    options.logger.info(`create() | ${slots.length} worker(s) ready`);
    return new WorkerPool(slots, options.logger);
  }

  get size(): number {
    return this.slots.length;
  }

  /** The live slot with the lowest load according to `loadOf`; ties go to the lower index. */
  pick(loadOf: (slot: WorkerSlot) => number): WorkerSlot {
    const live = this.slots.filter((slot) => !slot.worker.closed);
    if (live.length === 0) throw new Error('no live mediasoup worker');
    return live.reduce((best, slot) => (loadOf(slot) < loadOf(best) ? slot : best));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const slot of this.slots) slot.worker.close();
    this.slots.length = 0;
  }
}

async function createSlot(index: number, options: WorkerPoolOptions): Promise<WorkerSlot> {
  const worker = await mediasoup.createWorker({
    logLevel: 'warn',
    rtcMinPort: 40000,
    rtcMaxPort: 49999,
  });
  try {
    const port = options.rtcPort === 0 ? undefined : options.rtcPort + index;
    const listen = { ip: options.listenIp, announcedIp: options.announcedAddress, ...(port ? { port } : {}) };
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: 'udp', ...listen },
        { protocol: 'tcp', ...listen },
      ],
    });
    return { index, worker, webRtcServer };
  } catch (error) {
    worker.close();
    throw error;
  }
}
