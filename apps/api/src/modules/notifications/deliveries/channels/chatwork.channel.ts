import { Injectable } from '@nestjs/common';
import { ChatworkChannel } from '../../chatwork/chatwork-channel';
import { DeliveryInquiries } from './delivery-inquiries';
import {
  permanentFailure,
  retryAt,
  sent,
  type DeliveryAttempt,
  type NotificationChannel,
  type SendOutcome,
} from './notification-channel';

/**
 * R6.2: the inquiry posted to the linked Chatwork room (chatwork/chatwork-channel.ts talks to
 * Chatwork); a 429 comes back as a retry at the limit's reset.
 */
@Injectable()
export class ChatworkDeliveryChannel implements NotificationChannel {
  readonly channels = ['chatwork'] as const;

  constructor(
    private readonly chatwork: ChatworkChannel,
    private readonly inquiries: DeliveryInquiries,
  ) {}

  async send({ delivery, claim, maybeSent, snapshot }: DeliveryAttempt): Promise<SendOutcome> {
    const inquiry = await this.inquiries.inquiryOf(delivery, snapshot);
    const result = await this.chatwork.send(
      delivery,
      inquiry,
      this.inquiries.markHandledUrl(delivery, inquiry),
      delivery.kind === 'reminder',
      maybeSent,
      claim.chatwork,
    );
    switch (result.outcome) {
      case 'sent':
        return sent();
      case 'failed':
        return permanentFailure(result.reason);
      case 'retry-later':
        return retryAt(result.reason, result.retryAt);
      default: {
        const unreachable: never = result;
        throw new Error(`unknown Chatwork outcome ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
