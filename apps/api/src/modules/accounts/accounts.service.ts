import { Injectable } from '@nestjs/common';
import type { Account } from './account.entity';
import { AccountsRepository } from './accounts.repository';
import { UsersRepository } from './users.repository';
import type { User } from './user.entity';

/**
 * What other modules may read of an account and its people: the account, its owner's and members'
 * contacts and names, the names to print on invoices and lists. Changes of an account's state go
 * through AccountLifecycleService; staff search is AccountSearchService's.
 */
@Injectable()
export class AccountsService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
  ) {}

  findAccount(id: string): Promise<Account | null> {
    return this.accounts.findById(id);
  }

  /** Who hears about the account by e-mail (lifecycle mails, R6.5): its owner; null if none. */
  async ownerContact(accountId: string): Promise<{ email: string; name: string } | null> {
    const owner = await this.users.findOwner(accountId);
    return owner ? { email: owner.email, name: owner.name } : null;
  }

  /** Names of users (customers or staff) by id, for other modules' "who did it". */
  userNames(ids: string[]): Promise<Map<string, string>> {
    return this.users.namesByIds([...new Set(ids)]);
  }

  /** The customer account's people (owners and members), by name. */
  async teamMembers(accountId: string): Promise<{ id: string; name: string; role: 'owner' | 'member' }[]> {
    const users = await this.users.listByAccount(accountId);
    return users
      .filter((u): u is User & { role: 'owner' | 'member' } => u.role === 'owner' || u.role === 'member')
      .map((u) => ({ id: u.id, name: u.name, role: u.role }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
  }

  /** The customer account's people with their login addresses (for notification routing, R8.3). */
  async memberContacts(
    accountId: string,
  ): Promise<{ id: string; name: string; email: string; role: 'owner' | 'member' }[]> {
    const users = await this.users.listByAccount(accountId);
    return users
      .filter((u): u is User & { role: 'owner' | 'member' } => u.role === 'owner' || u.role === 'member')
      .map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja') || a.id.localeCompare(b.id));
  }

  /**
   * R2.8, R2.10: the name each account's invoices are addressed to (the company's, else the
   * person's), for billing to store on an invoice when it issues it.
   */
  invoiceRecipientNames(ids: string[]): Promise<Map<string, string>> {
    return this.accounts.invoiceRecipientNames(ids);
  }

  /** The name staff know each account by (the company's, else the person's), for other modules' lists. */
  accountNames(ids: string[]): Promise<Map<string, string>> {
    return this.accounts.invoiceRecipientNames([...new Set(ids)]);
  }
}
