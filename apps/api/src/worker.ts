// Before anything else: OpenTelemetry (when configured) must patch pg, ioredis and node:http as they load.
import './observability/tracing-preload';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from './config/app.config';
import { InvalidEnvironmentError } from './config/env.validation';
import { createRootLogger, PinoNestLogger } from './common/logging/logger';
import { installShutdownDeadline } from './shutdown';
import { startMetricsServer } from './observability/metrics-server';
import { WorkerModule } from './worker.module';

/** The worker process: BullMQ processors and schedulers, no HTTP. Scale by starting more of them. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof InvalidEnvironmentError) {
      console.error(err.message);
      process.exit(78);
    }
    throw err;
  }
  const logger = createRootLogger(config.logLevel, 'worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: new PinoNestLogger(logger),
  });
  app.enableShutdownHooks();
  installShutdownDeadline(logger);
  if (config.metrics.port)
    await startMetricsServer(config.metrics.port, config.metrics.host, logger, 'worker');
  logger.info('worker started');
}

void main();
