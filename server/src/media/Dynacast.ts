import type { ConsumerId, PeerId, ProducerId } from '../../../src-common/ids';

export interface DynacastOptions {
  /** Tells a publisher the highest layer anyone watches of its producer (null: nobody). */
  notify: (ownerId: PeerId, producerId: ProducerId, spatialLayer: number | null) => void;
  /**
   * Raising is announced at once (someone is waiting for pixels); lowering waits this long, so a
   * tile that is resized or paged through does not make the publisher's encoder flap.
   */
  lowerDelayMs: number;
}

interface Entry {
  ownerId: PeerId;
  wants: Map<ConsumerId, number | null>;
  announced: number | null | undefined;
  timer: NodeJS.Timeout | undefined;
}

/**
 * Dynacast for one room: per video producer, the highest spatial layer any consumer currently
 * wants, announced to the publisher so it stops encoding layers nobody watches.
 */
export class Dynacast {
  private readonly producers = new Map<ProducerId, Entry>();

  constructor(private readonly options: DynacastOptions) {}

  addProducer(producerId: ProducerId, ownerId: PeerId): void {
    if (this.producers.has(producerId)) return;
    this.producers.set(producerId, { ownerId, wants: new Map(), announced: undefined, timer: undefined });
    this.update(producerId);
  }

  removeProducer(producerId: ProducerId): void {
    const entry = this.producers.get(producerId);
    if (entry?.timer) clearTimeout(entry.timer);
    this.producers.delete(producerId);
  }

  /** What one consumer wants of a producer: a spatial layer, or null when it shows nothing. */
  setWant(producerId: ProducerId, consumerId: ConsumerId, spatialLayer: number | null): void {
    const entry = this.producers.get(producerId);
    if (!entry) return;
    entry.wants.set(consumerId, spatialLayer);
    this.update(producerId);
  }

  removeConsumer(producerId: ProducerId, consumerId: ConsumerId): void {
    const entry = this.producers.get(producerId);
    if (entry?.wants.delete(consumerId)) this.update(producerId);
  }

  /** The layer currently announced for a producer, for tests and stats. */
  announced(producerId: ProducerId): number | null | undefined {
    return this.producers.get(producerId)?.announced;
  }

  close(): void {
    for (const entry of this.producers.values()) {
      if (entry.timer) clearTimeout(entry.timer);
    }
    this.producers.clear();
  }

  private update(producerId: ProducerId): void {
    const entry = this.producers.get(producerId);
    if (!entry) return;
    const wanted = highest(entry.wants.values());
    if (entry.timer) {
      clearTimeout(entry.timer);
      entry.timer = undefined;
    }
    if (wanted === entry.announced) return;
    const raising = entry.announced === undefined || entry.announced === null || (wanted !== null && wanted > entry.announced);
    if (raising) {
      this.announce(producerId, entry, wanted);
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (this.producers.get(producerId) === entry) this.announce(producerId, entry, wanted);
    }, this.options.lowerDelayMs);
    entry.timer.unref();
  }

  private announce(producerId: ProducerId, entry: Entry, spatialLayer: number | null): void {
    entry.announced = spatialLayer;
    this.options.notify(entry.ownerId, producerId, spatialLayer);
  }
}

function highest(values: Iterable<number | null>): number | null {
  let max: number | null = null;
  for (const value of values) {
    if (value !== null && (max === null || value > max)) max = value;
  }
  return max;
}
