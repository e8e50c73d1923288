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

  static async start(net: NetnsPair): Promise<ParleyServerProcess> {
    const [command, args] = net.inServer(process.execPath, [
      '--import',
      'tsx',
      path.join(repoRoot, 'server', 'src', 'cli.ts'),
      '--host',
      net.serverIp,
      '--port',
      String(PARLEY_PORT),
      '--workers',
      '1',
      '--rtc-port',
      '40000',
      '--log-level',
      'warn',
    ]);
    const { child } = await startChild(command, args, { ready: /Parley server ready/, timeoutMs: 30_000, label: 'Parley server', cwd: repoRoot });
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
