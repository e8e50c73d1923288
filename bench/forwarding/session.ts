import { Generator } from '../rtp/Generator';
import { Sink } from '../rtp/Sink';
import type { Forwarder } from './Forwarder';
import { measureWindow, type WindowResult } from './measureWindow';

/** CPU layout of the forwarding metrics: the forwarder alone on one core, generator + sink on the other. */
export const FORWARDER_CPU = '1';
export const LOAD_CPU = '0';

export interface WindowTiming {
  warmupMs: number;
  seconds: number;
}

export const windowTiming = (quick: boolean): WindowTiming => (quick ? { warmupMs: 1200, seconds: 1.5 } : { warmupMs: 1500, seconds: 3 });

/**
 * Runs `work` against a forwarder made by `make`, with a sink and a running generator around it,
 * and tears all three down afterwards whatever happens.
 */
export async function withForwarder<T>(
  make: (sink: Sink) => Promise<Forwarder>,
  work: (measure: (subscribers: number, timing: WindowTiming) => Promise<WindowResult>) => Promise<T>,
): Promise<T> {
  const sink = await Sink.create();
  let forwarder: Forwarder | undefined;
  const generator = new Generator();
  try {
    forwarder = await make(sink);
    const measure = async (subscribers: number, timing: WindowTiming): Promise<WindowResult> => {
      await forwarder!.setSubscribers(subscribers);
      // Sources may be created lazily by the first setSubscribers (the relays).
      for (const source of forwarder!.sources) if (!generator.all.includes(source)) generator.add(source);
      generator.start();
      return measureWindow(forwarder!, sink, { subscribers, ...timing });
    };
    return await work(measure);
  } finally {
    generator.stop();
    await forwarder?.close();
    sink.close();
  }
}
