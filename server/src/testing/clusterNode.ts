import { startTestServer, type TestServer } from './testServer';

/**
 * A test server joined as node `nodeId` to the cluster whose directory is the Redis at
 * `redisUrl`, under `prefix` (one of the test's own), piping on loopback, with quick heartbeats.
 */
export function startClusterNode(redisUrl: string, nodeId: string, prefix: string): Promise<TestServer> {
  return startTestServer({ cluster: { redisUrl, nodeId, prefix, pipeAddress: '127.0.0.1', heartbeatMs: 200, nodeTtlMs: 1_000, requestTimeoutMs: 2_000 } });
}
