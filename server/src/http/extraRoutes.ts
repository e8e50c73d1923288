/**
 * The optional HTTP routes createServer mounts in front of the web client: readiness, and the LAN
 * update feed when the config names a folder. Kept apart from createServer so each route stays a
 * small module of its own.
 */
import type http from 'node:http';
import type { ServerConfig } from '../config';
import type { Logger } from '../logger';
import type { WorkerPool } from '../media/WorkerPool';
import { readinessRoute } from './health';
import { updateFeedRoute } from './updateFeed';

/** A route answers true when it took the request. */
export type Route = (req: http.IncomingMessage, res: http.ServerResponse) => boolean;

/** Something with counters to show at `/metrics`, in Prometheus text format. */
export interface MetricsSource {
  prometheus(): string;
}

export function extraRoutes(config: ServerConfig, pool: WorkerPool, logger: Logger, metrics: readonly MetricsSource[]): Route {
  const routes: Route[] = [readinessRoute(pool, config.workers), metricsRoute(metrics)];
  if (config.updateFeed) {
    routes.push(updateFeedRoute(config.updateFeed.dir, logger.child('updates')));
    logger.info(`extraRoutes() | serving the update feed in ${config.updateFeed.dir} at /updates/`);
  }
  return (req, res) => routes.some((route) => route(req, res));
}

/** `/metrics`: the guards' and the video self-healing counters in Prometheus text format. */
function metricsRoute(metrics: readonly MetricsSource[]): Route {
  return (req, res) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/metrics') return false;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4', 'cache-control': 'no-store' });
    res.end(metrics.map((source) => source.prometheus()).join(''));
    return true;
  };
}
