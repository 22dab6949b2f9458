import type { Provider } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { randomBytes } from 'node:crypto';
import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { ACCOUNT_MAILS, type AccountMails } from '../../src/modules/accounts/account-mails.port';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { PasswordsService } from '../../src/modules/accounts/passwords.service';
import { RefreshTokensRepository } from '../../src/modules/accounts/refresh-tokens.repository';
import { SessionsService } from '../../src/modules/accounts/sessions.service';
import { sha256Hex } from '../../src/modules/accounts/team/api-key-format';
import { ApiKeysRepository } from '../../src/modules/accounts/team/api-keys.repository';
import { InvitationAcceptanceService } from '../../src/modules/accounts/team/invitation-acceptance.service';
import { InvitationsRepository } from '../../src/modules/accounts/team/invitations.repository';
import { TeamService } from '../../src/modules/accounts/team/team.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { RedisModule } from '../../src/redis/redis.module';
import type { WithDatabase } from './factories';
import { TEST_JWT_SECRET } from './test-app';

/**
 * The medium tier's set-up for the team rules (R1.2): TeamService and InvitationAcceptanceService
 * with their real repositories and sessions (JWT and the local Redis, as in the app). Sending an
 * invitation is no part of these rules — its mail is tested over SMTP in team.e2e-spec, and the
 * invitations here are rows with a known link (insertInvitation) — so the mail port refuses.
 */
const noMailsHere: AccountMails = {
  confirmEmail: () => Promise.reject(new Error('no mail in the team rules')),
  invitation: () => Promise.reject(new Error('no mail in the team rules: use insertInvitation')),
  signupExistingAccount: () => Promise.reject(new Error('no mail in the team rules')),
};

export const TEAM_PROVIDERS: Provider[] = [
  TeamService,
  InvitationAcceptanceService,
  InvitationsRepository,
  ApiKeysRepository,
  AccountsRepository,
  UsersRepository,
  AccountHistoryService,
  PasswordsService,
  SessionsService,
  RefreshTokensRepository,
  { provide: ACCOUNT_MAILS, useValue: noMailsHere },
];

export const TEAM_IMPORTS = [
  RedisModule,
  JwtModule.register({ secret: TEST_JWT_SECRET, signOptions: { algorithm: 'HS256' } }),
];

export interface InvitationSeed {
  email?: string;
  role?: 'owner' | 'member';
  /** default a week ahead, as an invitation is made */
  expiresAt?: Date;
  revoked?: boolean;
}

/**
 * An invitation to `accountId` as if it had been mailed: the row keeps only the link's hash, and
 * the link's token is answered. (Inviting through the API, with the mail, is in team.e2e-spec.)
 */
export async function insertInvitation(
  t: WithDatabase,
  accountId: string,
  seed: InvitationSeed = {},
): Promise<{ id: string; token: string; email: string }> {
  const token = randomBytes(32).toString('base64url');
  const email = seed.email ?? `invitee-${randomBytes(4).toString('hex')}@example.jp`;
  const [{ id }]: { id: string }[] = await t.database.dataSource.query(
    `INSERT INTO invitations (account_id, email, role, token_hash, invited_by_name, expires_at, revoked_at)
     VALUES ($1, $2, $3, $4, '山田 太郎', $5, CASE WHEN $6 THEN now() END) RETURNING id`,
    [
      accountId,
      email,
      seed.role ?? 'member',
      sha256Hex(token),
      seed.expiresAt ?? new Date(Date.now() + 7 * 86_400_000),
      seed.revoked ?? false,
    ],
  );
  return { id, token, email };
}
