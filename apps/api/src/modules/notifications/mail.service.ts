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
@Injectable()
export class MailService {
  constructor(@InjectQueue(QueueName.Mail) private readonly queue: Queue<MailJobData>) {}

  async send<T extends MailTemplateName>(
    to: string,
    template: T,
    data: MailTemplates[T],
    idempotencyKey: string,
  ): Promise<void> {
    await this.queue.add('send-mail', { to, template, data } as MailJobData, {
      jobId: `mail-${template}-${idempotencyKey}`,
    });
  }
}
