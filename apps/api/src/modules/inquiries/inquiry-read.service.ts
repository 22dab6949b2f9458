import { Injectable } from '@nestjs/common';
import type { InquiryCategory, InquiryStatus } from '@bc/domain';
import { DatabaseService } from '../../database/database.service';
import { displayOf } from '../../common/phone/japanese-phone';
import { Inquiry } from './inquiry.entity';

/** What other modules (notifications) may know of one inquiry: its display data, nothing else. */
export interface InquiryDisplay {
  id: string;
  accountId: string;
  receivedAt: Date;
  callerName: string;
  callerCompany: string | null;
  /** e.g. 090-1234-5678; null when withheld. */
  callerNumberDisplay: string | null;
  forWhom: string | null;
  callbackRequired: boolean;
  callbackNumberDisplay: string | null;
  category: InquiryCategory;
  content: string;
  urgent: boolean;
  status: InquiryStatus;
}

/**
 * The inquiries module's read door for other modules: they ask here instead of reading its table.
 * With `accountId`, an inquiry of another account is null, as if it did not exist.
 */
@Injectable()
export class InquiryReadService {
  constructor(private readonly db: DatabaseService) {}

  async display(inquiryId: string, accountId?: string): Promise<InquiryDisplay | null> {
    const inquiry = await this.db
      .repository(Inquiry)
      .findOneBy(accountId ? { id: inquiryId, accountId } : { id: inquiryId });
    if (!inquiry) return null;
    return {
      id: inquiry.id,
      accountId: inquiry.accountId,
      receivedAt: inquiry.receivedAt,
      callerName: inquiry.callerName,
      callerCompany: inquiry.callerCompany,
      callerNumberDisplay: inquiry.callerNumber ? displayOf(inquiry.callerNumber) : null,
      forWhom: inquiry.forWhom,
      callbackRequired: inquiry.callbackRequired,
      callbackNumberDisplay: inquiry.callbackNumber ? displayOf(inquiry.callbackNumber) : null,
      category: inquiry.category,
      content: inquiry.content,
      urgent: inquiry.urgent,
      status: inquiry.status,
    };
  }

  /** The caller name of each inquiry (of this account), for lists that show many at once. */
  async callerNames(inquiryIds: string[], accountId: string): Promise<Map<string, string>> {
    if (inquiryIds.length === 0) return new Map();
    const rows: { id: string; caller_name: string }[] = await this.db.manager.query(
      `SELECT id, caller_name FROM inquiries WHERE id = ANY($1::uuid[]) AND account_id = $2`,
      [inquiryIds, accountId],
    );
    return new Map(rows.map((r) => [r.id, r.caller_name]));
  }
}

/** An InquiryDisplay as it travels in a job's data (JSON: the date as an ISO string). */
export type InquiryDisplayJson = Omit<InquiryDisplay, 'receivedAt'> & { receivedAt: string };

export const inquiryDisplayToJson = (d: InquiryDisplay): InquiryDisplayJson => ({
  ...d,
  receivedAt: d.receivedAt.toISOString(),
});

export const inquiryDisplayFromJson = (j: InquiryDisplayJson): InquiryDisplay => ({
  ...j,
  receivedAt: new Date(j.receivedAt),
});
