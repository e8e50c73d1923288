import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild, type StartedChild } from '../lib/ChildProcess';
import type { NetnsPair } from '../lib/netns';
import { JANUS_WS_PORT, writeJanusConfig } from './config';

/** Janus from Debian, started in the server namespace with a private config folder. */
export class JanusServer {
  private constructor(
    private readonly child: StartedChild,
    private readonly configDir: string,
    readonly wsUrl: string,
  ) {}

  static async start(net: NetnsPair, binary: string): Promise<JanusServer> {
    const configDir = mkdtempSync(path.join(os.tmpdir(), 'parley-bench-janus-'));
    const configFile = writeJanusConfig(configDir, { ip: net.serverIp, iceInterface: net.serverIf });
    const [command, args] = net.inServer(binary, ['-F', configDir, '-C', configFile]);
    try {
      const { child } = await startChild(command, args, { ready: /websockets server started/i, timeoutMs: 20_000, label: 'Janus' });
      return new JanusServer(child, configDir, `ws://${net.serverIp}:${JANUS_WS_PORT}`);
    } catch (error) {
      rmSync(configDir, { recursive: true, force: true });
      throw error;
    }
  }

  get pid(): number {
    return this.child.pid;
  }

  async stop(): Promise<void> {
    await this.child.stop();
    rmSync(this.configDir, { recursive: true, force: true });
  }
}
