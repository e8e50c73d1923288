import { withDedicatedCores } from '../lib/pin';
import { round } from '../lib/stats';
import type { MetricModule, ResultRow } from '../types';
import type { WindowResult } from '../forwarding/measureWindow';
import { RelayForwarder } from '../forwarding/RelayForwarder';
import { scenarios } from '../forwarding/scenarios';
import { FORWARDER_CPU, LOAD_CPU, windowTiming, withForwarder } from '../forwarding/session';
import type { ForwardingData } from './forwarding';

type Variant = 'sendto' | 'mmsg';
const variants: Variant[] = ['sendto', 'mmsg'];
const scenarioNames = ['video', 'audio'] as const;

export type FloorData = Record<(typeof scenarioNames)[number], Record<Variant, WindowResult>>;

const variantLabel: Record<Variant, string> = { sendto: 'C relay, sendto per packet', mmsg: 'C relay, recvmmsg/sendmmsg' };

/** Metric 2: the C relays at the same fan-out, packet size and pinning as Parley's knee. */
export const floorMetric: MetricModule<FloorData> = {
  id: 'floor',
  title: "2. The machine's floor (bare C UDP relays, same fan-out and pinning)",
  needs: ['forwarding'],
  async run(ctx) {
    const forwarding = ctx.results.get('forwarding')?.data as ForwardingData;
    return withDedicatedCores(LOAD_CPU, async () => {
      const data = {} as FloorData;
      const rows: ResultRow[] = [];
      for (const name of scenarioNames) {
        const knee = forwarding[name].knee;
        data[name] = {} as Record<Variant, WindowResult>;
        for (const variant of variants) {
          ctx.log(`floor: ${name}, ${variant}, ${knee.subscribers} subscribers`);
          data[name][variant] = await withForwarder(
            async (sink) => new RelayForwarder(variantLabel[variant], ctx.tools.relays[variant], scenarios[name], sink, FORWARDER_CPU),
            (measure) => measure(knee.subscribers, windowTiming(ctx.quick)),
          );
        }
        for (const variant of variants) {
          const relay = data[name][variant];
          rows.push(
            { name: `${name}: ${variantLabel[variant]}, out-pkt/s per busy core`, value: round(relay.ppsPerCore), unit: 'pkt/s', note: `${Math.round(relay.outPps)} pkt/s at ${(relay.cpu * 100).toFixed(0)}% of a core, loss ${(relay.loss * 100).toFixed(2)}%` },
            { name: `${name}: Parley / ${variant} relay (per busy core)`, value: round(knee.ppsPerCore / relay.ppsPerCore), unit: 'ratio' },
          );
        }
      }
      return {
        rows,
        data,
        notes: [
          "Each relay runs at the fan-out of Parley's knee for that scenario, pinned like the worker, fed by the same generator (plain RTP padded to the same wire size: the relays do no SRTP).",
          'The relays write a per-destination SSRC into each copy and nothing else; the sendto variant makes one syscall per packet per receiver (an SFU\'s pattern), the mmsg variant batches 64 receives and 1024 sends per syscall.',
        ],
      };
    });
  },
};
