import {
  context,
  ROOT_CONTEXT,
  SpanStatusCode,
  trace,
  type Attributes as OtelAttributes,
  type Context,
  type Span as OtelSpan,
} from '@opentelemetry/api';
import type { Telemetry, Span as BullSpan, Attributes, AttributeValue } from 'bullmq';
import { contextFromTraceMetadata, traceMetadataOf } from './trace-context';

/**
 * BullMQ operations recorded as spans: enqueueing (producer) and processing (consumer). The rest
 * (`getNextJob` on every poll, stalled checks, pauses) would be a root span per poll per queue and
 * worker, noise in any tracing backend; they still pass the context through.
 */
const RECORDED = new Set(['add', 'addBulk', 'process']);

class RecordedSpan implements BullSpan<Context> {
  constructor(private readonly span: OtelSpan) {}
  setSpanOnContext(ctx: Context): Context {
    return trace.setSpan(ctx, this.span);
  }
  setAttribute(key: string, value: AttributeValue): void {
    this.span.setAttribute(key, value as never);
  }
  setAttributes(attributes: Attributes): void {
    this.span.setAttributes(attributes as OtelAttributes);
  }
  addEvent(name: string, attributes?: Attributes): void {
    this.span.addEvent(name, attributes as OtelAttributes);
  }
  recordException(exception: unknown): void {
    this.span.recordException(exception as Error);
    this.span.setStatus({ code: SpanStatusCode.ERROR });
  }
  end(): void {
    this.span.end();
  }
}

/** A span BullMQ may use that records nothing and leaves the context as it is. */
const UNRECORDED: BullSpan<Context> = {
  setSpanOnContext: (ctx) => ctx,
  setAttribute: () => undefined,
  setAttributes: () => undefined,
  addEvent: () => undefined,
  recordException: () => undefined,
  end: () => undefined,
};

/**
 * BullMQ's telemetry hook on OpenTelemetry (issue 16): `add`/`addBulk` put the active trace context
 * into the job (`opts.telemetry.metadata`, W3C traceparent) and the worker's `process` span is a
 * child of it, so a job continues the trace of the request (or job) that enqueued it, and the
 * PostgreSQL, Redis and HTTP spans the job makes hang under it. Given to BullModule only when
 * tracing is on (queues.module.ts).
 */
export function bullmqTelemetry(): Telemetry<Context> {
  const tracer = trace.getTracer('businesscall-bullmq');
  return {
    tracer: {
      startSpan(name, options, ctx) {
        if (!RECORDED.has(name.split(' ')[0])) return UNRECORDED;
        return new RecordedSpan(
          tracer.startSpan(name, { kind: options?.kind as never }, ctx ?? context.active()),
        );
      },
    },
    contextManager: {
      with: (ctx, fn) => context.with(ctx as Context, fn),
      active: () => context.active(),
      root: () => ROOT_CONTEXT,
      getMetadata: (ctx) => traceMetadataOf(ctx as Context) ?? '',
      fromMetadata: (active, metadata) =>
        metadata ? contextFromTraceMetadata(metadata, active as Context) : (active as Context),
    },
  };
}
