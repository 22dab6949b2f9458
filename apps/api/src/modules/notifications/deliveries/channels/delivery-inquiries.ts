import { Injectable } from '@nestjs/common';
import { InquiryReadService, type InquiryDisplay } from '../../../inquiries/inquiry-read.service';
import { InquiryActionLinksService } from '../../../inquiries/action-links/inquiry-action-links.service';
import type { NotificationDelivery } from '../notification-delivery.entity';
import { DeliveryFailure } from './notification-channel';

/** What every channel reads about a delivery's inquiry. */
@Injectable()
export class DeliveryInquiries {
  constructor(
    private readonly inquiries: InquiryReadService,
    private readonly actionLinks: InquiryActionLinksService,
  ) {}

  /**
   * The delivery's inquiry: the fan-out's copy when it is this delivery's (first attempt), else read
   * now; a permanent failure when it has none or it is gone.
   */
  async inquiryOf(
    delivery: NotificationDelivery,
    snapshot: InquiryDisplay | null = null,
  ): Promise<InquiryDisplay> {
    if (snapshot && snapshot.id === delivery.inquiryId && snapshot.accountId === delivery.accountId) {
      return snapshot;
    }
    const inquiry = delivery.inquiryId
      ? await this.inquiries.display(delivery.inquiryId, delivery.accountId)
      : null;
    if (!inquiry) throw new DeliveryFailure('the inquiry no longer exists', true);
    return inquiry;
  }

  /** R8.4: this message's own single-use link, while the inquiry is still unhandled. */
  markHandledUrl(delivery: NotificationDelivery, inquiry: InquiryDisplay): string | null {
    if (inquiry.status !== 'unhandled') return null;
    return this.actionLinks.markHandledUrl(delivery.accountId, inquiry.id, delivery.id);
  }
}
