import { sleep } from './errors';
import { cpuSeconds, descendants, rssBytes } from './proc';

export interface ProcessCost {
  /** Fraction of one core, averaged over the window. */
  cpu: number;
  /** Mean and peak resident memory over the per-second samples, bytes. */
  rssMean: number;
  rssPeak: number;
  seconds: number;
}

/**
 * Samples `root` and all its descendants (a server and its mediasoup workers) once a second for
 * `seconds`: CPU from /proc/<pid>/stat deltas, RSS from /proc/<pid>/status.
 */
export async function measureProcessTree(root: number, seconds: number): Promise<ProcessCost> {
  const pids = (): number[] => [root, ...descendants(root)];
  const cpuNow = (): number => pids().reduce((sum, pid) => sum + safe(() => cpuSeconds(pid)), 0);
  const rssNow = (): number => pids().reduce((sum, pid) => sum + safe(() => rssBytes(pid)), 0);
  const startCpu = cpuNow();
  const startWall = performance.now();
  const rss: number[] = [];
  for (let i = 0; i < seconds; i++) {
    await sleep(1000);
    rss.push(rssNow());
  }
  const wall = (performance.now() - startWall) / 1000;
  return {
    cpu: (cpuNow() - startCpu) / wall,
    rssMean: rss.reduce((a, b) => a + b, 0) / Math.max(1, rss.length),
    rssPeak: Math.max(...rss),
    seconds: wall,
  };
}

function safe(read: () => number): number {
  try {
    return read();
  } catch {
    return 0; // a process that ended during the window
  }
}
