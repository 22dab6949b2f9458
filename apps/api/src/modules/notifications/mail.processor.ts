import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import { createHash } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { QueueName, type MailJobName, QUICK_STALL_RECOVERY } from '../../queues/queue-names';
import { MAIL_TRANSPORT, MailDeliveryError, type MailTransport } from './mail-transport';
import type { MailJobData } from './mail.types';
import { renderMail, type MailContext } from './templates';

export interface MailJobResult {
  messageId: string;
}

/** One address, no display name, no spaces or line breaks; the SMTP server judges the rest. */
const ADDRESS = /^[^\s@<>()[\],;:"\\]+@[^\s@<>()[\],;:"\\]+\.[^\s@<>()[\],;:"\\]+$/;

/**
 * Worker only: renders and sends the mail queue's jobs. Permanent failures (a bad address, a 5xx
 * reply, an unknown template) fail the job at once; temporary ones (4xx, no connection) throw, and
 * the queue retries them with its exponential back-off.
 */
@Processor(QueueName.Mail, { concurrency: 4, ...QUICK_STALL_RECOVERY })
export class MailProcessor extends WorkerHost {
  private readonly log = new Logger('mail');
  private readonly ctx: MailContext;
  private readonly messageIdDomain: string;

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.ctx = { brandName: config.brandName, webAppUrl: config.webAppUrl.replace(/\/+$/, '') };
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1] ?? 'localhost';
  }

  async process(job: Job<MailJobData, MailJobResult, MailJobName>): Promise<MailJobResult> {
    switch (job.name) {
      case 'send-mail':
        return this.sendMail(job);
      default: {
        const unreachable: never = job.name;
        throw new UnrecoverableError(`no handler for job ${String(unreachable)}`);
      }
    }
  }

  private async sendMail(job: Job<MailJobData>): Promise<MailJobResult> {
    const { to, template, data } = job.data;
    const attempt = job.attemptsMade + 1;
    const logged = { jobId: job.id, template, to: maskAddress(to), attempt };
    if (!ADDRESS.test(to)) {
      this.log.warn(logged, 'mail not sent: invalid recipient address');
      throw new UnrecoverableError('invalid recipient address');
    }
    let rendered;
    try {
      rendered = renderMail(template, data, this.ctx);
    } catch (err) {
      this.log.error({ ...logged, error: (err as Error).message }, 'mail not sent: rendering failed');
      throw new UnrecoverableError(`rendering ${template} failed: ${(err as Error).message}`);
    }
    const messageId = messageIdFor(String(job.id), this.messageIdDomain);
    try {
      const sent = await this.transport.send({ from: this.config.mail.from, to, messageId, ...rendered });
      this.log.log({ ...logged, messageId, response: sent.response }, 'mail sent');
      return { messageId };
    } catch (err) {
      const failure = err instanceof MailDeliveryError ? err : new MailDeliveryError(String(err), false);
      const details = { ...logged, messageId, code: failure.code, responseCode: failure.responseCode };
      if (failure.permanent) {
        this.log.warn({ ...details, error: failure.message }, 'mail refused permanently');
        throw new UnrecoverableError(failure.message);
      }
      this.log.warn({ ...details, error: failure.message }, 'mail not sent, will retry');
      throw failure;
    }
  }
}

/**
 * `<job-id@domain>`: the same on every attempt, so a retry of a mail that did reach the server
 * (the reply was lost) is a recognisable duplicate. Job ids that are not plain tokens are hashed.
 */
export function messageIdFor(jobId: string, domain: string): string {
  const local = /^[A-Za-z0-9._-]{1,200}$/.test(jobId)
    ? jobId
    : `mail-${createHash('sha256').update(jobId).digest('hex').slice(0, 32)}`;
  return `<${local}@${domain}>`;
}

/** `y***@example.jp`: enough to tell mails apart in the log without writing addresses down. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  return `${address[0]}***${address.slice(at)}`;
}
