import { loadConfig } from '../config/app.config';

/**
 * The first import of main.ts and worker.ts (or `node --require dist/src/observability/tracing-preload.js`
 * for another entry point): starts OpenTelemetry, when configured, before anything it instruments is
 * loaded. Without tracing the SDK is not even loaded. An invalid configuration is left for the entry
 * point to report (it exits naming every problem).
 */
function tracingEnabled(): boolean {
  try {
    return loadConfig().tracing.enabled;
  } catch {
    return false;
  }
}

if (tracingEnabled()) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracing } = require('./tracing') as typeof import('./tracing');
  startTracing(process.argv[1]?.includes('worker') ? 'businesscall-worker' : 'businesscall-api');
}
