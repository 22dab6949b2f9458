import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QueueName } from '../../queues/queue-names';
import type { MailJobData, MailTemplateName, MailTemplates } from './mail.types';

/**
 * The one way other modules send mail: a `send-mail` job on the mail queue, processed by the worker
 * (rendering, SMTP, retries). The job id comes from the caller's key, so enqueueing the same mail
 * twice while the first job is still known to BullMQ sends it once.
 */
const ENQUEUE_TIMEOUT_MS = 2000;

@Injectable()
export class MailService {
  constructor(@InjectQueue(QueueName.Mail) private readonly queue: Queue<MailJobData>) {}

  async send<T extends MailTemplateName>(
    to: string,
    template: T,
    data: MailTemplates[T],
    idempotencyKey: string,
  ): Promise<void> {
    const added = this.queue.add('send-mail', { to, template, data } as MailJobData, {
      jobId: `mail-${template}-${idempotencyKey}`,
    });
    // While Redis is down BullMQ holds the command until it returns; a request must not wait that
    // long. The caller hears of the failure (the job may still be added once Redis is back: the job
    // id keeps that to one mail).
    added.catch(() => undefined); // if the race is lost, a later rejection must not go unhandled
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`mail queue unavailable after ${ENQUEUE_TIMEOUT_MS} ms`)),
        ENQUEUE_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([added, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
