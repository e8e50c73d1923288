/** Command-line flags and environment variables of the standalone server. */
import { parseArgs } from 'node:util';
import type { ServerConfig } from './config';
import { loadConfigFile } from './configFile';
import type { LogLevel } from './logger';

export const usage = `Usage: parley-server [options]   (in a checkout: npm run serve -- [options])
  --config FILE        JSON configuration file; flags and environment variables override it
                       (env PARLEY_CONFIG; see packaging/server/server.example.json)
  --host ADDR          address to bind (default 0.0.0.0; env PARLEY_HOST)
  --port N             HTTP + WebSocket port (default 8443; env PARLEY_PORT)
  --announced ADDR     address announced to clients for media (default: this machine's LAN address;
                       env PARLEY_ANNOUNCED_ADDRESS)
  --workers N          mediasoup workers (default: one per core; env PARLEY_WORKERS)
  --rtc-port N         first media port, one UDP+TCP port per worker (default 40000; env PARLEY_RTC_PORT)
  --log-level LEVEL    debug | info | warn | error (default info; env PARLEY_LOG_LEVEL)
  --reconnect-grace MS how long a participant whose connection dropped is kept for a resume
                       (default 20000; env PARLEY_RECONNECT_GRACE_MS)
  --help`;

function toInt(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  // Number('') and Number('  ') are 0, which would silently mean "any free port".
  if (value.trim() === '' || !Number.isInteger(n)) throw new Error(`${name} must be a whole number, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Flags, then environment variables, then the configuration file (--config / PARLEY_CONFIG), then
 * the defaults. A bad configuration file throws a coded ConfigError.
 */
export function parseCli(argv: string[], env: NodeJS.ProcessEnv, loadFile = loadConfigFile): Partial<ServerConfig> | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      announced: { type: 'string' },
      workers: { type: 'string' },
      'rtc-port': { type: 'string' },
      'log-level': { type: 'string' },
      config: { type: 'string' },
      'reconnect-grace': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return 'help';
  const level = values['log-level'] ?? env.PARLEY_LOG_LEVEL;
  if (level !== undefined && !['debug', 'info', 'warn', 'error', 'silent'].includes(level)) {
    throw new Error(`--log-level must be debug, info, warn or error, got ${JSON.stringify(level)}`);
  }
  const configFile = values.config ?? env.PARLEY_CONFIG;
  const fromFile = configFile === undefined ? {} : loadFile(configFile);
  const config: Partial<ServerConfig> = { ...fromFile, host: values.host ?? env.PARLEY_HOST ?? fromFile.host ?? '0.0.0.0' };
  const port = toInt('--port', values.port ?? env.PARLEY_PORT);
  const workers = toInt('--workers', values.workers ?? env.PARLEY_WORKERS);
  const rtcPort = toInt('--rtc-port', values['rtc-port'] ?? env.PARLEY_RTC_PORT);
  const announced = values.announced ?? env.PARLEY_ANNOUNCED_ADDRESS;
  const grace = toInt('--reconnect-grace', values['reconnect-grace'] ?? env.PARLEY_RECONNECT_GRACE_MS);
  if (grace !== undefined && grace < 0) throw new Error(`--reconnect-grace must not be negative, got ${grace}`);
  if (grace !== undefined) config.reconnectGraceMs = grace;
  if (port !== undefined) config.port = port;
  if (workers !== undefined) config.workers = workers;
  if (rtcPort !== undefined) config.rtcPort = rtcPort;
  if (announced !== undefined) config.announcedAddress = announced;
  if (level !== undefined) config.logLevel = level as LogLevel;
  return config;
}
