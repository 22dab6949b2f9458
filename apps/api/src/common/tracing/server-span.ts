import { context, trace } from '@opentelemetry/api';

/**
 * Names the active HTTP server span after the route template (`GET /api/v1/inquiries/:id`), as
 * OpenTelemetry's conventions ask; node:http's instrumentation alone only knows the method. Without
 * tracing there is no active span and this does nothing.
 */
export function nameServerSpan(method: string, route: string | undefined): void {
  if (!route) return;
  const span = trace.getSpan(context.active());
  if (!span) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
}
