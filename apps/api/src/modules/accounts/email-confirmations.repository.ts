import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DatabaseService } from '../../database/database.service';
import { EmailConfirmation } from './email-confirmation.entity';

@Injectable()
export class EmailConfirmationsRepository {
  constructor(private readonly db: DatabaseService) {}

  insert(
    input: { userId: string; tokenHash: string; expiresAt: Date },
    em?: EntityManager,
  ): Promise<EmailConfirmation> {
    const repo = this.db.repository(EmailConfirmation, em);
    return repo.save(repo.create({ ...input, usedAt: null }));
  }

  /** Locks the row so a link clicked twice at once confirms once. */
  findByHashForUpdate(tokenHash: string, em: EntityManager): Promise<EmailConfirmation | null> {
    return em
      .getRepository(EmailConfirmation)
      .findOne({ where: { tokenHash }, lock: { mode: 'pessimistic_write' } });
  }

  async markUsed(id: string, em: EntityManager): Promise<void> {
    await em.getRepository(EmailConfirmation).update({ id }, { usedAt: new Date() });
  }
}
