import type { Producer, Router } from 'mediasoup/node/lib/types';
import type { Logger } from '../logger';
import { countedUse } from './countedUse';

/** One use of a producer in a router: the producer to consume there, until `release()`. */
export interface PipeLease {
  /** The original producer (same router) or its pipe producer in the target router (same id). */
  readonly producer: Producer;
  /** Gives the use back; the last one closes the pipe. Safe to call twice. */
  release(): void;
}

interface Pipe {
  uses: number;
  ready: Promise<Producer>;
  /** Set once piped; closing it closes the pipe consumer on the origin side too. */
  pipeProducer: Producer | undefined;
  released: boolean;
}

/**
 * The pipes of one room's producers between its routers in this process. A producer is piped into
 * a router only when something there consumes it, at most once per router (mediasoup refuses a
 * second producer with the same id), and only from its origin router: the pipes of a producer form
 * a star around the router its publisher sends to, so they never make a cycle. Every use is
 * counted and the last release closes the pipe.
 *
 * mediasoup's `pipeToRouter` does the rest: it keeps one PipeTransport pair per router pair and
 * makes the pipe producer follow the original (pause, resume, close); key-frame requests of
 * consumers in the target router travel back through the pipe consumer to the publisher.
 */
export class ProducerPipes {
  private readonly pipes = new Map<string, Pipe>();
  private closed = false;

  constructor(private readonly logger: Logger) {}

  /** Live (or in-flight) pipes, for stats and leak checks. */
  get size(): number {
    return this.pipes.size;
  }

  /** Uses counted on the pipe of `producerId` into `routerId` (0: no pipe). */
  refs(producerId: string, routerId: string): number {
    return this.pipes.get(key(producerId, routerId))?.uses ?? 0;
  }

  /**
   * A use of `producer` (held by `origin`) in `target`: the producer itself when they are the
   * same router, else its pipe producer there, piped now if no one uses it there yet.
   */
  async acquire(producer: Producer, origin: Router, target: Router): Promise<PipeLease> {
    if (this.closed) throw new Error('the room\'s pipes are closed');
    if (origin === target) return { producer, release: () => undefined };
    if (this.pipes.has(key(producer.id, origin.id))) {
      throw new Error(`producer ${producer.id} is only piped into router ${origin.id}; pipes start at its origin router`);
    }
    const id = key(producer.id, target.id);
    let pipe = this.pipes.get(id);
    if (!pipe) {
      const created: Pipe = { uses: 0, ready: Promise.resolve(producer), pipeProducer: undefined, released: false };
      created.ready = this.open(id, created, producer, origin, target);
      pipe = created;
      this.pipes.set(id, pipe);
    }
    const current = pipe;
    const { value, release } = await countedUse(current, current.ready, () => this.unref(id, current));
    return { producer: value, release };
  }

  /** Closes every pipe (the room is closing). Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const pipe of this.pipes.values()) this.drop(pipe);
    this.pipes.clear();
  }

  private async open(id: string, pipe: Pipe, producer: Producer, origin: Router, target: Router): Promise<Producer> {
    try {
      const { pipeProducer } = await origin.pipeToRouter({ producerId: producer.id, router: target });
      if (!pipeProducer) throw new Error('pipeToRouter() returned no pipe producer');
      pipe.pipeProducer = pipeProducer;
      // Everyone let go while it was being piped, or the room closed: nothing needs it.
      if (pipe.released) pipeProducer.close();
      // The original closed (or a router or worker went): the next use pipes again.
      pipeProducer.observer.once('close', () => {
        if (this.pipes.get(id) === pipe) this.pipes.delete(id);
      });
      if (pipeProducer.closed) throw new Error(`producer ${producer.id} closed while it was piped`);
      this.logger.debug(`pipe() | ${producer.kind} ${producer.id} from router ${origin.id} into ${target.id}`);
      return pipeProducer;
    } catch (error) {
      if (this.pipes.get(id) === pipe) this.pipes.delete(id);
      throw error;
    }
  }

  private unref(id: string, pipe: Pipe): void {
    if (pipe.uses > 0) return;
    if (this.pipes.get(id) === pipe) this.pipes.delete(id);
    this.drop(pipe);
  }

  private drop(pipe: Pipe): void {
    pipe.released = true;
    if (pipe.pipeProducer && !pipe.pipeProducer.closed) pipe.pipeProducer.close();
  }
}

function key(producerId: string, routerId: string): string {
  return `${producerId} ${routerId}`;
}
