import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import type { INestApplicationContext } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { APP_CONFIG, loadConfig, type AppConfig } from '../../config/app.config';
import { domainModules } from '../../app.module';
import { SYSTEM_ACTOR } from '../../modules/accounts/account-history.service';
import { AccountsSeed, DEMO_LOGINS } from '../../modules/accounts/accounts.seed';
import { AccountsService } from '../../modules/accounts/accounts.service';
import { CardsService } from '../../modules/billing/payments/cards.service';
import { CallsRepository } from '../../modules/calls/calls.repository';
import { NumbersSeed } from '../../modules/numbers/numbers.seed';
import { NumbersService } from '../../modules/numbers/numbers.service';

/**
 * Registers a Visa test card for the demo owner as the web app does (issue 17): a SetupIntent from
 * our API, confirmed at the provider the way its card fields do (publishable key and client
 * secret; the card never reaches our API), then completed by our API asking the provider.
 */
async function registerDemoCard(cards: CardsService, owner: AuthUser, config: AppConfig): Promise<void> {
  const setup = await cards.startSetup(owner);
  const provider = async (path: string, params: Record<string, string>) => {
    const res = await fetch(`${config.payments.apiUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.payments.publishableKey}` },
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await res.json()) as { id?: string; status?: string };
    if (!res.ok || !body.id) throw new Error(`the payment provider answered ${res.status}`);
    return body;
  };
  const pm = await provider('/v1/payment_methods', {
    type: 'card',
    'card[number]': '4242424242424242',
    'card[exp_month]': '12',
    'card[exp_year]': String(new Date().getFullYear() + 4),
    'card[cvc]': '123',
  });
  await provider(`/v1/setup_intents/${setup.setupIntentId}/confirm`, {
    client_secret: setup.clientSecret,
    payment_method: pm.id!,
  });
  await cards.completeSetup(owner, setup.setupIntentId);
}

/**
 * The active demo customer goes through onboarding with the real services: identity approved,
 * a card registered at the payment provider (the sandbox must be up), then the first free number.
 */
async function seedActiveCustomer(app: INestApplicationContext): Promise<string[]> {
  const owner = await app.get(AccountsSeed).prepareActiveDemo();
  if (!owner?.accountId) return [];
  const done: string[] = [];
  const cards = app.get(CardsService, { strict: false });
  const hasCard = await cards.getCard(owner.accountId).then(
    () => true,
    () => false,
  );
  if (!hasCard) {
    try {
      await registerDemoCard(cards, owner, app.get<AppConfig>(APP_CONFIG));
      done.push(`a card for ${DEMO_LOGINS.activeOwner.email}`);
    } catch (err) {
      console.warn(
        `demo data: no card for ${DEMO_LOGINS.activeOwner.email} (is the payment sandbox up?): ${(err as Error).message}`,
      );
      return done;
    }
  }
  const account = await app.get(AccountsService).findAccount(owner.accountId);
  if (account?.state === 'ready_for_number') {
    const issued = await app
      .get(NumbersService, { strict: false })
      .issue(owner.accountId, undefined, SYSTEM_ACTOR);
    done.push(`number ${issued.display} for ${DEMO_LOGINS.activeOwner.email}`);
  }
  // A newcomer can take a call at any hour on the demo number; every other account follows the
  // platform schedule (R3.5), and production ignores this (see reception_always_open).
  await app.get(CallsRepository, { strict: false }).setAlwaysOpen(owner.accountId, 'デモ: 24時間受付');
  return done;
}

/** `pnpm --filter @bc/api seed`: loads the demo data. Safe to run again. */
async function main() {
  const config = loadConfig({ LOG_LEVEL: 'warn' });
  @Module({ imports: domainModules(config) })
  class SeedModule {}
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error', 'warn'] });
  try {
    const created = await app.get(AccountsSeed).seedDemo();
    const added = await app.get(NumbersSeed, { strict: false }).seedPool();
    if (added > 0) created.push(`${added} pool numbers`);
    created.push(...(await seedActiveCustomer(app)));
    console.log(created.length ? `demo data: created ${created.join(', ')}` : 'demo data: already present');
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
