import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app.config';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { PinoNestLogger } from './common/logging/logger';
import { RequestValidationPipe } from './common/validation/validation.pipe';
import { DOCUMENT_MULTIPART_LIMITS } from './modules/accounts/documents/multipart-upload';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Builds the HTTP application exactly as it runs: Fastify, JSON logs with a request id, helmet,
 * CORS for our two apps, cookies, one problem+json error format, validation, and the API docs.
 * main.ts, the tests, the OpenAPI generator and the benchmark all start from here.
 */
export async function createHttpApp(config: AppConfig, logger: PinoLogger): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    loggerInstance: logger,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: config.logLevel === 'silent',
    }),
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    bodyLimit: config.http.bodyLimitBytes,
    // We use no Nest middleware (Fastify hooks, guards and filters instead), so middie's per-request
    // hook is pure cost: about 10 % of a trivial route's throughput (bench/README.md).
    skipMiddie: true,
    trustProxy: config.http.trustProxy,
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: other bodies are answered 415, not parsed as text.
  fastify.removeContentTypeParser('text/plain');
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
  });
  // Errors raised by Fastify itself (malformed JSON, body too large) reach ProblemDetailsFilter
  // through the error handler Nest installs, so they get the same problem format.

  await app.register(helmet as never);
  await app.register(cookie as never);
  // Identity documents (R1.3) are uploaded as multipart/form-data: one file of at most 10 MB, a
  // few fields. Bodies are read only by the routes that want them (documents/multipart-upload.ts).
  await app.register(multipart as never, { limits: DOCUMENT_MULTIPART_LIMITS, throwFileSizeLimit: true });
  app.enableCors({ origin: config.http.corsOrigins, credentials: true });
  app.setGlobalPrefix('api');
  app.useGlobalFilters(new ProblemDetailsFilter());
  app.useGlobalPipes(new RequestValidationPipe());
  app.enableShutdownHooks();

  SwaggerModule.setup('api/docs', app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'api/docs/openapi.json',
    customSiteTitle: `${config.brandName} API`,
  });
  return app;
}

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const doc = new DocumentBuilder()
    .setTitle('BusinessCall API')
    .setDescription(
      'The REST API of BusinessCall. Customer routes take a token minted for the web app, `/v1/admin` routes one minted for the console. Every error is `application/problem+json`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, doc, {
    // Stable, readable operation ids: the generated client's names do not churn.
    operationIdFactory: (controllerKey, methodKey) =>
      `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${methodKey}`,
  });
}
