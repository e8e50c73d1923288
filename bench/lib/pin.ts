import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

/** Sets the CPU affinity of every thread of `pid` (taskset -a -p -c). */
export function pin(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

/** The CPUs this machine has online, as a taskset list ("0-1"). */
export function allCpus(): string {
  return readFileSync('/sys/devices/system/cpu/online', 'utf8').trim();
}

/** The nice value of this session's scheduling group (Linux autogroup), or null without autogroup. */
function autogroupNice(): number | null {
  try {
    const match = /nice (-?\d+)/.exec(readFileSync('/proc/self/autogroup', 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

function setAutogroupNice(nice: number): boolean {
  try {
    writeFileSync('/proc/self/autogroup', String(nice));
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `work` with this process pinned to `loadCpu` (children inherit it: re-pin the forwarder
 * under test to the other core) and, when permitted, this session's scheduling group at nice -20.
 * With autogroup on, per-process nice only ranks processes inside one session, so on a shared
 * machine the group's weight is what keeps the two cores for the forwarder and its load.
 * Everything is restored afterwards. Returns whether the boost was applied, for the report.
 */
export async function withDedicatedCores<T>(loadCpu: string, work: (boosted: boolean) => Promise<T>): Promise<T> {
  const previousNice = autogroupNice();
  const boosted = previousNice !== null && setAutogroupNice(-20);
  pin(process.pid, loadCpu);
  boost(process.pid);
  try {
    return await work(boosted);
  } finally {
    pin(process.pid, allCpus());
    if (boosted && previousNice !== null) setAutogroupNice(previousNice);
  }
}

/**
 * Raises every thread of `pid` to nice -20, so the forwarder under test and its load generator
 * keep their cores when other work shares the machine (the scheduler then gives a nice-0
 * competitor about 1% of the core). Returns false when not permitted (not root).
 */
export function boost(pid: number): boolean {
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) os.setPriority(Number(tid), -20);
    return true;
  } catch {
    return false;
  }
}
