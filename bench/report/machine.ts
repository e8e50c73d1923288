import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';

export interface MachineInfo {
  cpuModel: string;
  cpus: number;
  threadsPerCore: string;
  memoryGiB: number;
  kernel: string;
  node: string;
  mediasoup: string;
  chromium: string;
  janus: string;
  openssl: string;
  /** 1-minute load average when the run started: other work on the machine shows here. */
  loadAverageAtStart: number;
}

function tryRun(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return 'not available';
  }
}

function lscpuField(name: string): string {
  const line = tryRun('lscpu', []).split('\n').find((l) => l.startsWith(`${name}:`));
  return line ? line.slice(name.length + 1).trim() : 'unknown';
}

function packageVersion(name: string): string {
  const output = tryRun('dpkg-query', ['-W', '-f=${Version}', name]);
  return output || 'not installed';
}

export function machineInfo(chromiumPath: string): MachineInfo {
  const require = createRequire(import.meta.url);
  const mediasoup = (require('mediasoup/package.json') as { version: string }).version;
  return {
    cpuModel: lscpuField('Model name'),
    cpus: os.availableParallelism(),
    threadsPerCore: lscpuField('Thread(s) per core'),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: os.release(),
    node: process.version,
    mediasoup,
    chromium: tryRun(chromiumPath, ['--version']),
    janus: packageVersion('janus'),
    openssl: packageVersion('libssl3'),
    loadAverageAtStart: Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]),
  };
}
