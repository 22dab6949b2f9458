import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, MoreThan } from 'typeorm';
import type { CustomerRole } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
import { Invitation } from './invitation.entity';

@Injectable()
export class InvitationsRepository {
  constructor(private readonly db: DatabaseService) {}

  insert(
    input: {
      accountId: string;
      email: string;
      role: CustomerRole;
      tokenHash: string;
      invitedByUserId: string;
      invitedByName: string | null;
      expiresAt: Date;
    },
    em: EntityManager,
  ): Promise<Invitation> {
    const repo = this.db.repository(Invitation, em);
    return repo.save(
      repo.create({ ...input, sentCount: 1, acceptedAt: null, acceptedUserId: null, revokedAt: null }),
    );
  }

  /** Open = neither accepted nor withdrawn (an expired one is still open: it can be re-sent). */
  listOpen(accountId: string): Promise<Invitation[]> {
    return this.db.repository(Invitation).find({
      where: { accountId, acceptedAt: IsNull(), revokedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
  }

  countOpenUnexpired(accountId: string, em: EntityManager): Promise<number> {
    return this.db.repository(Invitation, em).countBy({
      accountId,
      acceptedAt: IsNull(),
      revokedAt: IsNull(),
      expiresAt: MoreThan(new Date()),
    });
  }

  /** An open invitation of this account only, locked until the transaction ends. */
  findOpenInAccountForUpdate(accountId: string, id: string, em: EntityManager): Promise<Invitation | null> {
    return this.db.repository(Invitation, em).findOne({
      where: { accountId, id, acceptedAt: IsNull(), revokedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Withdraws the open invitation of this address, if any (inviting again replaces it). */
  async revokeOpenFor(accountId: string, email: string, em: EntityManager): Promise<number> {
    const result = await this.db
      .repository(Invitation, em)
      .update({ accountId, email, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  async revoke(id: string, em: EntityManager): Promise<void> {
    await this.db.repository(Invitation, em).update({ id }, { revokedAt: new Date() });
  }

  /** A re-send makes a new link (the old one stops working) valid from now. */
  async renew(id: string, tokenHash: string, expiresAt: Date, em: EntityManager): Promise<void> {
    await this.db
      .repository(Invitation, em)
      .createQueryBuilder()
      .update()
      .set({ tokenHash, expiresAt, sentCount: () => 'sent_count + 1' })
      .where('id = :id', { id })
      .execute();
  }

  findByHash(tokenHash: string): Promise<Invitation | null> {
    return this.db.repository(Invitation).findOneBy({ tokenHash });
  }

  /** Locks the row so a link used twice at once creates one user. */
  findByHashForUpdate(tokenHash: string, em: EntityManager): Promise<Invitation | null> {
    return this.db
      .repository(Invitation, em)
      .findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markAccepted(id: string, userId: string, em: EntityManager): Promise<void> {
    await this.db
      .repository(Invitation, em)
      .update({ id }, { acceptedAt: new Date(), acceptedUserId: userId });
  }

  findById(id: string, em?: EntityManager): Promise<Invitation | null> {
    return this.db.repository(Invitation, em).findOneBy({ id });
  }
}
