/** Command-line flags and environment variables of the standalone server. */
import { parseArgs } from 'node:util';
import type { ClusterOptions, ServerOptions } from './config';
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
Cluster (README, "Cluster"): a meeting spans the nodes its participants reach
  --redis URL          join the cluster whose directory is this Redis (redis://host:port;
                       env PARLEY_REDIS_URL)
  --node-id ID         this node's unique name (default: host name and process id; env PARLEY_NODE_ID)
  --pipe-address ADDR  address other nodes send piped media to (default: the announced address;
                       env PARLEY_PIPE_ADDRESS)
  --pipe-ports MIN-MAX UDP ports for media piped between nodes (default 40000-49999;
                       env PARLEY_PIPE_PORTS)
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
export function parseCli(argv: string[], env: NodeJS.ProcessEnv, loadFile = loadConfigFile): ServerOptions | 'help' {
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
      redis: { type: 'string' },
      'node-id': { type: 'string' },
      'pipe-address': { type: 'string' },
      'pipe-ports': { type: 'string' },
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
  const config: ServerOptions = { ...fromFile, host: values.host ?? env.PARLEY_HOST ?? fromFile.host ?? '0.0.0.0' };
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
  const cluster = clusterOptions(values, env, config.cluster);
  if (cluster) config.cluster = cluster;
  return config;
}

/** The cluster flags over the file's `cluster` key; none of them without a Redis URL. */
function clusterOptions(values: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv, fromFile: ClusterOptions | undefined): ClusterOptions | undefined {
  const flag = (name: string, variable: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : env[variable];
  };
  const redisUrl = flag('redis', 'PARLEY_REDIS_URL') ?? fromFile?.redisUrl;
  const nodeId = flag('node-id', 'PARLEY_NODE_ID');
  const pipeAddress = flag('pipe-address', 'PARLEY_PIPE_ADDRESS');
  const ports = flag('pipe-ports', 'PARLEY_PIPE_PORTS');
  if (redisUrl === undefined) {
    if (nodeId !== undefined || pipeAddress !== undefined || ports !== undefined) throw new Error('--node-id, --pipe-address and --pipe-ports need --redis');
    return undefined;
  }
  if (!/^rediss?:\/\/[^\s]+$/.test(redisUrl)) throw new Error(`--redis must be a redis:// URL, got ${JSON.stringify(redisUrl)}`);
  const cluster: ClusterOptions = { ...fromFile, redisUrl };
  if (nodeId !== undefined) cluster.nodeId = nodeId;
  if (pipeAddress !== undefined) cluster.pipeAddress = pipeAddress;
  if (ports !== undefined) {
    const match = /^(\d{1,5})-(\d{1,5})$/.exec(ports);
    if (!match) throw new Error(`--pipe-ports must be MIN-MAX, got ${JSON.stringify(ports)}`);
    cluster.pipePorts = { min: Number(match[1]), max: Number(match[2]) };
  }
  return cluster;
}
