import { Injectable } from '@nestjs/common';
import { IsNull, Not, type EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { NotificationEmailAddress } from './notification-email-address.entity';

const UNIQUE_VIOLATION = '23505';

export type NewAddress = Pick<
  NotificationEmailAddress,
  'accountId' | 'email' | 'tokenHash' | 'tokenExpiresAt' | 'createdBy'
>;

@Injectable()
export class NotificationEmailAddressesRepository {
  constructor(private readonly db: DatabaseService) {}

  private repo(em?: EntityManager) {
    return this.db.repository(NotificationEmailAddress, em);
  }

  listForAccount(accountId: string): Promise<NotificationEmailAddress[]> {
    return this.repo().find({ where: { accountId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The confirmed ones, oldest first: the addresses inquiry mail goes to. */
  listConfirmed(accountId: string): Promise<NotificationEmailAddress[]> {
    return this.repo().find({
      where: { accountId, confirmedAt: Not(IsNull()) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** The account's address, or null (another account's is as unknown as a missing one). */
  findOne(accountId: string, id: string, em?: EntityManager): Promise<NotificationEmailAddress | null> {
    return this.repo(em).findOne({ where: { id, accountId } });
  }

  /**
   * Inserts under a per-account lock so the cap holds against parallel requests: null when the
   * account already has `max`, 'taken' when the address is already one of the account's.
   */
  async insertCapped(input: NewAddress, max: number): Promise<NotificationEmailAddress | null | 'taken'> {
    try {
      return await this.db.transaction(async (em) => {
        await em.query(`SELECT pg_advisory_xact_lock(hashtext('notification-email:' || $1))`, [
          input.accountId,
        ]);
        const repo = this.repo(em);
        if (await repo.exists({ where: { accountId: input.accountId, email: input.email } })) return 'taken';
        if ((await repo.count({ where: { accountId: input.accountId } })) >= max) return null;
        const saved = await repo.save(
          repo.create({ ...input, confirmedAt: null, confirmationSentAt: new Date() }),
        );
        return saved;
      });
    } catch (err) {
      if ((err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) return 'taken';
      throw err;
    }
  }

  /** Locks the row of a link (clicked twice at once: confirmed once). */
  findByHashForUpdate(tokenHash: string, em: EntityManager): Promise<NotificationEmailAddress | null> {
    return this.repo(em).findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markConfirmed(id: string, em: EntityManager): Promise<NotificationEmailAddress> {
    await this.repo(em).update({ id }, { confirmedAt: new Date() });
    return await this.repo(em).findOneByOrFail({ id });
  }

  /**
   * A new link for a still-unconfirmed address, if the last one was mailed at least `intervalMs`
   * ago (checked and written in one statement, so two clicks mail once). False when throttled.
   */
  async replaceToken(
    accountId: string,
    id: string,
    tokenHash: string,
    tokenExpiresAt: Date,
    intervalMs: number,
  ): Promise<boolean> {
    const result = await this.repo()
      .createQueryBuilder()
      .update(NotificationEmailAddress)
      .set({ tokenHash, tokenExpiresAt, confirmationSentAt: () => 'now()' })
      .where('id = :id AND account_id = :accountId AND confirmed_at IS NULL', { id, accountId })
      .andWhere(`confirmation_sent_at <= now() - make_interval(secs => :secs)`, { secs: intervalMs / 1000 })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async remove(accountId: string, id: string): Promise<boolean> {
    const result = await this.repo().delete({ id, accountId });
    return (result.affected ?? 0) > 0;
  }
}
