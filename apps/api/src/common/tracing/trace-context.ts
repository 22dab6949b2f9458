import { context, propagation, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';

/**
 * Issue 16: trace context across queues. The carrier is the W3C Trace Context of the active span
 * (`traceparent`, and `tracestate` when there is one), serialised as JSON. BullMQ carries it in a
 * job's `opts.telemetry.metadata` (bullmq-telemetry.ts, for every `add`/`addBulk`); the outbox keeps
 * it with each event (`outbox_events.trace_context`) so the job the relay publishes later continues
 * the trace of the request that wrote the event. Without tracing (no SDK started) there is no
 * active span and nothing is written.
 */
export function traceMetadataOf(ctx: Context): string | null {
  if (!trace.getSpanContext(ctx)) return null;
  const carrier: Record<string, string> = {};
  propagation.inject(ctx, carrier);
  return carrier.traceparent ? JSON.stringify(carrier) : null;
}

/** The carrier of the span active now (null when none: tracing off, or outside any request or job). */
export function currentTraceMetadata(): string | null {
  return traceMetadataOf(context.active());
}

/** The context a carrier describes, on top of `base` (the parent of a job's span). */
export function contextFromTraceMetadata(metadata: string, base: Context = ROOT_CONTEXT): Context {
  try {
    const carrier = JSON.parse(metadata) as Record<string, string>;
    return propagation.extract(base, carrier);
  } catch {
    return base;
  }
}

/**
 * Job options that make the job's span a child of the given carrier, for jobs published away from
 * the request that caused them (the outbox relay); `{}` when there is none.
 */
export function jobTraceOptions(metadata: string | null | undefined): { telemetry?: { metadata: string } } {
  return metadata ? { telemetry: { metadata } } : {};
}
