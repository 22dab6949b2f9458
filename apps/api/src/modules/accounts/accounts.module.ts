import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { PassportModule } from '@nestjs/passport';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { JwtStrategy } from '../../common/auth/jwt.strategy';
import { AccountController } from './account.controller';
import { AccountHistoryService } from './account-history.service';
import { AccountsAdminController } from './accounts-admin.controller';
import { AccountsRepository } from './accounts.repository';
import { AccountsSeed } from './accounts.seed';
import { AccountLifecycleService } from './account-lifecycle.service';
import { AccountSearchService } from './account-search.service';
import { AccountsService } from './accounts.service';
import { CustomerAccountService } from './customer-account.service';
import { AdminAuthController, AdminMeController } from './auth-admin.controller';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { EmailConfirmationService } from './email-confirmation.service';
import { EmailConfirmationsRepository } from './email-confirmations.repository';
import { LoginAttemptsService } from './login-attempts.service';
import { PasswordsService } from './passwords.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsService } from './sessions.service';
import { UsersRepository } from './users.repository';
import { ApiKeysController } from './team/api-keys.controller';
import { ApiKeysRepository } from './team/api-keys.repository';
import { ApiKeysService } from './team/api-keys.service';
import { InvitationAcceptanceService } from './team/invitation-acceptance.service';
import { InvitationsController } from './team/invitations.controller';
import { InvitationsRepository } from './team/invitations.repository';
import { TeamInvitationsController, TeamMembersController } from './team/team.controller';
import { TeamService } from './team/team.service';
import { StorageModule } from '../../storage/storage.module';
import { DocumentsAdminController } from './documents/documents-admin.controller';
import { DocumentsController } from './documents/documents.controller';
import { DocumentsRepository } from './documents/documents.repository';
import { CustomerDocumentsService } from './documents/customer-documents.service';
import { DocumentFilesService } from './documents/document-files.service';
import { DocumentReviewService } from './documents/document-review.service';
import { IdentityStatusService } from './documents/identity-status.service';
import { NoticeOfTermsService } from './documents/notice-of-terms.service';

/** Accounts, their users, and authentication (customers and staff). */
@Module({
  imports: [
    StorageModule,
    PassportModule,
    JwtModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        // A KeyObject for the same reason as in JwtStrategy: a string secret is slow in jsonwebtoken 9.
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret)) as unknown as string,
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  controllers: [
    AuthController,
    MeController,
    AccountController,
    AdminAuthController,
    AdminMeController,
    AccountsAdminController,
    // team and API keys (R1.2)
    TeamMembersController,
    TeamInvitationsController,
    InvitationsController,
    ApiKeysController,
    // identity documents (R1.3, R1.4)
    DocumentsController,
    DocumentsAdminController,
  ],
  providers: [
    AccountHistoryService,
    AccountsRepository,
    UsersRepository,
    RefreshTokensRepository,
    AccountsService,
    AccountLifecycleService,
    AccountSearchService,
    CustomerAccountService,
    AuthService,
    PasswordsService,
    LoginAttemptsService,
    SessionsService,
    JwtStrategy,
    AccountsSeed,
    EmailConfirmationsRepository,
    EmailConfirmationService,
    // team and API keys (R1.2)
    InvitationsRepository,
    ApiKeysRepository,
    TeamService,
    InvitationAcceptanceService,
    ApiKeysService,
    // identity documents (R1.3, R1.4)
    DocumentsRepository,
    CustomerDocumentsService,
    DocumentReviewService,
    NoticeOfTermsService,
    DocumentFilesService,
    IdentityStatusService,
  ],
  exports: [
    AccountsService,
    AccountLifecycleService,
    AccountHistoryService,
    SessionsService,
    AccountsSeed,
    ApiKeysService,
  ],
})
export class AccountsModule {}
