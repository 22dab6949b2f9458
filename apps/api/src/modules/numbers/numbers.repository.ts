import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '../../database/database.service';
import { NumberUsage, type UsageMethod } from './number-usage.entity';
import { PhoneNumber, type PhoneNumberState } from './phone-number.entity';

/**
 * Quarantine ends at query time: a quarantined number whose date has passed counts as free
 * everywhere (listing, counts, issuing), and becomes `assigned` when someone is given it.
 */
const AVAILABLE = `(n.state = 'free' OR (n.state = 'quarantined' AND n.quarantined_until <= now()))`;
const EFFECTIVE_STATE = `CASE WHEN ${AVAILABLE} THEN 'free' ELSE n.state END`;

export interface LockedNumber {
  id: string;
  e164: string;
  available: boolean;
}

@Injectable()
export class NumbersRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Inserts the numbers not yet in the pool, in one statement; returns those it inserted. */
  async insertMissing(e164s: string[]): Promise<Set<string>> {
    if (e164s.length === 0) return new Set();
    const rows: { e164: string }[] = await this.db.manager.query(
      `INSERT INTO phone_numbers (e164)
       SELECT DISTINCT unnest($1::varchar[])
       ON CONFLICT (e164) DO NOTHING
       RETURNING e164`,
      [e164s],
    );
    return new Set(rows.map((r) => r.e164));
  }

  /** Ordered by e164; keyset-paged on it. The state filter uses the effective state. */
  listPage(limit: number, afterE164: string | null, state?: PhoneNumberState): Promise<PhoneNumber[]> {
    const qb = this.db
      .repository(PhoneNumber)
      .createQueryBuilder('n')
      .where('true')
      .orderBy('n.e164', 'ASC')
      .limit(limit);
    if (afterE164) qb.andWhere('n.e164 > :afterE164', { afterE164 });
    if (state) qb.andWhere(`${EFFECTIVE_STATE} = :state`, { state });
    return qb.getMany();
  }

  async countByState(): Promise<Record<PhoneNumberState, number>> {
    const rows: { state: PhoneNumberState; n: string }[] = await this.db.manager.query(
      `SELECT ${EFFECTIVE_STATE} AS state, count(*) AS n FROM phone_numbers n GROUP BY 1`,
    );
    const counts: Record<PhoneNumberState, number> = { free: 0, assigned: 0, quarantined: 0 };
    for (const row of rows) counts[row.state] = Number(row.n);
    return counts;
  }

  /** The chosen number, locked until the transaction ends (waits for another issue holding it). */
  async lockById(id: string, em: EntityManager): Promise<LockedNumber | null> {
    const rows: LockedNumber[] = await em.query(
      `SELECT n.id, n.e164, ${AVAILABLE} AS available FROM phone_numbers n WHERE n.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The lowest free number nobody else is taking right now (SKIP LOCKED), locked. */
  async lockNextAvailable(em: EntityManager): Promise<LockedNumber | null> {
    const rows: LockedNumber[] = await em.query(
      `SELECT n.id, n.e164, true AS available FROM phone_numbers n
       WHERE ${AVAILABLE}
       ORDER BY n.e164
       LIMIT 1
       FOR UPDATE SKIP LOCKED`,
    );
    return rows[0] ?? null;
  }

  async assign(id: string, accountId: string, at: Date, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE phone_numbers
       SET state = 'assigned', account_id = $2, assigned_at = $3, quarantined_until = NULL, updated_at = now()
       WHERE id = $1`,
      [id, accountId, at],
    );
  }

  findAssignedToAccount(accountId: string, em?: EntityManager): Promise<PhoneNumber | null> {
    return this.db.repository(PhoneNumber, em).findOneBy({ accountId, state: 'assigned' });
  }

  /** Takes the account's number back into quarantine until now + days; null when it had none. */
  async quarantineForAccount(
    accountId: string,
    days: number,
    em?: EntityManager,
  ): Promise<{ id: string; e164: string; quarantinedUntil: Date } | null> {
    const [rows]: [{ id: string; e164: string; quarantined_until: Date }[], number] = await (
      em ?? this.db.manager
    ).query(
      `UPDATE phone_numbers
       SET state = 'quarantined', account_id = NULL, assigned_at = NULL,
           quarantined_until = now() + make_interval(days => $2), updated_at = now()
       WHERE account_id = $1 AND state = 'assigned'
       RETURNING id, e164, quarantined_until`,
      [accountId, days],
    );
    const row = rows[0];
    return row ? { id: row.id, e164: row.e164, quarantinedUntil: row.quarantined_until } : null;
  }

  findUsage(accountId: string): Promise<NumberUsage | null> {
    return this.db.repository(NumberUsage).findOneBy({ accountId });
  }

  async upsertUsage(input: {
    accountId: string;
    method: UsageMethod;
    carrier: string | null;
    forwardedFrom: string | null;
  }): Promise<NumberUsage> {
    await this.db.manager.query(
      `INSERT INTO number_usages (account_id, method, carrier, forwarded_from)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id) DO UPDATE
       SET method = EXCLUDED.method, carrier = EXCLUDED.carrier,
           forwarded_from = EXCLUDED.forwarded_from, updated_at = now()`,
      [input.accountId, input.method, input.carrier, input.forwardedFrom],
    );
    return (await this.findUsage(input.accountId))!;
  }
}
