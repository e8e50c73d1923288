/**
 * Readiness for orchestration (systemd, Kubernetes, a load balancer). `/healthz` (liveness: the
 * process answers) is served by createServer itself; `/readyz` says whether this server can take
 * a meeting now: at least one mediasoup worker is alive. While a dead worker is being replaced the
 * others still take rooms; with none alive the answer is 503 until one is back.
 */
import type http from 'node:http';
import type { WorkerPool } from '../media/WorkerPool';

export interface Readiness {
  ready: boolean;
  /** Live workers and how many the server runs when all are up. */
  workers: { live: number; configured: number };
}

export function readiness(pool: WorkerPool, configured: number): Readiness {
  const live = pool.all().filter((slot) => !slot.worker.closed).length;
  return { ready: live > 0, workers: { live, configured } };
}

export function readinessRoute(pool: WorkerPool, configured: number): (req: http.IncomingMessage, res: http.ServerResponse) => boolean {
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/readyz') return false;
    const state = readiness(pool, configured);
    res.writeHead(state.ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(state));
    return true;
  };
}
