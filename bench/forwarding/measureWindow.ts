import { readFileSync } from 'node:fs';
import { sleep } from '../lib/errors';
import { CpuWindow } from '../lib/proc';
import { quantile } from '../lib/stats';
import type { Sink } from '../rtp/Sink';
import type { Forwarder } from './Forwarder';

export interface WindowResult {
  subscribers: number;
  consumers: number;
  /** Forwarded packets/s counted at the sink. */
  outPps: number;
  /** Fraction of one core the forwarder used (1 = a full core). */
  cpu: number;
  /** Out-packets/s per fully busy core: outPps / cpu. */
  ppsPerCore: number;
  loss: number;
  /** Datagrams the kernel dropped because a receive buffer (the sink's) was full. */
  sinkDrops: number;
  /** CPU of the generator + sink process on the other core, for context. */
  loadCpu: number;
  latencyMs: { p50: number; p99: number; samples: number };
}

/** UDP receive-buffer overflows so far in this network namespace (/proc/net/snmp). */
function udpRcvbufErrors(): number {
  const lines = readFileSync('/proc/net/snmp', 'utf8').split('\n').filter((l) => l.startsWith('Udp:'));
  const names = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/) ?? [];
  return Number(values[names.indexOf('RcvbufErrors')] ?? 0);
}

/**
 * Measures one steady window: waits `warmupMs` (new consumers need a key frame), then counts for
 * `seconds`. The forwarder's CPU comes from /proc, the packets and latencies from the sink.
 */
export async function measureWindow(
  forwarder: Forwarder,
  sink: Sink,
  options: { subscribers: number; warmupMs: number; seconds: number },
): Promise<WindowResult> {
  await sleep(options.warmupMs);
  const cpu = new CpuWindow(() => forwarder.pids());
  const load = new CpuWindow(() => [process.pid]);
  const dropsBefore = udpRcvbufErrors();
  cpu.start();
  load.start();
  sink.startWindow();
  await sleep(options.seconds * 1000);
  const counts = sink.stopWindow();
  const used = cpu.stop();
  const loadUsed = load.stop();
  const outPps = counts.received / counts.seconds;
  return {
    subscribers: options.subscribers,
    consumers: options.subscribers * forwarder.sources.length,
    outPps,
    cpu: used.coreFraction,
    ppsPerCore: used.coreFraction > 0 ? outPps / used.coreFraction : Number.NaN,
    loss: counts.expected > 0 ? Math.max(0, 1 - counts.received / counts.expected) : Number.NaN,
    sinkDrops: udpRcvbufErrors() - dropsBefore,
    loadCpu: loadUsed.coreFraction,
    latencyMs: {
      p50: quantile(counts.latenciesMs, 0.5),
      p99: quantile(counts.latenciesMs, 0.99),
      samples: counts.latenciesMs.length,
    },
  };
}
