import { INQUIRY_CATEGORY_LABELS_JA } from '@bc/domain';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../../config/app.config';
import type { InquiryDisplay } from '../../../inquiries/inquiry-read.service';
import { MAIL_TRANSPORT, MailDeliveryError, type MailTransport } from '../../mail-transport';
import { maskAddress, messageIdFor } from '../../mail.processor';
import type { MailTemplates } from '../../mail.types';
import { renderMail, type MailContext } from '../../templates';
import { DeliveryInquiries } from './delivery-inquiries';
import {
  permanentFailure,
  retryAt,
  sent,
  type DeliveryAttempt,
  type NotificationChannel,
  type SendOutcome,
} from './notification-channel';
import { formatJapanTime } from '@bc/domain';

/** The `inquiry-received` mail's data from the inquiry (R6.1). */
export function inquiryMailData(
  inquiry: InquiryDisplay,
  webAppUrl: string,
): MailTemplates['inquiry-received'] {
  return {
    receivedAt: formatJapanTime(inquiry.receivedAt, 'dateTimeWeekday'),
    callerName: inquiry.callerName,
    callerCompany: inquiry.callerCompany,
    callerNumber: inquiry.callerNumberDisplay,
    forWhom: inquiry.forWhom,
    callbackRequired: inquiry.callbackRequired,
    callbackNumber: inquiry.callbackNumberDisplay,
    content: inquiry.content,
    categoryLabel: INQUIRY_CATEGORY_LABELS_JA[inquiry.category] ?? inquiry.category,
    urgent: inquiry.urgent,
    inquiryUrl: `${webAppUrl}/inquiries/${inquiry.id}`,
  };
}

/**
 * R6.1, R8.2: the inquiry (or its reminder) mailed to one address, straight through the SMTP
 * transport (not the mail queue: the delivery's own job retries it). The delivery's key is the
 * mail's Message-ID and X-Idempotency-Key, so a resent copy is recognisable.
 */
@Injectable()
export class EmailChannel implements NotificationChannel {
  readonly channels = ['email'] as const;
  private readonly log = new Logger('notify');
  private readonly ctx: MailContext;
  private readonly messageIdDomain: string;

  constructor(
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inquiries: DeliveryInquiries,
  ) {
    this.ctx = { brandName: config.brandName, webAppUrl: config.webAppUrl.replace(/\/+$/, '') };
    this.messageIdDomain = /@([^>\s]+)>?\s*$/.exec(config.mail.from)?.[1] ?? 'localhost';
  }

  async send({ delivery, snapshot }: DeliveryAttempt): Promise<SendOutcome> {
    const inquiry = await this.inquiries.inquiryOf(delivery, snapshot);
    const data = {
      ...inquiryMailData(inquiry, this.ctx.webAppUrl),
      markHandledUrl: this.inquiries.markHandledUrl(delivery, inquiry),
    };
    const rendered =
      delivery.kind === 'reminder'
        ? renderMail('inquiry-reminder', data, this.ctx)
        : renderMail('inquiry-received', data, this.ctx);
    try {
      const result = await this.transport.send({
        from: this.config.mail.from,
        to: delivery.target,
        messageId: messageIdFor(delivery.idempotencyKey, this.messageIdDomain),
        headers: { 'X-Idempotency-Key': delivery.idempotencyKey },
        ...rendered,
      });
      this.log.log(
        { deliveryId: delivery.id, to: maskAddress(delivery.target), response: result.response },
        'inquiry mail sent',
      );
      return sent();
    } catch (err) {
      // The SMTP transport classifies its failures; anything else (a bug, a lost connection) retries.
      if (!(err instanceof MailDeliveryError)) throw err;
      return err.permanent ? permanentFailure(err.message) : retryAt(err.message);
    }
  }
}
