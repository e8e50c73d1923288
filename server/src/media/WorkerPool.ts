import * as mediasoup from 'mediasoup';
import type { WebRtcServer, Worker } from 'mediasoup/node/lib/types';
import { EventEmitter } from 'node:events';
import { ErrorCode, ParleyError } from '../../../src-common/errors';
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
  /** The ports transports without a fixed one take from (pipes between nodes); 40000-49999 by default. */
  portRange?: { min: number; max: number };
  logger: Logger;
  /** How often each worker must answer a request; 0 turns the check off. */
  healthCheckMs?: number;
  /** A worker that has not answered the health request after this long is killed and replaced. */
  healthTimeoutMs?: number;
}

interface WorkerPoolEvents {
  /** A worker died (crashed, was killed, or stopped answering); its routers are gone. */
  died: [slot: WorkerSlot, error: Error];
  /** A new worker took a dead one's place (same index, same media port). */
  replaced: [slot: WorkerSlot];
}

/** Retry delays for a replacement worker that fails to start, capped at the last. */
const RESPAWN_DELAYS_MS = [0, 500, 2000, 5000];

/**
 * The mediasoup workers of one server instance, each with a WebRtcServer on one UDP+TCP port.
 * A worker that dies or stops answering is replaced on the same index and port, so the process
 * never runs out of workers because one crashed. Placement ("which worker gets a new room") is
 * the caller's decision from its own load figures.
 */
export class WorkerPool extends EventEmitter<WorkerPoolEvents> {
  private readonly slots: WorkerSlot[] = [];
  /** CPU time (user + system, ms) at the last health answer of each worker, and when it came. */
  private readonly cpuSamples = new Map<WorkerSlot, { at: number; cpuMs: number; share: number }>();
  private readonly healthTimer: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    slots: WorkerSlot[],
    private readonly options: WorkerPoolOptions,
  ) {
    super();
    for (const slot of slots) this.adopt(slot);
    const every = options.healthCheckMs ?? 5_000;
    if (every > 0) {
      this.healthTimer = setInterval(() => this.checkHealth(), every);
      this.healthTimer.unref();
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
    return new WorkerPool(slots, options);
  }

  get size(): number {
    return this.slots.length;
  }

  /** The live slots, for stats and tests. */
  all(): readonly WorkerSlot[] {
    return [...this.slots];
  }

  /**
   * The share of one core a worker used between its last two health answers (0..1), from
   * `worker.getResourceUsage()`; 0 until two answers came.
   */
  cpuOf(slot: WorkerSlot): number {
    return this.cpuSamples.get(slot)?.share ?? 0;
  }

  /** The live slot with the lowest load according to `loadOf`; ties go to the lower index. */
  pick(loadOf: (slot: WorkerSlot) => number): WorkerSlot {
    const live = this.slots.filter((slot) => !slot.worker.closed);
    // Between a worker's death and its replacement; the client backs off and tries again.
    if (live.length === 0) throw new ParleyError(ErrorCode.Unavailable, 'no media worker is running right now; try again shortly');
    return live.reduce((best, slot) => (loadOf(slot) < loadOf(best) ? slot : best));
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.healthTimer) clearInterval(this.healthTimer);
    for (const slot of this.slots) slot.worker.close();
    this.slots.length = 0;
  }

  private adopt(slot: WorkerSlot): void {
    this.slots.push(slot);
    this.slots.sort((a, b) => a.index - b.index);
    slot.worker.on('died', (error) => this.lose(slot, error));
  }

  private lose(slot: WorkerSlot, error: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    this.cpuSamples.delete(slot);
    this.options.logger.error(`worker ${slot.index} (pid ${slot.worker.pid}) died`, error);
    // A worker killed for hanging is still a process until the kernel reaps it; make sure.
    if (!slot.worker.closed) slot.worker.close();
    this.emit('died', slot, error);
    if (!this.closed) void this.respawn(slot.index, 0);
  }

  private async respawn(index: number, attempt: number): Promise<void> {
    const delay = RESPAWN_DELAYS_MS[Math.min(attempt, RESPAWN_DELAYS_MS.length - 1)] ?? 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay).unref());
    if (this.closed) return;
    try {
      const slot = await createSlot(index, this.options);
      if (this.closed) {
        slot.worker.close();
        return;
      }
      this.adopt(slot);
      this.options.logger.warn(`worker ${index} replaced (pid ${slot.worker.pid})`);
      this.emit('replaced', slot);
    } catch (error) {
      this.options.logger.error(`replacing worker ${index} failed (attempt ${attempt + 1}); retrying`, error);
      void this.respawn(index, attempt + 1);
    }
  }

  /** Asks every worker for its resource usage; one that does not answer in time is killed (then replaced). */
  private checkHealth(): void {
    const timeoutMs = this.options.healthTimeoutMs ?? 3_000;
    for (const slot of this.slots) {
      let answered = false;
      const timer = setTimeout(() => {
        if (answered || slot.worker.closed || !this.slots.includes(slot)) return;
        this.options.logger.error(`worker ${slot.index} (pid ${slot.worker.pid}) did not answer in ${timeoutMs} ms; killing it`);
        try {
          process.kill(slot.worker.pid, 'SIGKILL');
        } catch (error) {
          // Already gone: its 'died' event does the rest.
          this.options.logger.debug(`kill of a hung worker failed: ${String(error)}`);
        }
      }, timeoutMs);
      timer.unref();
      slot.worker
        .getResourceUsage()
        .then((usage) => {
          answered = true;
          this.sampleCpu(slot, usage.ru_utime + usage.ru_stime);
        })
        .catch((error: unknown) => this.options.logger.debug(`health request to worker ${slot.index} failed: ${String(error)}`))
        .finally(() => clearTimeout(timer));
    }
  }

  private sampleCpu(slot: WorkerSlot, cpuMs: number): void {
    const at = Date.now();
    const last = this.cpuSamples.get(slot);
    const share = last && at > last.at ? Math.max(0, (cpuMs - last.cpuMs) / (at - last.at)) : 0;
    this.cpuSamples.set(slot, { at, cpuMs, share });
  }
}

async function createSlot(index: number, options: WorkerPoolOptions): Promise<WorkerSlot> {
  const worker = await mediasoup.createWorker({
    logLevel: 'warn',
    rtcMinPort: options.portRange?.min ?? 40000,
    rtcMaxPort: options.portRange?.max ?? 49999,
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
