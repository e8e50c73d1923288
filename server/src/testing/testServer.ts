/** Starting servers for tests, and reading what their mediasoup workers still hold. */
import type { ServerOptions } from '../config';
import { createServer, type ParleyServer } from '../createServer';
import { defaultGuardLimits } from '../guards/limits';
import type { WorkerSlot } from '../media/WorkerPool';
import { signalingUrl } from './TestClient';

export interface TestServer extends ParleyServer {
  /** The signaling WebSocket address. */
  readonly wsUrl: string;
  /** Error-level log lines; an unexpected failure on the server shows up here. */
  readonly errors: string[];
}

/** A server on a free port with one worker and a short empty-room timeout. */
export async function startTestServer(overrides: ServerOptions = {}): Promise<TestServer> {
  const errors: string[] = [];
  const server = await createServer({
    host: '127.0.0.1',
    port: 0,
    workers: 1,
    rtcPort: 0,
    logLevel: 'warn',
    emptyRoomTimeoutMs: 200,
    // Every test client comes from 127.0.0.1: the per-address room limit is attacked in
    // guards.test.ts, and would otherwise bite a file that makes rooms quickly.
    guards: { ...defaultGuardLimits, roomsPerAddressPerMinute: 10_000 },
    logSink: (level, line) => {
      if (level === 'error') errors.push(line);
    },
    ...overrides,
  });
  return Object.assign(server, { wsUrl: signalingUrl(server), errors });
}

interface WorkerDump {
  routerIds: string[];
  webRtcServerIds: string[];
  /** Every object (WebRtcServer, router, transport, producer, consumer) the worker answers for. */
  channelMessageHandlers: { channelRequestHandlers: string[] };
}

/** What a worker holds, straight from the mediasoup-worker process. */
export async function workerState(slot: WorkerSlot): Promise<{ routerIds: string[]; objectIds: string[]; webRtcTransportIds: string[] }> {
  const dump = (await slot.worker.dump()) as WorkerDump;
  const server = (await slot.webRtcServer.dump()) as { webRtcTransportIds: string[] };
  return {
    routerIds: [...dump.routerIds].sort(),
    objectIds: [...dump.channelMessageHandlers.channelRequestHandlers].sort(),
    webRtcTransportIds: [...server.webRtcTransportIds].sort(),
  };
}
