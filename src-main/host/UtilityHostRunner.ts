import { utilityProcess, type UtilityProcess } from 'electron';
import type { LanHostInfo } from '../../server/src/embed';
import type { Logger } from '../log/Logger';
import { fromHostSchema, type FromHost } from './hostMessages';
import type { HostRunner, HostRunOptions } from './HostRunner';

/**
 * Runs the hosting core in an Electron utility process (hostProcess.cjs beside main.cjs), so a
 * crash of the SFU leaves the window standing. Electron glue only: the process runs the same
 * InProcessHostRunner the tests exercise. Type-checked here; there is no Electron binary to run it.
 */
export class UtilityHostRunner implements HostRunner {
  private child: UtilityProcess | null = null;
  private readonly exitListeners = new Set<(reason: string) => void>();
  private waiting: ((message: FromHost) => void) | null = null;

  constructor(
    private readonly entry: string,
    private readonly logger: Logger,
    /** Added to the process's environment: an installed app points mediasoup at its unpacked worker. */
    private readonly extraEnv: Readonly<Record<string, string>> = {},
  ) {}

  async start(options: HostRunOptions): Promise<LanHostInfo> {
    await this.stop();
    const child = utilityProcess.fork(this.entry, [], {
      serviceName: 'Parley meeting host',
      stdio: 'pipe',
      env: { ...process.env, ...this.extraEnv },
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.logger.info(chunk.toString().trimEnd()));
    child.stderr?.on('data', (chunk: Buffer) => this.logger.warn(chunk.toString().trimEnd()));
    child.on('message', (raw: unknown) => {
      const parsed = fromHostSchema.safeParse(raw);
      if (parsed.success) this.waiting?.(parsed.data);
      else this.logger.warn('ignored a malformed message from the host process');
    });
    child.once('exit', (code) => {
      if (this.child !== child) return;
      this.child = null;
      const reason = `exit code ${code}`;
      this.waiting?.({ type: 'failed', message: `the host process ended (${reason})` });
      for (const listener of this.exitListeners) listener(reason);
    });
    const answer = await this.next(() => child.postMessage({ type: 'start', options }));
    if (answer.type !== 'started') {
      await this.stop();
      throw new Error(answer.type === 'failed' ? answer.message : 'the host process stopped while starting');
    }
    return answer.info as unknown as LanHostInfo;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    const stopped = new Promise<void>((resolve) => {
      const timer = setTimeout(() => resolve(), 5_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    child.postMessage({ type: 'stop' });
    // Its sockets are closed once it says so; a host that does not answer is killed.
    await Promise.race([this.next(() => undefined), stopped]);
    child.kill();
  }

  onUnexpectedExit(listener: (reason: string) => void): void {
    this.exitListeners.add(listener);
  }

  private next(send: () => void): Promise<FromHost> {
    return new Promise((resolve) => {
      this.waiting = (message) => {
        this.waiting = null;
        resolve(message);
      };
      send();
    });
  }
}
