import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import path from 'node:path';
import { WebSocketServer } from 'ws';
import { MAX_FRAME_BYTES } from '../../src-common/protocol';
import { clientCookie, clientIdFrom, newClientId, type ClientId } from './admission/clientId';
import { HostedMeetings } from './admission/HostedMeetings';
import { MeetingAuthority } from './auth/MeetingAuthority';
import { FileMeetingRecordStore, MemoryMeetingRecordStore } from './auth/MeetingRecordStore';
import { SessionTokens, TOKEN_TTL_SECONDS } from './auth/SessionTokens';
import { resolveConfig, type ServerConfig, type ServerOptions } from './config';
import { GuardMetrics } from './guards/GuardMetrics';
import { SocketGuard } from './guards/SocketGuard';
import { extraRoutes } from './http/extraRoutes';
import { loopbackPlainListener } from './http/loopbackPlain';
import { serveStatic } from './http/staticFiles';
import { decideUpgrade } from './http/upgradePolicy';
import { Logger } from './logger';
import { WorkerPool } from './media/WorkerPool';
import { RoomRegistry } from './RoomRegistry';
import { Connection } from './signaling/Connection';
import { ClusterNode } from './cluster/ClusterNode';
import type { RoomId } from '../../src-common/ids';

/** Frames above MAX_FRAME_BYTES get a TOO_LARGE reply; above this the socket itself is closed (1009). */
const HARD_FRAME_LIMIT = 4 * MAX_FRAME_BYTES;

export interface ParleyServer {
  /** Base URL of the web client and signaling (`ws` at `<url>/ws`). */
  readonly url: string;
  /** `http://localhost:<port>` when `plainLoopback` serves this machine over plain HTTP too; null otherwise. */
  readonly localUrl: string | null;
  readonly config: ServerConfig;
  /** The mediasoup workers, for stats and for tests that kill one. */
  readonly workers: WorkerPool;
  /** Live rooms, for stats and for tests that check nothing leaks. */
  readonly rooms: RoomRegistry;
  /** Signs and checks this server's session tokens (also used to revoke a removed peer's). */
  readonly tokens: SessionTokens;
  /** Meetings hosted by invite code: `meetings.host({ name, hostName })` creates one. */
  readonly meetings: HostedMeetings;
  /** What the guards refused (also served at `/metrics`). */
  readonly metrics: GuardMetrics;
  /** This server as a node of a cluster (`cluster` in the config); undefined on its own. */
  readonly cluster: ClusterNode | undefined;
  /** Stops accepting, closes every connection, room and worker. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts one Parley SFU: mediasoup workers, an HTTP server with the web client, health and the
 * WebSocket signaling on one port. Everything it owns hangs off the returned object, so any
 * number can run in one process (embedded in the app, standalone, or in tests).
 */
export async function createServer(options: ServerOptions = {}): Promise<ParleyServer> {
  const config = resolveConfig(options);
  const logger = new Logger('[parley]', config.logLevel, config.logSink);
  const pool = await WorkerPool.create({
    count: config.workers,
    listenIp: config.host,
    announcedAddress: config.announcedAddress,
    rtcPort: config.rtcPort,
    ...(config.cluster ? { portRange: config.cluster.pipePorts } : {}),
    healthCheckMs: config.workerHealth.everyMs,
    healthTimeoutMs: config.workerHealth.timeoutMs,
    logger: logger.child('workers'),
  });
  const metrics = new GuardMetrics(logger.child('guards'));
  // Removals, roles and endings: on disk when configured, so they survive a restart as tokens do.
  const records = config.meetingRecordFile ? FileMeetingRecordStore.open(config.meetingRecordFile) : new MemoryMeetingRecordStore();
  const authority = new MeetingAuthority(records, TOKEN_TTL_SECONDS);
  const tokens = new SessionTokens({ ...(config.tokenSecret ? { secret: config.tokenSecret } : {}), authority });
  // In a cluster, rooms span the nodes their people reach (README, "Cluster").
  // The node answers other nodes' pipe requests from the rooms, which are made after it.
  const registry: { rooms?: RoomRegistry } = {};
  let cluster: ClusterNode | undefined;
  if (config.cluster) {
    const nodeId = config.cluster.nodeId;
    try {
      cluster = await ClusterNode.create({
        config: config.cluster,
        host: config.host,
        logger: logger.child(`node:${nodeId}`),
        findRouter: (roomId, routerId) => registry.rooms?.routerOf(roomId as RoomId, routerId),
        workers: () => registry.rooms?.workerLoads(nodeId) ?? [],
      });
    } catch (error) {
      pool.close();
      throw error;
    }
  }
  const rooms = new RoomRegistry(pool, config, logger, { metrics, authority, ...(cluster ? { cluster } : {}) });
  registry.rooms = rooms;
  const webRoot = path.resolve(config.webRoot);

  const meetings = new HostedMeetings({
    rooms,
    tokens,
    logger: logger.child('meetings'),
    metrics,
    passcodeAttemptsPerMinute: config.guards.passcodeAttemptsPerMeetingPerMinute,
    lookupsPerMinute: config.guards.meetingLookupsPerAddressPerMinute,
  });
  const routes = extraRoutes(config, pool, logger, [metrics, rooms.videoHealth]);

  const onRequest: http.RequestListener = (req, res) => {
    if (routes(req, res)) return;
    if (req.url === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, workers: pool.size, rooms: rooms.size }));
      return;
    }
    serveStatic(webRoot, req, res);
  };
  const httpServer = config.tls ? https.createServer({ cert: config.tls.cert, key: config.tls.key }, onRequest) : http.createServer(onRequest);
  // This machine's own browser may come over plain http://localhost (a secure context, no warning).
  const plainServer = config.tls && config.plainLoopback ? http.createServer(onRequest) : undefined;
  const servers = plainServer ? [httpServer, plainServer] : [httpServer];
  for (const server of servers) {
    // Deliberate timeouts: a client that trickles its headers or body, or idles on keep-alive, is cut.
    server.headersTimeout = config.guards.http.headersTimeoutMs;
    server.requestTimeout = config.guards.http.requestTimeoutMs;
    server.keepAliveTimeout = config.guards.http.keepAliveTimeoutMs;
  }
  const listener = plainServer ? loopbackPlainListener(httpServer as https.Server, plainServer, config.guards.http.headersTimeoutMs) : httpServer;
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT, perMessageDeflate: false });
  // A browser without our cookie gets one on its first socket (admission/clientId.ts).
  const newClients = new WeakMap<http.IncomingMessage, ClientId>();
  wss.on('headers', (headers, req) => {
    const id = newClients.get(req);
    if (id) headers.push(`Set-Cookie: ${clientCookie(id, (req.socket as TLSSocket).encrypted === true)}`);
  });
  // Answers pings, counts sockets per address, cuts half-sent messages.
  const sockets = new SocketGuard(config.guards, metrics, config.heartbeatMs);
  const moderationLog = logger.child('moderation');
  const connectionGuards = { maxBufferedBytes: config.guards.maxBufferedBytes, preJoinIdleMs: config.guards.preJoinIdleMs, metrics };

  const upgradePolicy = {
    allowedOrigins: config.allowedOrigins,
    allowedHosts: config.allowedHosts,
    ownNames: [os.hostname().toLowerCase(), config.announcedAddress.toLowerCase(), config.host.toLowerCase()],
  };
  const onUpgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    const decision = decideUpgrade({ host: req.headers.host, origin: req.headers.origin }, upgradePolicy);
    if (!decision.ok) {
      logger.warn(`upgrade refused | ${req.socket.remoteAddress}: ${decision.reason}`);
      socket.end(`HTTP/1.1 ${decision.status} ${decision.status === 403 ? 'Forbidden' : 'Misdirected Request'}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const remoteAddress = req.socket.remoteAddress ?? 'unknown';
    if (!sockets.admits(remoteAddress)) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n');
      return;
    }
    const known = clientIdFrom(req);
    const clientId = known ?? newClientId();
    if (!known) newClients.set(req, clientId);
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.watch(ws, remoteAddress);
      const services = { rooms, tokens, meetings, mode: config.mode, remoteAddress, clientId, audit: (line: string) => moderationLog.info(line) };
      new Connection(ws, services, logger.child(`conn:${remoteAddress}:${req.socket.remotePort}`), connectionGuards);
    });
  };
  for (const server of servers) server.on('upgrade', onUpgrade);

  try {
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    sockets.close();
    rooms.close();
    await cluster?.close();
    pool.close();
    throw error;
  }
  const { port } = listener.address() as AddressInfo;
  const urlHost = config.announcedAddress.includes(':') ? `[${config.announcedAddress}]` : config.announcedAddress;
  const url = `${config.tls ? 'https' : 'http'}://${urlHost}:${port}`;
  const localUrl = plainServer ? `http://localhost:${port}` : null;
  logger.info(`createServer() | listening on ${url}${localUrl ? ` (and ${localUrl} for this machine)` : ''} with ${pool.size} worker(s)`);

  let closing: Promise<void> | undefined;
  return {
    url,
    localUrl,
    config,
    workers: pool,
    rooms,
    tokens,
    meetings,
    metrics,
    cluster,
    close() {
      closing ??= (async () => {
        sockets.close();
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        meetings.close();
        rooms.close();
        await cluster?.close();
        pool.close();
        await records.close();
        for (const server of servers) server.closeAllConnections();
        await new Promise<void>((resolve) => listener.close(() => resolve()));
        logger.info('close() | stopped');
      })();
      return closing;
    },
  };
}
