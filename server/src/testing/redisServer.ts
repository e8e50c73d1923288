/**
 * A Redis of a test's own: Debian's redis-server on a free loopback port, in memory only (no
 * snapshot, no append-only file), stopped by the test. Never a fixed port, never a system service.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';

const BINARY = '/usr/bin/redis-server';

export interface TestRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGKILL when `abruptly`: a crash rather than a shutdown). Safe to call twice. */
  stop(options?: { abruptly?: boolean }): Promise<void>;
  /** Starts it again on the same port after a stop, empty. */
  restart(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts redis-server on `port`; resolves once it accepts connections, rejects if it exits first. */
function launch(port: number): Promise<ChildProcess> {
  const child = spawn(BINARY, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  return new Promise((resolve, reject) => {
    const exited = (code: number | null): void => {
      clearInterval(poll);
      reject(new Error(`redis-server on port ${port} exited with ${String(code)}: ${output.trim().slice(-500)}`));
    };
    child.once('exit', exited);
    const deadline = Date.now() + 10_000;
    const poll = setInterval(() => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.write('PING\r\n');
        socket.once('data', (data) => {
          socket.destroy();
          if (!data.toString().startsWith('+PONG')) return;
          clearInterval(poll);
          child.off('exit', exited);
          resolve(child);
        });
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() < deadline) return;
        clearInterval(poll);
        child.kill('SIGKILL');
        reject(new Error(`redis-server on port ${port} did not answer within 10 s`));
      });
    }, 50);
  });
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await exited;
}

/** Starts a Redis for one test file; throws naming the setup step when redis-server is missing. */
export async function startTestRedis(): Promise<TestRedis> {
  if (!existsSync(BINARY)) throw new Error(`${BINARY} is missing: run scripts/setup-system.sh as root (it installs redis-server)`);
  let lastError: unknown;
  // A free port can be taken between the probe and redis-server's bind; try another then.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      let child = await launch(port);
      return {
        url: `redis://127.0.0.1:${port}`,
        port,
        stop: ({ abruptly = false } = {}) => stopChild(child, abruptly ? 'SIGKILL' : 'SIGTERM'),
        restart: async () => {
          await stopChild(child, 'SIGTERM');
          child = await launch(port);
        },
      };
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}
