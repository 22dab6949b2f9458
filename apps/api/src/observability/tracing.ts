import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { IncomingMessage } from 'node:http';

/** Paths probed or scraped every few seconds: no span for them. */
const UNTRACED_PATHS = /^\/(api\/v1\/)?(health\/(live|ready)|metrics)(\?|$)/;

let sdk: NodeSDK | null = null;

/**
 * Issue 16: OpenTelemetry tracing, on only when configured (TRACING=otlp or an OTLP endpoint).
 * Spans: HTTP server and client (node:http, so every Fastify route and outgoing call), PostgreSQL
 * (pg) and Redis (ioredis) inside a request or job, and BullMQ's add/process
 * (common/tracing/bullmq-telemetry.ts). Exported over OTLP/HTTP (JSON) to the endpoint the standard
 * variables name; OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_HEADERS and
 * OTEL_TRACES_SAMPLER(_ARG) are read by the SDK itself.
 *
 * Must run before pg, ioredis, node:http or Fastify are loaded (the instrumentations patch them as
 * they are required): tracing-preload.ts is the first import of main.ts and worker.ts.
 */
export function startTracing(serviceName: string): void {
  if (sdk) return;
  sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || serviceName,
    traceExporter: new OTLPTraceExporter(),
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req: IncomingMessage) => UNTRACED_PATHS.test(req.url ?? ''),
        // The exporter's own POSTs would trace themselves.
        ignoreOutgoingRequestHook: (req) => String(req.path ?? '').startsWith('/v1/traces'),
      }),
      // Only inside a request or a job: pool checks, metric scrapes and BullMQ's polling stay out.
      new PgInstrumentation({ requireParentSpan: true }),
      new IORedisInstrumentation({ requireParentSpan: true }),
    ],
  });
  sdk.start();
}

/** Flushes the spans still buffered (on shutdown; the tests). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = null;
  await running?.shutdown();
}

export function tracingStarted(): boolean {
  return sdk !== null;
}
