import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';
import { AppModule } from './app.module';
import type { AppConfig } from './config/app.config';
import {
  ProblemDetailsFilter,
  sendProblem,
  writeProblemToSocket,
} from './common/errors/problem-details.filter';
import { DomainError } from './common/errors/domain-error';
import { assertCleanInput, assertWellFormedUrl, decodeUtf8Body } from './common/validation/hostile-input';
import { PinoNestLogger } from './common/logging/logger';
import { RequestValidationPipe } from './common/validation/validation.pipe';
import { DOCUMENT_MULTIPART_LIMITS } from './modules/accounts/documents/multipart-upload';
import {
  PAYMENT_WEBHOOK_PATH,
  type RawBodyRequest,
} from './modules/billing/payments/payment-webhook.controller';
import { httpRequestDuration } from './observability/metrics';
import { runWithLogContext } from './observability/request-context';
import { nameServerSpan } from './common/tracing/server-span';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;
const frameworkLog = new Logger('http');

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
    // The router refuses a malformed URL (400) or an over-long route parameter (414) before any hook
    // or Nest handler runs; answered here so they too are problem+json.
    frameworkErrors: (error: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
      const code = (error as { code?: string }).code;
      const err =
        code === 'FST_ERR_BAD_URL'
          ? new DomainError('MALFORMED_URL', 'The URL has malformed percent-encoding or is not UTF-8.')
          : (error as { statusCode?: number }).statusCode === 414
            ? new DomainError('URI_TOO_LONG', 'A part of the URL is longer than the limit.')
            : error;
      void reply.header('x-request-id', req.id);
      sendProblem(err, req, reply, frameworkLog);
    },
    // Requests Node's HTTP parser cannot read (a NUL or bad byte in a header, headers over 16 kB)
    // never reach Fastify's routing; this answers them in the same format before closing.
    clientErrorHandler: (err, socket) => writeProblemToSocket(err, socket),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: new PinoNestLogger(logger),
    bufferLogs: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // The API speaks JSON only: other bodies are answered 415, not parsed as text.
  fastify.removeContentTypeParser('text/plain');
  // Everything the request runs (services, repositories, libraries) logs with its request id.
  fastify.addHook('onRequest', (req, _reply, done) => runWithLogContext({ requestId: req.id }, done));
  fastify.addHook('onRequest', async (req, reply) => {
    void reply.header('x-request-id', req.id);
    nameServerSpan(req.method, req.routeOptions.url);
  });
  // Latency by route template (never the raw URL: ids would make a series per inquiry).
  fastify.addHook('onResponse', async (req, reply) => {
    httpRequestDuration.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  // Errors raised by Fastify itself (malformed JSON, body too large) reach ProblemDetailsFilter
  // through the error handler Nest installs, so they get the same problem format.

  // Hostile input is refused once, here, for every route (common/validation/hostile-input.ts):
  // malformed percent-encoding before anything decodes the URL; NUL, unpaired surrogates and
  // nesting deeper than 64 levels in the parsed query, route parameters and body before validation
  // (class-transformer) or any handler sees them.
  fastify.addHook('onRequest', async (req) => {
    assertWellFormedUrl(req.url);
  });
  fastify.addHook('preValidation', async (req) => {
    // An unknown route is a 404 whatever its wildcard parameter holds.
    if (req.is404) return;
    assertCleanInput(req.params, '/param');
    assertCleanInput(req.query, '/query');
    assertCleanInput(req.body, '/body');
  });
  // JSON bodies must be UTF-8 (RFC 8259): invalid bytes are refused rather than silently becoming
  // U+FFFD. Parsing itself stays Fastify's (secure-json-parse, prototype poisoning refused).
  const defaultJsonParser = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: config.http.bodyLimitBytes }, (req, body, done) => {
    let text: string;
    try {
      text = decodeUtf8Body(body);
    } catch (err) {
      done(err as Error, undefined);
      return;
    }
    // The payment provider signs the exact bytes of its events (Stripe-Signature): keep them there.
    if (req.url.startsWith(PAYMENT_WEBHOOK_PATH)) (req as RawBodyRequest).rawBody = text;
    defaultJsonParser(req as never, text, done);
  });

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
