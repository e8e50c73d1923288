import { round } from '../lib/stats';
import { withDedicatedCores } from '../lib/pin';
import type { MetricModule, ResultRow } from '../types';
import { ParleyForwarder } from '../forwarding/ParleyForwarder';
import { ramp, type RampResult } from '../forwarding/ramp';
import { scenarios } from '../forwarding/scenarios';
import { FORWARDER_CPU, LOAD_CPU, windowTiming, withForwarder } from '../forwarding/session';
import { SRTP_SUITE } from '../rtp/srtp';

export interface ForwardingData {
  boosted: boolean;
  video: RampResult;
  audio: RampResult;
}

const scenarioNames = ['video', 'audio'] as const;

/** Metric 1: out-packets/s per busy core and consumers per worker at the knee (80% CPU or 1% loss). */
export const forwardingMetric: MetricModule<ForwardingData> = {
  id: 'forwarding',
  title: '1. Forwarding capacity (Parley worker, SRTP PlainTransports, no browsers)',
  async run(ctx) {
    return withDedicatedCores(LOAD_CPU, async (boosted) => {
      const results = {} as Record<(typeof scenarioNames)[number], RampResult>;
      for (const name of scenarioNames) {
        const scenario = scenarios[name];
        ctx.log(`forwarding: ${name} ramp`);
        results[name] = await withForwarder(
          (sink) => ParleyForwarder.create(scenario, sink, FORWARDER_CPU),
          (measure) =>
            ramp(scenario.firstSubscribers, (n) => measure(n, windowTiming(ctx.quick)), {
              deadline: Date.now() + (ctx.quick ? 30_000 : 90_000),
              log: ctx.log,
            }),
        );
      }
      const rows: ResultRow[] = [];
      for (const name of scenarioNames) {
        const { knee, kneeReason, consumersAt80ByFit } = results[name];
        const size = scenarios[name].packetBytes;
        rows.push(
          { name: `${name} (${size} B): out-pkt/s per busy core`, value: round(knee.ppsPerCore), unit: 'pkt/s', note: `at the knee: ${Math.round(knee.outPps)} pkt/s at ${(knee.cpu * 100).toFixed(0)}% of a core` },
          { name: `${name}: consumers per worker at the knee`, value: knee.consumers, unit: 'consumers', note: `stopped by ${kneeReason}; loss ${(knee.loss * 100).toFixed(2)}%` },
          { name: `${name}: consumers at 80% CPU (linear fit)`, value: round(consumersAt80ByFit), unit: 'consumers' },
        );
      }
      return {
        rows,
        data: { boosted, ...results },
        notes: [
          `SRTP ${SRTP_SUITE} on every PlainTransport (generator encrypts, worker decrypts once and encrypts per consumer).`,
          `Worker pinned to CPU ${FORWARDER_CPU}, generator + sink (one Node process) pinned to CPU ${LOAD_CPU}; CPU from /proc/<pid>/stat (utime+stime).`,
          'Loopback: the kernel work of delivering each packet to the sink runs on the sending core, so it is counted in the worker CPU (the same holds for the C relays).',
          'video: 1 publisher (~1 Mbit/s VP8, 1100 B packets, key frame every second) to N subscribers; audio: 10 speakers (Opus-sized 100 B every 20 ms) to N listeners consuming all 10.',
          boosted ? 'The bench session ran at autogroup nice -20 during metrics 1-3 (other work shared this machine).' : 'No scheduling boost (not root or no autogroup): other load on the machine can lower these numbers.',
        ],
      };
    });
  },
};
