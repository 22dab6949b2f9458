import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
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

  /** The account's users, oldest first (the owner who signed up comes first). */
  listByAccount(accountId: string): Promise<User[]> {
    return this.db.repository(User).find({ where: { accountId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Names of users (customers or staff) by id, for showing who did what. */
  async namesByIds(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db
      .repository(User)
      .find({ select: { id: true, name: true }, where: { id: In(ids) } });
    return new Map(rows.map((u) => [u.id, u.name]));
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

  /** A user of this account only (another account's user is not found). */
  findInAccount(accountId: string, id: string, em?: EntityManager): Promise<User | null> {
    return this.db.repository(User, em).findOneBy({ accountId, id });
  }

  countOwners(accountId: string, em?: EntityManager): Promise<number> {
    return this.db.repository(User, em).countBy({ accountId, role: 'owner' });
  }

  async updateRole(id: string, role: Role, em?: EntityManager): Promise<void> {
    await this.db.repository(User, em).update({ id }, { role });
  }

  /** R1.2: removes the user from the team (their sessions and links go with them). */
  async delete(id: string, em?: EntityManager): Promise<void> {
    await this.db.repository(User, em).delete({ id });
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
