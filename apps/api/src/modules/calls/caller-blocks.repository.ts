import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../database/database.service';
import { CallerBlock } from './caller-block.entity';

/** R4.9: each account's blocklist; every method is scoped by account. */
@Injectable()
export class CallerBlocksRepository {
  constructor(private readonly db: DatabaseService) {}

  list(accountId: string, limit = 1000): Promise<CallerBlock[]> {
    return this.db
      .repository(CallerBlock)
      .find({ where: { accountId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  async isBlocked(accountId: string, e164: string): Promise<boolean> {
    const rows: unknown[] = await this.db.manager.query(
      `SELECT 1 FROM caller_blocks WHERE account_id = $1 AND e164 = $2`,
      [accountId, e164],
    );
    return rows.length > 0;
  }

  /** Null when the account already blocks this number (unique per account and number). */
  async insert(input: {
    accountId: string;
    e164: string;
    note: string | null;
    createdBy: string | null;
  }): Promise<CallerBlock | null> {
    const rows: { id: string }[] = await this.db.manager.query(
      `INSERT INTO caller_blocks (account_id, e164, note, created_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, e164) DO NOTHING
       RETURNING id`,
      [input.accountId, input.e164, input.note, input.createdBy],
    );
    if (!rows[0]) return null;
    return this.db.repository(CallerBlock).findOneByOrFail({ id: rows[0].id });
  }

  /** True when the entry existed in this account and is gone. */
  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.repository(CallerBlock).delete({ id, accountId });
    return (result.affected ?? 0) > 0;
  }
}
