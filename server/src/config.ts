import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LogLevel, LogSink } from './logger';
import { resolveGuardLimits, type GuardLimits } from './guards/limits';
import { defaultAnnouncedAddress, isWildcard } from './network';

/** Everything a server instance needs; nothing is read from module state or the environment here. */
export interface ServerConfig {
  /** Address the HTTP(S) port and the media ports bind to. */
  host: string;
  /** HTTP(S) + WebSocket port; 0 picks a free one. */
  port: number;
  /** Address clients are told to send media to; required in effect when `host` is a wildcard. */
  announcedAddress: string;
  /** Number of mediasoup workers (one per core by default). */
  workers: number;
  /** First media port: worker i's WebRtcServer listens on UDP and TCP `rtcPort + i`; 0 lets each pick. */
  rtcPort: number;
  /** Folder with the built web client; the server answers 404 for pages when it is absent. */
  webRoot: string;
  /** An empty room is closed after this long, so a peer who reloads finds it still there. */
  emptyRoomTimeoutMs: number;
  /** Dynacast lowers a publisher's layers only after nobody needed them for this long. */
  dynacastLowerDelayMs: number;
  /**
   * Interval of WebSocket pings; a connection that misses two is dropped (network loss) and its
   * peer waits `reconnectGraceMs` for the client to resume.
   */
  heartbeatMs: number;
  /**
   * How long a peer whose connection dropped without a close (network loss, sleep) is kept,
   * shown to the others as reconnecting, for its client to `resume`; then it leaves.
   */
  reconnectGraceMs: number;
  /**
   * When a room spreads to another worker: a newcomer stays on the room's router while its worker
   * would carry at most `consumers` consumers (about 0.8 x the measured knee of ~300 video consumers,
   * docs/benchmarks.md) and used less than `cpu` of a core at the last health check
   * (cluster/placement.ts).
   */
  workerBudget: { consumers: number; cpu: number };
  /** Each worker must answer a health request this often; one that does not is killed and replaced. */
  workerHealth: { everyMs: number; timeoutMs: number };
  /** Per-peer caps, so one client cannot exhaust the SFU. */
  limits: { transports: number; producers: number; consumers: number };
  /** Per-connection, per-address and per-server limits against hostile clients (guards/limits.ts). */
  guards: GuardLimits;
  /**
   * A file where removals, roles and ended meetings are kept, so they survive a restart (they
   * matter then only when tokens do: `tokenSecret`). In memory only when absent.
   */
  meetingRecordFile?: string;
  /** Browser origins allowed to open signaling besides this server's own and the desktop app's. */
  allowedOrigins: string[];
  /** Host names (besides IP literals, localhost, `.local` and this machine's) clients may reach us by. */
  allowedHosts: string[];
  /**
   * HS256 key (32+ bytes) for session tokens; random per instance when absent, so tokens then do
   * not survive a restart. A standalone server that should let clients resume across restarts sets it.
   */
  tokenSecret?: Uint8Array;
  /**
   * Serve the update feed in this folder (latest.yml and the installers, as electron-builder
   * writes them) at `/updates/`, for apps on the LAN (server/src/http/updateFeed.ts).
   */
  updateFeed?: { dir: string };
  /**
   * PEM certificate and key: the web client, health and signaling are then served over HTTPS and
   * WSS on the same port (browsers grant camera and microphone to other machines only there).
   */
  tls?: { cert: string; key: string };
  /**
   * With `tls`: also answer plain HTTP on the same port, to this machine's own (loopback) clients
   * only, so `http://localhost:<port>` works without a certificate warning (server/src/http/loopbackPlain.ts).
   */
  plainLoopback?: boolean;
  /**
   * `open`: any `/r/<name>` is a meeting anyone with the name can join. `hosted`: only meetings
   * created with `server.meetings.host()` exist, entered by invite code through their admission.
   */
  mode: 'open' | 'hosted';
  logLevel: LogLevel;
  /** Where log lines go (console by default; tests pass their own). */
  logSink?: LogSink;
  /**
   * Joins a cluster of standalone servers with Redis as the directory (cluster/ClusterNode.ts):
   * rooms then span the nodes their participants reach. Absent, the server is on its own.
   */
  cluster?: ClusterConfig;
}

/** One node of a cluster: how it reaches Redis and how other nodes reach its media. */
export interface ClusterConfig {
  /** `redis://host:port[/db]` of the cluster's directory. */
  redisUrl: string;
  /** This node's name in the cluster; unique (two live nodes with one id would answer each other's requests). */
  nodeId: string;
  /** Address other nodes send piped media to (announced for this node's pipe transports). */
  pipeAddress: string;
  /** UDP ports this node's pipe transports (and other non-WebRTC transports) take from. */
  pipePorts: { min: number; max: number };
  /** Prefix of every Redis key and channel, so several clusters (or tests) share one Redis. */
  prefix: string;
  /** A node sends a heartbeat this often... */
  heartbeatMs: number;
  /** ...and is gone for the others when none came for this long. */
  nodeTtlMs: number;
  /** A request to another node that has no answer after this long fails with TIMEOUT. */
  requestTimeoutMs: number;
}

/** Cluster settings as given: `redisUrl` is the one that must be. */
export type ClusterOptions = Partial<ClusterConfig> & { redisUrl: string };

/** What a server is started with: any setting left out takes its default. */
export type ServerOptions = Omit<Partial<ServerConfig>, 'cluster'> & { cluster?: ClusterOptions };

/** The cluster settings with defaults filled in. */
export function resolveClusterConfig(partial: ClusterOptions, announcedAddress: string): ClusterConfig {
  const cluster: ClusterConfig = {
    redisUrl: partial.redisUrl,
    nodeId: partial.nodeId ?? `${os.hostname()}-${process.pid}`,
    pipeAddress: partial.pipeAddress ?? announcedAddress,
    pipePorts: partial.pipePorts ?? { min: 40000, max: 49999 },
    prefix: partial.prefix ?? 'parley:',
    heartbeatMs: partial.heartbeatMs ?? 1_000,
    nodeTtlMs: partial.nodeTtlMs ?? 4_000,
    requestTimeoutMs: partial.requestTimeoutMs ?? 5_000,
  };
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(cluster.nodeId)) throw new RangeError(`a node id is 1-64 letters, digits, '.', '_' or '-', got ${JSON.stringify(cluster.nodeId)}`);
  const { min, max } = cluster.pipePorts;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < 1 || max > 65535 || min > max) {
    throw new RangeError(`pipe ports must be a range within 1-65535, got ${min}-${max}`);
  }
  if (cluster.nodeTtlMs <= cluster.heartbeatMs) throw new RangeError('a node\'s time to live must be longer than its heartbeat interval');
  return cluster;
}

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function resolveConfig(partial: ServerOptions = {}): ServerConfig {
  const host = partial.host ?? '127.0.0.1';
  const config: ServerConfig = {
    host,
    port: partial.port ?? 8443,
    announcedAddress: partial.announcedAddress ?? (isWildcard(host) ? defaultAnnouncedAddress() : host),
    workers: partial.workers ?? os.availableParallelism(),
    rtcPort: partial.rtcPort ?? 40000,
    webRoot: partial.webRoot ?? path.join(repoRoot, 'dist', 'web'),
    emptyRoomTimeoutMs: partial.emptyRoomTimeoutMs ?? 30_000,
    // Short enough that a peer that went dark is shown as reconnecting within a few seconds.
    heartbeatMs: partial.heartbeatMs ?? 2_000,
    reconnectGraceMs: partial.reconnectGraceMs ?? 20_000,
    dynacastLowerDelayMs: partial.dynacastLowerDelayMs ?? 2_000,
    workerHealth: partial.workerHealth ?? { everyMs: 5_000, timeoutMs: 3_000 },
    workerBudget: partial.workerBudget ?? { consumers: 240, cpu: 0.7 },
    limits: partial.limits ?? { transports: 4, producers: 8, consumers: 256 },
    guards: resolveGuardLimits(partial.guards),
    allowedOrigins: partial.allowedOrigins ?? [],
    allowedHosts: (partial.allowedHosts ?? []).map((name) => name.toLowerCase()),
    mode: partial.mode ?? 'open',
    logLevel: partial.logLevel ?? 'info',
    ...(partial.tls ? { tls: partial.tls } : {}),
    ...(partial.plainLoopback ? { plainLoopback: true } : {}),
    ...(partial.logSink ? { logSink: partial.logSink } : {}),
    ...(partial.tokenSecret ? { tokenSecret: partial.tokenSecret } : {}),
    ...(partial.updateFeed ? { updateFeed: partial.updateFeed } : {}),
    ...(partial.meetingRecordFile ? { meetingRecordFile: partial.meetingRecordFile } : {}),
  };
  if (partial.cluster) config.cluster = resolveClusterConfig(partial.cluster, config.announcedAddress);
  if (!Number.isInteger(config.workers) || config.workers < 1) {
    throw new RangeError(`workers must be a positive integer, got ${config.workers}`);
  }
  for (const [name, port] of [['port', config.port], ['rtcPort', config.rtcPort]] as const) {
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new RangeError(`${name} must be a port number, got ${port}`);
    }
  }
  return config;
}
