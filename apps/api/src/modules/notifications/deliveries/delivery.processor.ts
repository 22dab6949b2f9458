import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { UnrecoverableError, type Job } from 'bullmq';
import type { InquiryCategory } from '@bc/domain';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { QueueName, type NotifyJobData, type NotifyJobName } from '../../../queues/queue-names';
import { InquiryReadService, type InquiryDisplay } from '../../inquiries/inquiry-read.service';
import { MAIL_TRANSPORT, MailDeliveryError, type MailTransport } from '../mail-transport';
import { maskAddress, messageIdFor } from '../mail.processor';
import type { MailTemplates } from '../mail.types';
import { renderMail, type MailContext } from '../templates';
import { DeliveriesRepository } from './deliveries.repository';
import type { NotificationDelivery } from './notification-delivery.entity';

export type DeliveryOutcome = 'sent' | 'already-sent' | 'gone';

const CATEGORY_LABELS: Record<InquiryCategory, string> = {
  normal: '通常',
  sales: '営業',
  wrong_number: '間違い電話',
  test: 'テスト',
  silent: '無言',
};

const JST = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** The `inquiry-received` mail's data from the inquiry (R6.1). */
export function inquiryMailData(
  inquiry: InquiryDisplay,
  webAppUrl: string,
): MailTemplates['inquiry-received'] {
  return {
    receivedAt: JST.format(inquiry.receivedAt),
    callerName: inquiry.callerName,
    callerCompany: inquiry.callerCompany,
    callerNumber: inquiry.callerNumberDisplay,
    forWhom: inquiry.forWhom,
    callbackRequired: inquiry.callbackRequired,
    callbackNumber: inquiry.callbackNumberDisplay,
    content: inquiry.content,
    categoryLabel: CATEGORY_LABELS[inquiry.category] ?? inquiry.category,
    urgent: inquiry.urgent,
    inquiryUrl: `${webAppUrl}/inquiries/${inquiry.id}`,
  };
}

/**
 * Worker only: the notify queue (R6.4). Each job is one delivery: it re-reads the row and does
 * nothing when it is already `sent` (a retry after a lost reply, a replayed job), else sends and
 * records the outcome: `sent`, `retrying` with the error (the queue tries again with back-off), or
 * `failed` after the last attempt or on a permanent refusal.
 */
@Processor(QueueName.Notify, { concurrency: 4 })
export class DeliveryProcessor extends WorkerHost {
  private readonly log = new Logger('notify');
  private readonly ctx: MailContext;
  private readonly messageIdDomain: string;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly inquiries: InquiryReadService,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.ctx = { brandName: config.brandName, webAppUrl: config.webAppUrl.replace(/\/+$/, '') };
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1] ?? 'localhost';
  }

  async process(job: Job<NotifyJobData, unknown, NotifyJobName>): Promise<DeliveryOutcome> {
    switch (job.name) {
      case 'deliver':
        return this.deliver(job);
      default: {
        const unreachable: never = job.name;
        throw new UnrecoverableError(`no handler for job ${String(unreachable)}`);
      }
    }
  }

  private async deliver(job: Job<NotifyJobData>): Promise<DeliveryOutcome> {
    const existing = await this.deliveries.findById(job.data.deliveryId);
    if (!existing) return 'gone';
    if (existing.status === 'sent') return 'already-sent';
    const delivery = await this.deliveries.startAttempt(existing.id);
    if (!delivery) return 'already-sent';
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      await this.send(delivery);
    } catch (err) {
      const failure = err instanceof MailDeliveryError ? err : new MailDeliveryError(String(err), false);
      const final = failure.permanent || lastAttempt;
      await this.deliveries.markFailedAttempt(delivery.id, final ? 'failed' : 'retrying', failure.message);
      this.log.warn(
        {
          deliveryId: delivery.id,
          channel: delivery.channel,
          attempt: delivery.attempts,
          error: failure.message,
        },
        final ? 'delivery failed' : 'delivery not sent, will retry',
      );
      if (failure.permanent) throw new UnrecoverableError(failure.message);
      throw failure;
    }
    await this.deliveries.markSent(delivery.id);
    this.log.log({ deliveryId: delivery.id, channel: delivery.channel }, 'delivery sent');
    return 'sent';
  }

  private async send(delivery: NotificationDelivery): Promise<void> {
    if (delivery.channel !== 'email') {
      throw new MailDeliveryError(`channel ${delivery.channel} is not supported yet`, true);
    }
    const inquiry = await this.inquiries.display(delivery.inquiryId, delivery.accountId);
    if (!inquiry) throw new MailDeliveryError('the inquiry no longer exists', true);
    const rendered = renderMail('inquiry-received', inquiryMailData(inquiry, this.ctx.webAppUrl), this.ctx);
    const sent = await this.transport.send({
      from: this.config.mail.from,
      to: delivery.target,
      messageId: messageIdFor(delivery.idempotencyKey, this.messageIdDomain),
      headers: { 'X-Idempotency-Key': delivery.idempotencyKey },
      ...rendered,
    });
    this.log.log(
      { deliveryId: delivery.id, to: maskAddress(delivery.target), response: sent.response },
      'inquiry mail sent',
    );
  }
}
