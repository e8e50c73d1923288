import { readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat times (USER_HZ; 100 on every Linux we target). */
const CLK_TCK = 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat fields 14 and 15. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after it start past the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/** Resident set size in bytes, from /proc/<pid>/status VmRSS. */
export function rssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Direct and indirect children of `pid` (from /proc/<pid>/task/<tid>/children). */
export function descendants(pid: number): number[] {
  const found: number[] = [];
  const queue = [pid];
  for (let guard = 0; queue.length > 0 && guard < 10_000; guard++) {
    const current = queue.shift()!;
    let tids: string[] = [];
    try {
      tids = readFileSync(`/proc/${current}/task/${current}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    } catch {
      continue; // the process ended meanwhile
    }
    for (const child of tids.map(Number)) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** The command name of a process (/proc/<pid>/comm). */
export function commandName(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/**
 * CPU use of a set of processes over a window: call `start()`, do the work, then `stop()` gives
 * the fraction of one core used (1.0 = one core fully busy) and the wall time.
 */
export class CpuWindow {
  private startCpu = 0;
  private startWall = 0;

  constructor(private readonly pids: () => number[]) {}

  start(): void {
    this.startCpu = this.total();
    this.startWall = performance.now();
  }

  stop(): { coreFraction: number; seconds: number } {
    const seconds = (performance.now() - this.startWall) / 1000;
    return { coreFraction: (this.total() - this.startCpu) / seconds, seconds };
  }

  private total(): number {
    return this.pids().reduce((sum, pid) => sum + cpuSeconds(pid), 0);
  }
}
