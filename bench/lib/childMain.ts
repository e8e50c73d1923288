/** The shell of a bench child process's entry (a server in a namespace): start, stop on a signal, die loudly. */
import { parseArgs } from 'node:util';
import type { ServerConfig } from '../../server/src/config';

/**
 * A bench server's own flags: `--host --port --rtc-port` as the CLI's, plus `extra` string
 * flags; the server is the CLI's with one worker, logging warnings only.
 */
export function serverArgs<Extra extends string>(extra: readonly Extra[] = []): { server: Partial<ServerConfig>; values: Partial<Record<Extra, string>> } {
  const options = Object.fromEntries(['host', 'port', 'rtc-port', ...extra].map((name) => [name, { type: 'string' as const }]));
  const values = parseArgs({ options }).values as Record<string, string | undefined>;
  return {
    server: { host: values.host ?? '127.0.0.1', port: Number(values.port ?? 8443), rtcPort: Number(values['rtc-port'] ?? 40000), workers: 1, logLevel: 'warn' },
    values: values as Partial<Record<Extra, string>>,
  };
}

/** On SIGTERM or SIGINT: `close`, then exit 0. */
export function stopOnSignal(close: () => Promise<void>): void {
  const stop = (): void => {
    void close().then(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Runs `main`; a failure is printed with `label` (the parent shows stderr) and exits 1. */
export function runMain(label: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(`${label} failed: ${error instanceof Error ? error.stack : String(error)}`);
    process.exit(1);
  });
}
