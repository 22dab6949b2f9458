import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../../../database/database.service';
import { CallerContact } from '../caller-contact.entity';

export type ContactValues = Pick<CallerContact, 'number' | 'name' | 'reading' | 'company' | 'vip' | 'note'>;

/** R8.1: each account's caller address book; every method is scoped by account. */
@Injectable()
export class CallerContactsRepository {
  constructor(private readonly db: DatabaseService) {}

  list(accountId: string, limit = 2000): Promise<CallerContact[]> {
    return this.db
      .repository(CallerContact)
      .createQueryBuilder('c')
      .where('c.account_id = :accountId', { accountId })
      .orderBy('COALESCE(c.reading, c.name)', 'ASC')
      .addOrderBy('c.number', 'ASC')
      .limit(limit)
      .getMany();
  }

  find(accountId: string, id: string): Promise<CallerContact | null> {
    return this.db.repository(CallerContact).findOneBy({ accountId, id });
  }

  findByNumber(accountId: string, e164: string): Promise<CallerContact | null> {
    return this.db.repository(CallerContact).findOneBy({ accountId, number: e164 });
  }

  /** Null when the account already lists this number (unique per account and number). */
  async insert(accountId: string, values: ContactValues): Promise<CallerContact | null> {
    const rows: { id: string }[] = await this.db.manager.query(
      `INSERT INTO caller_contacts (account_id, number, name, reading, company, vip, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id, number) DO NOTHING
       RETURNING id`,
      [accountId, values.number, values.name, values.reading, values.company, values.vip, values.note],
    );
    return rows[0] ? this.find(accountId, rows[0].id) : null;
  }

  /** Saves the changed contact (the unique index refuses a number another contact has). */
  async update(contact: CallerContact): Promise<CallerContact> {
    await this.db.repository(CallerContact).save(contact);
    return this.db.repository(CallerContact).findOneByOrFail({ id: contact.id });
  }

  /** True when the contact existed in this account and is gone. */
  async delete(accountId: string, id: string): Promise<boolean> {
    const result = await this.db.repository(CallerContact).delete({ id, accountId });
    return (result.affected ?? 0) > 0;
  }
}
