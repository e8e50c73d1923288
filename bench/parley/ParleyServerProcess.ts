import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startChild, type StartedChild } from '../lib/ChildProcess';
import type { NetnsPair } from '../lib/netns';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PARLEY_PORT = 8443;

/**
 * The standalone Parley server (its own CLI, one Node process and its mediasoup worker) in the
 * server namespace, so its CPU and memory are its own and not the harness's. One worker: a
 * meeting lives on one worker, and a second, idle one would only add memory to the comparison.
 */
export class ParleyServerProcess {
  private constructor(
    private readonly child: StartedChild,
    readonly url: string,
  ) {}

  /**
   * `benchPeers`: instead of the CLI, the same server with synthetic simulcast publishers already
   * in one room (metric 6, bench/adaptive/serverMain.ts).
   */
  static async start(net: NetnsPair, options: { benchPeers?: { room: string; count: number; bitrates: readonly number[] } } = {}): Promise<ParleyServerProcess> {
    const { benchPeers } = options;
    const entry = benchPeers ? path.join(repoRoot, 'bench', 'adaptive', 'serverMain.ts') : path.join(repoRoot, 'server', 'src', 'cli.ts');
    const extra = benchPeers ? ['--room', benchPeers.room, '--peers', String(benchPeers.count), '--rates', benchPeers.bitrates.join(',')] : ['--workers', '1', '--log-level', 'warn'];
    const [command, args] = net.inServer(process.execPath, ['--import', 'tsx', entry, '--host', net.serverIp, '--port', String(PARLEY_PORT), '--rtc-port', '40000', ...extra]);
    const ready = benchPeers ? /bench peers ready/ : /Parley server ready/;
    const { child } = await startChild(command, args, { ready, timeoutMs: 30_000, label: 'Parley server', cwd: repoRoot });
    return new ParleyServerProcess(child, `http://${net.serverIp}:${PARLEY_PORT}`);
  }

  /** The server's Node process; its mediasoup worker is a child of it. */
  get pid(): number {
    return this.child.pid;
  }

  stop(): Promise<void> {
    return this.child.stop();
  }
}
