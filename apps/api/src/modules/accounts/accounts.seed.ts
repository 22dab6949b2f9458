import { Injectable } from '@nestjs/common';
import { TOKEN_AUDIENCE, type AuthUser } from '../../common/auth/auth-user';
import { DatabaseService } from '../../database/database.service';
import { SYSTEM_ACTOR } from './account-history.service';
import { AccountLifecycleService } from './account-lifecycle.service';
import { AccountsService } from './accounts.service';
import { PasswordsService } from './passwords.service';
import { UsersRepository } from './users.repository';

/** The demo logins printed by the start command. Running it again changes nothing. */
export const DEMO_LOGINS = {
  customerOwner: {
    email: 'owner@example.com',
    password: 'demo-owner-2026',
    name: '山田 太郎',
    companyName: '株式会社サンプル商事',
  },
  /** A customer already through onboarding (number, card, approved identity): for the calls demo. */
  activeOwner: {
    email: 'active@example.com',
    password: 'demo-active-2026',
    name: '田中 次郎',
    companyName: '株式会社デモ物産',
  },
  operator: { email: 'operator@example.com', password: 'demo-operator-2026', name: '佐藤 花子' },
  admin: { email: 'admin@example.com', password: 'demo-admin-2026', name: '鈴木 一郎' },
} as const;

@Injectable()
export class AccountsSeed {
  constructor(
    private readonly db: DatabaseService,
    private readonly accounts: AccountsService,
    private readonly lifecycle: AccountLifecycleService,
    private readonly passwords: PasswordsService,
    private readonly users: UsersRepository,
  ) {}

  async seedDemo(): Promise<string[]> {
    const done: string[] = [];
    for (const owner of [DEMO_LOGINS.customerOwner, DEMO_LOGINS.activeOwner]) {
      if (await this.users.findByEmail(owner.email)) continue;
      const passwordHash = await this.passwords.hash(owner.password);
      // Created confirmed: the demo owner should not need the confirmation mail to log in.
      await this.db.transaction(async (em) => {
        const { owner: user } = await this.lifecycle.createCustomer(
          {
            email: owner.email,
            password: owner.password,
            accountType: 'corporation',
            name: owner.name,
            companyName: owner.companyName,
          },
          passwordHash,
          em,
        );
        await this.users.confirmEmail(user.id, em);
      });
      done.push(`customer owner ${owner.email}`);
    }
    for (const [role, staff] of [
      ['operator', DEMO_LOGINS.operator],
      ['admin', DEMO_LOGINS.admin],
    ] as const) {
      if (!(await this.users.findByEmail(staff.email))) {
        await this.lifecycle.createStaff({
          email: staff.email,
          name: staff.name,
          role,
          passwordHash: await this.passwords.hash(staff.password),
        });
        done.push(`${role} ${staff.email}`);
      }
    }
    return done;
  }

  /**
   * The active demo customer's identity counts as approved (the demo has no document file) and its
   * owner is returned, so the demo seed can register a card and issue a number in their name.
   */
  async prepareActiveDemo(): Promise<AuthUser | null> {
    const owner = await this.users.findByEmail(DEMO_LOGINS.activeOwner.email);
    if (!owner?.accountId) return null;
    const accountId = owner.accountId;
    const account = await this.accounts.findAccount(accountId);
    if (account?.identityStatus === 'missing') {
      await this.db.transaction((em) =>
        this.lifecycle.setIdentityStatus(accountId, 'approved', null, SYSTEM_ACTOR, em),
      );
    }
    return { userId: owner.id, accountId, role: 'owner', audience: TOKEN_AUDIENCE.customer };
  }
}
