import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { VideoHealthSnapshot } from '../../server/src/media/VideoHealthStats';
import { startChild, type StartedChild } from '../lib/ChildProcess';
import { BenchError, BenchErrorCode } from '../lib/errors';
import type { NetnsPair } from '../lib/netns';
import { PARLEY_PORT } from '../parley/ParleyServerProcess';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ServerState {
  videoHealth: VideoHealthSnapshot;
  /** The live mediasoup workers' pids (one worker: the room's). */
  workerPids: number[];
}

/**
 * The Parley server of the recovery metric (bench/recovery/serverMain.ts) in the server
 * namespace: the standalone server's own code, plus a way to read its counters and worker pid.
 */
export class RecoveryServer {
  private readonly waiting: Array<(state: ServerState) => void> = [];

  private constructor(
    private readonly child: StartedChild,
    readonly url: string,
  ) {
    createInterface({ input: child.process.stdout! }).on('line', (line) => {
      if (!line.startsWith('bench-state ')) return;
      const state = JSON.parse(line.slice('bench-state '.length)) as ServerState;
      for (const resolve of this.waiting.splice(0)) resolve(state);
    });
  }

  static async start(net: NetnsPair): Promise<RecoveryServer> {
    const entry = path.join(repoRoot, 'bench', 'recovery', 'serverMain.ts');
    const [command, args] = net.inServer(process.execPath, ['--import', 'tsx', entry, '--host', net.serverIp, '--port', String(PARLEY_PORT), '--rtc-port', '40000']);
    const { child } = await startChild(command, args, { ready: /Parley bench server ready/, timeoutMs: 30_000, label: 'Parley server', cwd: repoRoot });
    return new RecoveryServer(child, `http://${net.serverIp}:${PARLEY_PORT}`);
  }

  /** The server's counters and workers right now (asked for with SIGUSR2, answered on stdout). */
  async state(): Promise<ServerState> {
    const answer = new Promise<ServerState>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BenchError(BenchErrorCode.Timeout, `the server did not report its state: ${this.child.stderr()}`)), 5_000);
      this.waiting.push((state) => {
        clearTimeout(timer);
        resolve(state);
      });
    });
    this.child.process.kill('SIGUSR2');
    return answer;
  }

  /** The pid of the one mediasoup worker (the room's); throws while none is running. */
  async workerPid(): Promise<number> {
    const { workerPids } = await this.state();
    if (workerPids.length !== 1) throw new BenchError(BenchErrorCode.BadMeasurement, `expected one live worker, the server has ${workerPids.length}`);
    return workerPids[0]!;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
