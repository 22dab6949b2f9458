import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { startSmtpSink, type CaughtMail, type SmtpSink } from '@bc/fakes';
import { createRootLogger, PinoNestLogger } from '../../src/common/logging/logger';
import { WorkerModule } from '../../src/worker.module';
import { testConfig, type TestDatabase } from './test-app';

export type { CaughtMail };

/** The SMTP fake (fakes/src/smtp-sink.js) on free ports, quiet, with what tests need around it. */
export interface TestSmtpSink extends SmtpSink {
  /** Config overrides that point the worker at this sink: pass to testConfig / startTestApp. */
  env: { SMTP_HOST: string; SMTP_PORT: string };
  /** The first mail to `to` (already caught or still to come): subject, text and html decoded. */
  waitForMail(
    to: string,
    opts?: { timeoutMs?: number; match?: (m: CaughtMail) => boolean },
  ): Promise<CaughtMail>;
}

export async function startTestSmtpSink(): Promise<TestSmtpSink> {
  const sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, quiet: true });
  return Object.assign(sink, {
    env: { SMTP_HOST: sink.host, SMTP_PORT: String(sink.smtpPort) },
    waitForMail: (to: string, opts?: { timeoutMs?: number; match?: (m: CaughtMail) => boolean }) =>
      sink.waitForMessage(to, opts),
  });
}

/**
 * The worker process's module (mail processor included) on a test database, sending to `sink`.
 * Close it before the database is dropped.
 */
export async function startMailWorker(
  db: TestDatabase,
  sink: TestSmtpSink,
  overrides: Record<string, string> = {},
): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    WorkerModule.forRoot(testConfig(db, { ...sink.env, ...overrides })),
    { logger: new PinoNestLogger(createRootLogger('silent', 'worker')) },
  );
}

/** Every http(s) link in a text or HTML body, in order (HTML entities in attributes decoded). */
export function linksIn(body: string): string[] {
  return [...body.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((m) => m[0].replace(/&amp;/g, '&'));
}
