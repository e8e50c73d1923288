import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_FRAME_BYTES } from '../../src-common/protocol';
import { HostedMeetings } from './admission/HostedMeetings';
import { SessionTokens } from './auth/SessionTokens';
import { resolveConfig, type ServerConfig } from './config';
import { extraRoutes } from './http/extraRoutes';
import { serveStatic } from './http/staticFiles';
import { decideUpgrade } from './http/upgradePolicy';
import { Logger } from './logger';
import { WorkerPool } from './media/WorkerPool';
import { RoomRegistry } from './RoomRegistry';
import { Connection } from './signaling/Connection';

/** Frames above MAX_FRAME_BYTES get a TOO_LARGE reply; above this the socket itself is closed (1009). */
const HARD_FRAME_LIMIT = 4 * MAX_FRAME_BYTES;

export interface ParleyServer {
  /** Base URL of the web client and signaling (`ws` at `<url>/ws`). */
  readonly url: string;
  readonly config: ServerConfig;
  /** The mediasoup workers, for stats and for tests that kill one. */
  readonly workers: WorkerPool;
  /** Live rooms, for stats and for tests that check nothing leaks. */
  readonly rooms: RoomRegistry;
  /** Signs and checks this server's session tokens (also used to revoke a removed peer's). */
  readonly tokens: SessionTokens;
  /** Meetings hosted by invite code: `meetings.host({ name, hostName })` creates one. */
  readonly meetings: HostedMeetings;
  /** Stops accepting, closes every connection, room and worker. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts one Parley SFU: mediasoup workers, an HTTP server with the web client, health and the
 * WebSocket signaling on one port. Everything it owns hangs off the returned object, so any
 * number can run in one process (embedded in the app, standalone, or in tests).
 */
export async function createServer(options: Partial<ServerConfig> = {}): Promise<ParleyServer> {
  const config = resolveConfig(options);
  const logger = new Logger('[parley]', config.logLevel, config.logSink);
  const pool = await WorkerPool.create({
    count: config.workers,
    listenIp: config.host,
    announcedAddress: config.announcedAddress,
    rtcPort: config.rtcPort,
    healthCheckMs: config.workerHealth.everyMs,
    healthTimeoutMs: config.workerHealth.timeoutMs,
    logger: logger.child('workers'),
  });
  const rooms = new RoomRegistry(pool, config, logger);
  const tokens = new SessionTokens(config.tokenSecret ? { secret: config.tokenSecret } : {});
  const webRoot = path.resolve(config.webRoot);

  const meetings = new HostedMeetings({ rooms, tokens, logger: logger.child('meetings') });
  const routes = extraRoutes(config, pool, logger);

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
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();

  const upgradePolicy = {
    allowedOrigins: config.allowedOrigins,
    allowedHosts: config.allowedHosts,
    ownNames: [os.hostname().toLowerCase(), config.announcedAddress.toLowerCase(), config.host.toLowerCase()],
  };
  httpServer.on('upgrade', (req, socket, head) => {
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
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      const remoteAddress = req.socket.remoteAddress ?? 'unknown';
      new Connection(ws, { rooms, tokens, meetings, mode: config.mode, remoteAddress }, logger.child(`conn:${req.socket.remoteAddress}:${req.socket.remotePort}`));
    });
  });

  // A client that vanished without closing (network drop, sleep) misses two pings and is dropped,
  // which releases its peer.
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, config.heartbeatMs);
  heartbeat.unref();

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(config.port, config.host, () => resolve());
    });
  } catch (error) {
    clearInterval(heartbeat);
    pool.close();
    throw error;
  }
  const { port } = httpServer.address() as AddressInfo;
  const urlHost = config.announcedAddress.includes(':') ? `[${config.announcedAddress}]` : config.announcedAddress;
  const url = `${config.tls ? 'https' : 'http'}://${urlHost}:${port}`;
  logger.info(`createServer() | listening on ${url} with ${pool.size} worker(s)`);

  let closing: Promise<void> | undefined;
  return {
    url,
    config,
    workers: pool,
    rooms,
    tokens,
    meetings,
    close() {
      closing ??= (async () => {
        clearInterval(heartbeat);
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        meetings.close();
        rooms.close();
        pool.close();
        httpServer.closeAllConnections();
        await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        logger.info('close() | stopped');
      })();
      return closing;
    },
  };
}
