// Before anything else: OpenTelemetry (when configured) must patch pg, ioredis and node:http as they load.
import './observability/tracing-preload';
import 'reflect-metadata';
import { loadConfig } from './config/app.config';
import { InvalidEnvironmentError } from './config/env.validation';
import { createRootLogger } from './common/logging/logger';
import { createHttpApp } from './http-app';
import { installShutdownDeadline } from './shutdown';
import { startMetricsServer } from './observability/metrics-server';

/** The HTTP API process. Run as many as needed behind a load balancer; they share nothing in memory. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof InvalidEnvironmentError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const logger = createRootLogger(config.logLevel, 'api');
  const app = await createHttpApp(config, logger);
  installShutdownDeadline(logger);
  await app.listen({ port: config.http.port, host: config.http.host });
  if (config.metrics.port) await startMetricsServer(config.metrics.port, config.metrics.host, logger, 'api');
  logger.info(
    { port: config.http.port },
    `API listening on http://localhost:${config.http.port} (docs: /api/docs, routes under /api/v1)`,
  );
}

void main();
