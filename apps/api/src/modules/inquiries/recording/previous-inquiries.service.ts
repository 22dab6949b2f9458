import { Injectable } from '@nestjs/common';
import { InquiriesRecordingRepository } from './inquiries-recording.repository';

/** At most this many earlier inquiries are shown in the screen pop. */
export const PREVIOUS_INQUIRIES_LIMIT = 10;
const SUMMARY_LENGTH = 80;

function summaryOf(content: string): string {
  const chars = [...content.replace(/\s+/g, ' ').trim()];
  return chars.length > SUMMARY_LENGTH ? `${chars.slice(0, SUMMARY_LENGTH - 1).join('')}…` : chars.join('');
}

/**
 * Telephony's PREVIOUS_INQUIRIES_PROVIDER (bound with useExisting): this caller's earlier
 * inquiries for this customer, newest first, at most 10, for the screen pop.
 */
@Injectable()
export class PreviousInquiriesService {
  constructor(private readonly inquiries: InquiriesRecordingRepository) {}

  async previousInquiries(
    accountId: string,
    callerE164: string,
  ): Promise<{ id: string; receivedAt: Date; callerName: string | null; summary: string }[]> {
    const rows = await this.inquiries.previousByCaller(accountId, callerE164, PREVIOUS_INQUIRIES_LIMIT);
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.receivedAt,
      callerName: r.callerName,
      summary: summaryOf(r.content),
    }));
  }
}
