import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { BenchError, BenchErrorCode } from './errors';

export interface StartedChild {
  readonly process: ChildProcess;
  readonly pid: number;
  /** Everything the child wrote to stderr so far (the tail of it), for error messages. */
  stderr(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when it has exited. Safe to call twice. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Spawns `command` and waits until a stdout line matches `ready` (or the time runs out, or the
 * child exits first). Returns the match so callers can read a port from it.
 */
export async function startChild(
  command: string,
  args: string[],
  options: { ready: RegExp; timeoutMs: number; label: string; env?: NodeJS.ProcessEnv; cwd?: string },
): Promise<{ child: StartedChild; match: RegExpMatchArray }> {
  const proc = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env, cwd: options.cwd });
  let errTail = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    errTail = (errTail + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const child: StartedChild = {
    process: proc,
    pid: proc.pid ?? -1,
    stderr: () => errTail,
    stop(graceMs = 3000) {
      stopping ??= (async () => {
        if (proc.exitCode !== null || proc.signalCode !== null) return;
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
  const lines = createInterface({ input: proc.stdout! });
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new BenchError(BenchErrorCode.Timeout, `${options.label} not ready after ${options.timeoutMs} ms: ${errTail}`)),
        options.timeoutMs,
      );
      lines.on('line', (line) => {
        const found = options.ready.exec(line);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
      proc.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new BenchError(BenchErrorCode.ProcessFailed, `${options.label} exited (${code ?? signal}) before ready: ${errTail}`));
      });
      proc.once('error', (error) => {
        clearTimeout(timer);
        reject(new BenchError(BenchErrorCode.ProcessFailed, `${options.label} could not start: ${error.message}`));
      });
    });
    // Keep draining stdout so the child never blocks on a full pipe.
    lines.on('line', () => undefined);
    return { child, match };
  } catch (error) {
    await child.stop(500);
    throw error;
  }
}
