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
import { AccountsService } from './accounts.service';
import { AdminAuthController, AdminMeController } from './auth-admin.controller';
import { AuthController, MeController } from './auth.controller';
import { AuthService } from './auth.service';
import { EmailConfirmationService } from './email-confirmation.service';
import { EmailConfirmationsRepository } from './email-confirmations.repository';
import { NotificationsModule } from '../notifications/notifications.module';
import { LoginAttemptsService } from './login-attempts.service';
import { PasswordsService } from './passwords.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsService } from './sessions.service';
import { UsersRepository } from './users.repository';

/** Accounts, their users, and authentication (customers and staff). */
@Module({
  imports: [
    NotificationsModule,
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
  ],
  providers: [
    AccountHistoryService,
    AccountsRepository,
    UsersRepository,
    RefreshTokensRepository,
    AccountsService,
    AuthService,
    PasswordsService,
    LoginAttemptsService,
    SessionsService,
    JwtStrategy,
    AccountsSeed,
    EmailConfirmationsRepository,
    EmailConfirmationService,
  ],
  exports: [AccountsService, AccountHistoryService, SessionsService, AccountsSeed],
})
export class AccountsModule {}
