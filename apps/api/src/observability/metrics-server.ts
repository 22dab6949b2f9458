import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';
import { metricsRegistry } from './metrics';

/**
 * `/metrics` (Prometheus text format) and `/health/live` on a listener of their own, never on the
 * public API port: the reverse proxy forwards only the API's paths, and the listener binds to
 * loopback unless METRICS_HOST says otherwise (in a container: the pod network, not published).
 * Process-level figures (event loop, heap) would tell an outsider how loaded we are, and the
 * scrape runs queries; so neither belongs on the internet. The worker has no other HTTP, so this
 * is also its liveness signal.
 */
export async function startMetricsServer(
  port: number,
  host: string,
  logger: Logger,
  role: 'api' | 'worker',
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') {
      res.writeHead(405, { allow: 'GET' }).end();
      return;
    }
    if (path === '/health/live') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'ok', role }));
      return;
    }
    if (path !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    metricsRegistry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body),
      (err: Error) => {
        logger.error({ err }, 'metrics scrape failed');
        res.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.unref();
  logger.info({ port, host }, `metrics on http://${host}:${port}/metrics`);
  return server;
}
