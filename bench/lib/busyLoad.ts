import { spawn, type ChildProcess } from 'node:child_process';

/**
 * Busy processes at normal priority beside a measurement (`node -e 'for(;;){}'`), the load that
 * CI machines and users' laptops carry. Started and stopped by the bench itself; `stop` waits
 * until each has exited and is safe to call twice.
 */
export class BusyLoad {
  private constructor(private readonly children: ChildProcess[]) {}

  static start(count: number): BusyLoad {
    return new BusyLoad(Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' })));
  }

  get pids(): number[] {
    return this.children.map((child) => child.pid ?? -1);
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.children.splice(0).map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
  }
}
