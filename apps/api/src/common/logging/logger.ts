import { LoggerService } from '@nestjs/common';
import { context as otelContext, trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import { currentLogContext } from '../../observability/request-context';

/**
 * One JSON logger per process; Fastify's request logs and Nest's own logs both go through it.
 * Every line written inside a request or a job carries its request id or job id (async context,
 * observability/request-context.ts); Fastify's own request logger already binds `requestId`.
 */
export function createRootLogger(
  level: string,
  role: 'api' | 'worker' | 'script',
  destination?: pino.DestinationStream,
): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: { role, pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: (_obj, _level, logger) => {
      // With tracing on (issue 16), the OpenTelemetry trace id too (`trace_id`, as OpenTelemetry names
      // it; `traceId` in problems is the request id): a log line leads to its trace and back.
      const span = trace.getSpanContext(otelContext.active());
      const traced = span ? { trace_id: span.traceId } : {};
      const context = currentLogContext();
      if (!context) return traced;
      if (context.requestId && 'requestId' in logger.bindings()) return traced;
      return { ...context, ...traced };
    },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'res.headers["set-cookie"]',
        '*.password',
        '*.refreshToken',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Adapts pino to Nest's LoggerService so framework and app messages share the JSON format. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(
    level: 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal',
    message: unknown,
    rest: unknown[],
  ) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const obj: Record<string, unknown> = context ? { context } : {};
    if (message !== null && typeof message === 'object') {
      const extra = rest.find((r) => typeof r === 'string');
      this.logger[level]({ ...obj, ...(message as object) }, extra as string | undefined);
      return;
    }
    if (level === 'error' && typeof rest[0] === 'string') obj.stack = rest[0];
    this.logger[level](obj, String(message));
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }
}
