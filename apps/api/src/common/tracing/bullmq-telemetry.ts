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
import { QueueName } from '../../queues/queue-names';
import { contextFromTraceMetadata, traceMetadataOf } from './trace-context';

/**
 * BullMQ operations recorded as spans: enqueueing (producer) and processing (consumer). The rest
 * (`getNextJob` on every poll, stalled checks, pauses) would be a root span per poll per queue and
 * worker, noise in any tracing backend; they still pass the context through.
 */
const RECORDED = new Set(['add', 'addBulk', 'process']);

/**
 * Queues a scheduler feeds several times a second (the outbox relay every 200 ms, the desk sweep
 * every second): a trace per tick would drown everything else. Their jobs are not traced; the
 * events the relay publishes still carry the trace of the request that wrote them (outbox).
 */
const HEARTBEAT_QUEUES: ReadonlySet<string> = new Set([QueueName.OutboxRelay, QueueName.Desk]);

/** Whether BullMQ's span `<operation> <queue>[.<job>]` is recorded under `parent`. */
function recorded(name: string, parent: Context): boolean {
  const [operation, destination = ''] = name.split(' ');
  if (!RECORDED.has(operation) || HEARTBEAT_QUEUES.has(destination.split('.')[0])) return false;
  // An enqueue outside any request or job (a schedule's next run, set up at boot or by the worker
  // between jobs) starts no trace: BullMQ would copy that context into every later run of the
  // schedule, making one endless trace. Those jobs' own `process` spans start a trace each.
  return operation === 'process' || trace.getSpan(parent) !== undefined;
}

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
        const parent = (ctx as Context | undefined) ?? context.active();
        if (!recorded(name, parent)) return UNRECORDED;
        return new RecordedSpan(tracer.startSpan(name, { kind: options?.kind as never }, parent));
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
