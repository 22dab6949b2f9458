import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { WebhookEndpoint } from './webhook-endpoint.entity';

@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly db: DatabaseService) {}

  private repo(em?: EntityManager) {
    return this.db.repository(WebhookEndpoint, em);
  }

  listForAccount(accountId: string): Promise<WebhookEndpoint[]> {
    return this.repo().find({ where: { accountId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  countForAccount(accountId: string, em?: EntityManager): Promise<number> {
    return this.repo(em).count({ where: { accountId } });
  }

  /** The account's endpoint, or null (another account's endpoint is as unknown as a missing one). */
  findOne(accountId: string, id: string, em?: EntityManager): Promise<WebhookEndpoint | null> {
    return this.repo(em).findOne({ where: { id, accountId } });
  }

  /** The sealed secret, which normal reads never select. */
  async sealedSecret(id: string): Promise<string | null> {
    const row = await this.repo()
      .createQueryBuilder('e')
      .select('e.secretEncrypted', 'sealed')
      .where('e.id = :id', { id })
      .getRawOne<{ sealed: string | null }>();
    return row?.sealed ?? null;
  }

  /** Enabled endpoints of the account subscribed to `eventType` (for the delivery jobs). */
  subscribed(accountId: string, eventType: string): Promise<WebhookEndpoint[]> {
    return this.repo()
      .createQueryBuilder('e')
      .where('e.accountId = :accountId AND e.enabled AND :eventType = ANY (e.events)', {
        accountId,
        eventType,
      })
      .orderBy('e.createdAt', 'ASC')
      .getMany();
  }

  async insert(endpoint: Partial<WebhookEndpoint>, em?: EntityManager): Promise<void> {
    await this.repo(em).insert(endpoint);
  }

  async update(id: string, changes: Partial<WebhookEndpoint>, em?: EntityManager): Promise<void> {
    await this.repo(em).update({ id }, changes);
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    const res = await this.repo().delete({ id, accountId });
    return (res.affected ?? 0) > 0;
  }

  /** One failed delivery; disables the endpoint when `disableAt` failures are reached. Returns the new state. */
  async recordFailure(
    id: string,
    disableAt: number,
    reason: string,
  ): Promise<{ failures: number; disabled: boolean } | null> {
    const rows: { consecutive_failures: number; enabled: boolean }[] = await this.db.manager.query(
      `UPDATE webhook_endpoints
          SET consecutive_failures = consecutive_failures + 1,
              enabled = CASE WHEN consecutive_failures + 1 >= $2 THEN false ELSE enabled END,
              disabled_reason = CASE WHEN consecutive_failures + 1 >= $2 AND enabled THEN $3 ELSE disabled_reason END,
              updated_at = now()
        WHERE id = $1
        RETURNING consecutive_failures, enabled`,
      [id, disableAt, reason],
    );
    const row = Array.isArray(rows[0]) ? (rows[0] as typeof rows)[0] : rows[0];
    return row ? { failures: row.consecutive_failures, disabled: !row.enabled } : null;
  }

  async recordSuccess(id: string): Promise<void> {
    await this.db.manager.query(
      `UPDATE webhook_endpoints SET consecutive_failures = 0, updated_at = now() WHERE id = $1 AND consecutive_failures > 0`,
      [id],
    );
  }
}
