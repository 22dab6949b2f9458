import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { Inquiry } from '../inquiry.entity';

export type NewInquiry = Pick<
  Inquiry,
  | 'accountId'
  | 'callId'
  | 'receivedAt'
  | 'callerNumber'
  | 'callerName'
  | 'callerCompany'
  | 'forWhom'
  | 'callbackRequired'
  | 'callbackNumber'
  | 'category'
  | 'content'
  | 'urgent'
  | 'recordedBy'
  | 'recordedByName'
  | 'searchText'
>;

export interface PreviousInquiryRow {
  id: string;
  receivedAt: Date;
  callerName: string;
  content: string;
}

/** Inquiries as operators write them, and what the screen pop and the usage meter read back. */
@Injectable()
export class InquiriesRecordingRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Inserts inside the caller's transaction; a second inquiry for one call breaks `call_id`'s unique index. */
  async insert(inquiry: NewInquiry, em: EntityManager): Promise<Inquiry> {
    const repo = this.db.repository(Inquiry, em);
    const saved = await repo.save(repo.create(inquiry));
    return repo.findOneByOrFail({ id: saved.id });
  }

  /** This caller's inquiries for this account, newest first. */
  async previousByCaller(
    accountId: string,
    callerNumber: string,
    limit: number,
  ): Promise<PreviousInquiryRow[]> {
    const rows: { id: string; received_at: Date; caller_name: string; content: string }[] =
      await this.db.manager.query(
        `SELECT id, received_at, caller_name, content FROM inquiries
         WHERE account_id = $1 AND caller_number = $2
         ORDER BY received_at DESC, id DESC
         LIMIT $3`,
        [accountId, callerNumber, limit],
      );
    return rows.map((r) => ({
      id: r.id,
      receivedAt: r.received_at,
      callerName: r.caller_name,
      content: r.content,
    }));
  }
}
