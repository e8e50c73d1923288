import { LanHost, type LanHostInfo, type LanHostOptions } from '../../server/src/embed';
import type { HostRunner, HostRunOptions } from './HostRunner';

/**
 * The hosting core in this process: what the utility process runs (hostProcess.ts uses it), and
 * what tests and the e2e harness use where there is no Electron. `overrides` are for tests
 * (loopback, free ports, no mDNS on the machine's real network).
 */
export class InProcessHostRunner implements HostRunner {
  private host: LanHost | null = null;

  constructor(private readonly overrides: Partial<LanHostOptions> = {}) {}

  async start(options: HostRunOptions): Promise<LanHostInfo> {
    await this.stop();
    this.host = await LanHost.start({ ...options, ...this.overrides });
    return this.host.info;
  }

  async stop(): Promise<void> {
    const host = this.host;
    this.host = null;
    await host?.close();
  }

  onUnexpectedExit(): void {
    // In-process, the host cannot die without the process that would hear about it.
  }
}
