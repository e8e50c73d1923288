import { withDedicatedCores } from '../lib/pin';
import { round } from '../lib/stats';
import type { MetricModule, ResultRow } from '../types';
import type { WindowResult } from '../forwarding/measureWindow';
import { ParleyForwarder } from '../forwarding/ParleyForwarder';
import { CPU_LIMIT } from '../forwarding/ramp';
import { RelayForwarder } from '../forwarding/RelayForwarder';
import { scenarios } from '../forwarding/scenarios';
import { FORWARDER_CPU, LOAD_CPU, windowTiming, withForwarder } from '../forwarding/session';
import type { ForwardingData } from './forwarding';

const loads = [0.1, 0.5, CPU_LIMIT];

export interface HopLatencyData {
  subscribersAt: number[];
  parley: WindowResult[];
  relay: WindowResult[];
}

/**
 * Metric 3: generator -> sink time through Parley, matched per packet by sequence number, at the
 * subscriber counts where the video ramp's fit puts the worker at 10%, 50% and 80% of its core;
 * the sendto relay at the same fan-out gives the same path without an SFU.
 */
export const hopLatencyMetric: MetricModule<HopLatencyData> = {
  id: 'hopLatency',
  title: '3. SFU hop latency (video, per packet, matched by sequence number)',
  needs: ['forwarding'],
  async run(ctx) {
    const { video } = ctx.results.get('forwarding')?.data as ForwardingData;
    const scenario = scenarios.video;
    const subscribersAt = loads.map((load) =>
      Math.max(1, Math.round((load - video.fit.intercept) / video.fit.slope / scenario.sources)),
    );
    return withDedicatedCores(LOAD_CPU, async () => {
      const timing = windowTiming(ctx.quick);
      ctx.log(`hop latency: Parley at ${subscribersAt.join(', ')} subscribers`);
      const parley = await withForwarder(
        (sink) => ParleyForwarder.create(scenario, sink, FORWARDER_CPU),
        async (measure) => {
          const results: WindowResult[] = [];
          for (const n of subscribersAt) results.push(await measure(n, timing));
          return results;
        },
      );
      ctx.log('hop latency: sendto relay at the same fan-outs');
      const relay: WindowResult[] = [];
      for (const n of subscribersAt) {
        relay.push(
          await withForwarder(
            async (sink) => new RelayForwarder('C relay (sendto)', ctx.tools.relays.sendto, scenario, sink, FORWARDER_CPU),
            (measure) => measure(n, timing),
          ),
        );
      }
      const rows: ResultRow[] = [];
      loads.forEach((load, i) => {
        const p = parley[i]!;
        const r = relay[i]!;
        const at = `${Math.round(load * 100)}% target load (${p.consumers} consumers, measured ${(p.cpu * 100).toFixed(0)}%)`;
        rows.push(
          { name: `p50 at ${at}`, value: round(p.latencyMs.p50), unit: 'ms', note: `sendto relay, same fan-out: ${round(r.latencyMs.p50)} ms` },
          { name: `p99 at ${at}`, value: round(p.latencyMs.p99), unit: 'ms', note: `sendto relay, same fan-out: ${round(r.latencyMs.p99)} ms` },
        );
      });
      return {
        rows,
        data: { subscribersAt, parley, relay },
        notes: [
          'Latency = sink receive time - generator send time of the same packet (both in one Node process, one clock); every copy to every consumer counts, so the fan-out of a frame (4 packets x N consumers sent one after another) is part of it.',
          'It includes two loopback hops and the sink\'s event loop; the C relay row at the same fan-out is that path with a minimal forwarder, so the SFU\'s own share is roughly the difference.',
        ],
      };
    });
  },
};
