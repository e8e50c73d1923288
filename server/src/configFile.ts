/**
 * The standalone server's configuration file (`parley-server --config server.json`): JSON, every
 * key optional, checked with zod so a mistake stops the server with a coded message naming the
 * key, never with a stack trace or a silently ignored setting. Paths in it are relative to the
 * file. packaging/server/server.example.json shows every key; the README documents them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { ServerOptions } from './config';
import { resolveGuardLimits, type GuardLimits } from './guards/limits';

/** Why a configuration file was refused. */
export const ConfigErrorCode = {
  NotFound: 'CONFIG_NOT_FOUND',
  Unreadable: 'CONFIG_UNREADABLE',
  NotJson: 'CONFIG_NOT_JSON',
  Invalid: 'CONFIG_INVALID',
} as const;
export type ConfigErrorCode = (typeof ConfigErrorCode)[keyof typeof ConfigErrorCode];

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly code: ConfigErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const port = z.number().int().min(0).max(65535);
const address = z.string().min(1).max(255);
const limit = z.number().int().min(1).max(2 ** 40).optional();

export const configFileSchema = z.strictObject({
  /** Address the HTTP port and the media ports bind to. */
  host: address.optional(),
  /** HTTP + WebSocket port (0: any free one). */
  port: port.optional(),
  /** Address clients send media to (this machine's LAN address by default). */
  announcedAddress: address.optional(),
  /** mediasoup workers (one per core by default). */
  workers: z.number().int().min(1).max(1024).optional(),
  /** First media port; worker i uses rtcPort + i for UDP and TCP. */
  rtcPort: port.optional(),
  /** Folder of the built web client. */
  webRoot: z.string().min(1).optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'silent']).optional(),
  /** Browser origins allowed to open signaling besides the server's own. */
  allowedOrigins: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'an origin is scheme://host[:port], nothing after')).max(64).optional(),
  /** Host names clients may reach the server by, besides IP literals, localhost and .local names. */
  allowedHosts: z.array(address).max(64).optional(),
  /** A file holding the session-token key (32 bytes or more), so tokens survive a restart. */
  tokenSecretFile: z.string().min(1).optional(),
  /** Serve the update feed in this folder at /updates/ (the LAN update feed). */
  updateFeed: z.strictObject({ dir: z.string().min(1) }).optional(),
  /**
   * Where removals, roles and ended meetings are kept across restarts; by default
   * `meeting-records.json` next to tokenSecretFile when that is set (else in memory only).
   */
  meetingRecordFile: z.string().min(1).optional(),
  /** Join a cluster whose directory is this Redis (README, "Cluster"); `redis` is required in it. */
  cluster: z
    .strictObject({
      redis: z.string().regex(/^rediss?:\/\/\S+$/, 'a redis:// URL'),
      nodeId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, '1-64 letters, digits, ".", "_" or "-"').optional(),
      pipeAddress: address.optional(),
      pipePorts: z.strictObject({ min: port.min(1), max: port.min(1) }).optional(),
    })
    .optional(),
  /** Limits against hostile clients (README, "Security"); each key optional. */
  guards: z
    .strictObject({
      maxBufferedBytes: limit,
      preJoinIdleMs: limit,
      fragmentTimeoutMs: limit,
      socketsPerAddress: limit,
      roomsPerAddressPerMinute: limit,
      maxRooms: limit,
      participantsPerRoom: limit,
      passcodeAttemptsPerMeetingPerMinute: limit,
      meetingLookupsPerAddressPerMinute: limit,
      http: z.strictObject({ headersTimeoutMs: limit, requestTimeoutMs: limit, keepAliveTimeoutMs: limit }).partial().optional(),
    })
    .optional(),
});
export type ConfigFile = z.infer<typeof configFileSchema>;

/** Reads, checks and resolves a configuration file into server options. Throws {@link ConfigError}. */
export function loadConfigFile(file: string): ServerOptions {
  const absolute = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(absolute, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new ConfigError(ConfigErrorCode.NotFound, `there is no configuration file at ${absolute}`);
    throw new ConfigError(ConfigErrorCode.Unreadable, `cannot read ${absolute}: ${(error as Error).message}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(ConfigErrorCode.NotJson, `${absolute} is not JSON: ${(error as Error).message}`);
  }
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length ? issue.path.join('.') : '(top level)'}: ${issue.message}`);
    throw new ConfigError(ConfigErrorCode.Invalid, `${absolute}:\n  ${problems.join('\n  ')}`);
  }
  return resolveFile(parsed.data, path.dirname(absolute));
}

function resolveFile(config: ConfigFile, base: string): ServerOptions {
  const { tokenSecretFile, updateFeed, webRoot, guards, meetingRecordFile, cluster, ...plain } = config;
  // Keys the file leaves out stay absent, so the defaults (and flags) apply to them.
  const result = Object.fromEntries(Object.entries(plain).filter(([, value]) => value !== undefined)) as ServerOptions;
  if (cluster !== undefined) {
    const { redis, ...rest } = cluster;
    result.cluster = { redisUrl: redis, ...Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)) };
  }
  if (webRoot !== undefined) result.webRoot = path.resolve(base, webRoot);
  if (guards !== undefined) {
    const { http, ...rest } = guards;
    const defined = (o: object): Record<string, number> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Record<string, number>;
    const partial = { ...defined(rest), ...(http ? { http: { ...resolveGuardLimits().http, ...defined(http) } } : {}) } as Partial<GuardLimits>;
    result.guards = resolveGuardLimits(partial);
  }
  if (meetingRecordFile !== undefined) result.meetingRecordFile = path.resolve(base, meetingRecordFile);
  if (updateFeed !== undefined) {
    const dir = path.resolve(base, updateFeed.dir);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new ConfigError(ConfigErrorCode.Invalid, `updateFeed.dir: ${dir} is not a folder`);
    }
    result.updateFeed = { dir };
  }
  if (tokenSecretFile !== undefined) {
    const secretFile = path.resolve(base, tokenSecretFile);
    let secret: Buffer;
    try {
      secret = fs.readFileSync(secretFile);
    } catch (error) {
      throw new ConfigError(ConfigErrorCode.Invalid, `tokenSecretFile: cannot read ${secretFile}: ${(error as Error).message}`);
    }
    if (secret.length < 32) throw new ConfigError(ConfigErrorCode.Invalid, `tokenSecretFile: ${secretFile} holds ${secret.length} bytes; the key needs 32 or more`);
    keepPrivate(secretFile);
    result.tokenSecret = new Uint8Array(secret);
    // Tokens outlive a restart: so do the removals and endings that refuse some of them.
    result.meetingRecordFile ??= path.join(path.dirname(secretFile), 'meeting-records.json');
  }
  return result;
}

/** A key file is readable by its owner only, whatever mode it was given (when we own it). */
function keepPrivate(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    // Owned by someone else (root, read through a group): the service manager's business.
  }
}
