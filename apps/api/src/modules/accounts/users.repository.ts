import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Role } from '@bc/domain';
import { DatabaseService } from '../../database/database.service';
import { User } from './user.entity';

@Injectable()
export class UsersRepository {
  constructor(private readonly db: DatabaseService) {}

  create(
    input: {
      accountId: string | null;
      email: string;
      passwordHash: string;
      name: string;
      role: Role;
      emailConfirmedAt?: Date | null;
    },
    em?: EntityManager,
  ): Promise<User> {
    const repo = this.db.repository(User, em);
    return repo.save(
      repo.create({ ...input, lastLoginAt: null, emailConfirmedAt: input.emailConfirmedAt ?? null }),
    );
  }

  findByEmail(email: string): Promise<User | null> {
    return this.db.repository(User).findOneBy({ email });
  }

  findById(id: string): Promise<User | null> {
    return this.db.repository(User).findOneBy({ id });
  }

  /** The account's owner (the user who signed it up). */
  findOwner(accountId: string): Promise<User | null> {
    return this.db
      .repository(User)
      .findOne({ where: { accountId, role: 'owner' }, order: { createdAt: 'ASC' } });
  }

  /** Marks the e-mail confirmed (once; a second confirmation keeps the first time). */
  async confirmEmail(id: string, em: EntityManager): Promise<User | null> {
    await em
      .getRepository(User)
      .createQueryBuilder()
      .update()
      .set({ emailConfirmedAt: () => 'coalesce(email_confirmed_at, now())' })
      .where('id = :id', { id })
      .execute();
    return em.getRepository(User).findOneBy({ id });
  }

  async recordLogin(id: string, newPasswordHash?: string): Promise<void> {
    await this.db
      .repository(User)
      .update(
        { id },
        { lastLoginAt: new Date(), ...(newPasswordHash ? { passwordHash: newPasswordHash } : {}) },
      );
  }
}
