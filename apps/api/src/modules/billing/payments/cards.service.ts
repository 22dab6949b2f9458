import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ACCEPTED_CARD_BRANDS, CARD_BRAND_NAMES, cardBrandOf } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import {
  AccountHistoryService,
  actorOf,
  SYSTEM_ACTOR,
  type HistoryActor,
} from '../../accounts/account-history.service';
import { AccountLifecycleService } from '../../accounts/account-lifecycle.service';
import { toCardDto } from './card.mapper';
import type { CardDto, CardSetupDto, PaymentsConfigDto } from './dto/card.dto';
import {
  PAYMENT_PROVIDER,
  PaymentProviderError,
  type PaymentProvider,
  type ProviderSetupIntent,
} from './payment-provider.port';
import { PaymentCustomersRepository } from './payment-customers.repository';
import { PaymentMethodsRepository } from './payment-methods.repository';

const ACCEPTED_NAMES = ACCEPTED_CARD_BRANDS.map((b) => CARD_BRAND_NAMES[b]).join(', ');
const ACCEPTED_BRAND_LIST = ACCEPTED_CARD_BRANDS.map((code) => ({ code, name: CARD_BRAND_NAMES[code] }));

/** The provider's failure as the API answers it; nothing has been stored when this is thrown. */
function toDomainError(err: unknown): unknown {
  if (!(err instanceof PaymentProviderError)) return err;
  switch (err.kind) {
    case 'declined':
      return new DomainError('CARD_DECLINED', 'The card issuer declined the card. Use another card.');
    case 'expired':
      return new DomainError('CARD_EXPIRED', 'The card has expired. Use another card.');
    case 'not_found':
      return setupNotFound();
    case 'authentication_required':
    case 'invalid_signature':
    case 'unavailable':
    case 'unknown_customer':
      return new DomainError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'The payment provider could not be reached; no card was registered. Try again later.',
        { headers: { 'retry-after': '30' } },
      );
  }
}

/** The same answer for an unknown SetupIntent and another account's (nothing to learn from it). */
const setupNotFound = () =>
  new DomainError('CARD_SETUP_NOT_FOUND', 'No such card registration for this account. Start again.');

const brandRefused = (providerBrand: string) =>
  new DomainError(
    'CARD_BRAND_NOT_ACCEPTED',
    `${providerBrand} cards are not accepted. Accepted brands: ${ACCEPTED_NAMES}.`,
  );

/** What a card registration ended as, when learnt from the provider. */
export type AdoptOutcome = 'registered' | 'changed' | 'unchanged' | 'brand_refused' | 'not_ours';

/**
 * R1.5, issue 17: the account's card. The card is typed only into the provider's fields and set up
 * with a SetupIntent (3-D Secure when the issuer asks); we learn the result from the provider, check
 * the brand, and keep the payment method id, brand, last 4 digits and expiry. Only the account's
 * owner changes it; staff never do. Cards registered before from card tokens (`card_…` ids) are
 * still charged as they are.
 */
@Injectable()
export class CardsService {
  private readonly log = new Logger('cards');

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly paymentMethods: PaymentMethodsRepository,
    private readonly customers: PaymentCustomersRepository,
    private readonly lifecycle: AccountLifecycleService,
    private readonly history: AccountHistoryService,
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  paymentsConfig(): PaymentsConfigDto {
    return {
      provider: this.provider.name,
      publishableKey: this.provider.cardFieldsConfig().publishableKey,
      acceptedBrands: ACCEPTED_BRAND_LIST,
    };
  }

  /**
   * Issue 17, step 1 of a card registration (owner only): a SetupIntent (usage off_session) for the
   * account's provider customer, created now if the account has none. The browser confirms it in
   * the provider's card fields (3-D Secure when the issuer asks) with the client secret.
   */
  async startSetup(user: AuthUser): Promise<CardSetupDto> {
    const accountId = this.ownerAccount(user);
    try {
      const customerId = await this.providerCustomer(accountId);
      const si = await this.provider.createSetupIntent({ customerId, accountId }).catch(async (err) => {
        // a customer the provider no longer knows (e.g. the local sandbox restarted): a new one
        if (!(err instanceof PaymentProviderError) || err.kind !== 'unknown_customer') throw err;
        const renewed = await this.provider.createCustomer({
          accountId,
          idempotencyKey: `bc-customer-${accountId}-after-${customerId}`,
        });
        await this.customers.save({
          accountId,
          provider: this.provider.name,
          providerCustomerId: renewed.id,
        });
        return this.provider.createSetupIntent({ customerId: renewed.id, accountId });
      });
      return {
        setupIntentId: si.id,
        clientSecret: si.clientSecret,
        cardFields: this.provider.cardFieldsConfig(),
        acceptedBrands: ACCEPTED_BRAND_LIST,
      };
    } catch (err) {
      throw toDomainError(err);
    }
  }

  /**
   * Issue 17, step 2 (owner only): the browser says the SetupIntent was confirmed; we believe only
   * the provider. The SetupIntent and its payment method must be this account's customer's (else
   * 404, nothing stored); the brand must be one of R1.5's six (else the card is detached and
   * refused with the list). Stores the payment method id, brand, last 4 and expiry.
   */
  async completeSetup(user: AuthUser, setupIntentId: string): Promise<CardDto> {
    const accountId = this.ownerAccount(user);
    try {
      const customer = await this.customers.findByAccount(accountId);
      if (!customer) throw setupNotFound();
      const si = await this.provider.retrieveSetupIntent(setupIntentId);
      if (si.customerId !== customer.providerCustomerId) throw setupNotFound();
      this.assertSucceeded(si);
      const outcome = await this.adopt(
        accountId,
        customer.providerCustomerId,
        si.paymentMethodId!,
        actorOf(user),
      );
      if (outcome.result === 'brand_refused') throw brandRefused(outcome.providerBrand);
      if (outcome.result === 'not_ours') throw setupNotFound();
      return this.getCard(accountId);
    } catch (err) {
      throw toDomainError(err);
    }
  }

  /**
   * A signed provider event says a SetupIntent succeeded (the customer may have closed the page
   * before step 2): the same checks and storage as completeSetup, by the provider customer.
   */
  async setupSucceededEvent(si: { id: string; customer: string | null }): Promise<AdoptOutcome | 'unknown'> {
    const customerId = si.customer;
    const customer = customerId
      ? await this.customers.findByProviderCustomer(this.provider.name, customerId)
      : null;
    if (!customer) return 'unknown';
    // the event is signed, but what is stored comes from the provider's current state
    const current = await this.provider.retrieveSetupIntent(si.id);
    if (current.status !== 'succeeded' || current.customerId !== customer.providerCustomerId)
      return 'unknown';
    const outcome = await this.adopt(
      customer.accountId,
      customer.providerCustomerId,
      current.paymentMethodId!,
      SYSTEM_ACTOR,
    );
    return outcome.result;
  }

  private ownerAccount(user: AuthUser): string {
    if (user.role !== 'owner' || !user.accountId || user.apiKeyId) {
      throw new DomainError('FORBIDDEN', 'Only the owner of the account can register or change its card.');
    }
    return user.accountId;
  }

  private assertSucceeded(si: ProviderSetupIntent): void {
    if (si.status === 'succeeded' && si.paymentMethodId) return;
    if (si.status === 'requires_payment_method' && si.lastErrorCode) {
      if (si.lastErrorCode === 'setup_intent_authentication_failure') {
        throw new DomainError(
          'CARD_AUTHENTICATION_FAILED',
          'The cardholder authentication (3-D Secure) failed; no card was registered.',
        );
      }
      if (si.lastErrorCode === 'expired_card') {
        throw new DomainError('CARD_EXPIRED', 'The card has expired. Use another card.');
      }
      throw new DomainError('CARD_DECLINED', 'The card issuer declined the card. Use another card.');
    }
    throw new DomainError(
      'CARD_SETUP_INCOMPLETE',
      `The card registration is not complete (${si.status}); finish it in the card fields first.`,
    );
  }

  /** The account's provider customer, created (and recorded) on first use. */
  private async providerCustomer(accountId: string): Promise<string> {
    const known = await this.customers.findByAccount(accountId);
    if (known) return known.providerCustomerId;
    const created = await this.provider.createCustomer({
      accountId,
      idempotencyKey: `bc-customer-${accountId}`,
    });
    await this.customers.save({ accountId, provider: this.provider.name, providerCustomerId: created.id });
    return created.id;
  }

  /**
   * Makes a set-up payment method the account's card, once: the account's row is locked, and the
   * same payment method again (the browser's step 2 and the provider's event both arrive) changes
   * nothing. A refused brand is detached at the provider and nothing is stored.
   */
  private async adopt(
    accountId: string,
    customerId: string,
    paymentMethodId: string,
    actor: HistoryActor,
  ): Promise<{ result: AdoptOutcome; providerBrand: string }> {
    const pm = await this.provider.retrievePaymentMethod(paymentMethodId);
    const brand = cardBrandOf(pm.brand);
    // The brand first: the provider's event and the customer's call race, and whichever comes
    // second finds the refused card already detached; both must say "brand refused".
    if (!brand) {
      if (pm.customerId === customerId) {
        await this.provider.detachPaymentMethod(pm.id).catch((err: Error) => {
          this.log.warn({ accountId, err: err.message }, 'could not detach a refused card');
        });
      }
      return { result: 'brand_refused', providerBrand: pm.brand };
    }
    // not (or no longer) on this account's customer
    if (pm.customerId !== customerId) return { result: 'not_ours', providerBrand: pm.brand };
    const result = await this.db.transaction(async (em) => {
      await this.customers.lock(accountId, em);
      const existing = await this.paymentMethods.findByAccount(accountId, em);
      if (existing?.providerPaymentMethodId === pm.id) return 'unchanged' as const;
      const { created } = await this.paymentMethods.upsert(
        {
          accountId,
          provider: this.provider.name,
          providerCustomerId: customerId,
          providerPaymentMethodId: pm.id,
          brand,
          last4: pm.last4,
          expMonth: pm.expMonth,
          expYear: pm.expYear,
          updatedByKind: actor.kind,
          updatedById: actor.id ?? null,
        },
        em,
      );
      await this.recordChange(accountId, actor, created, brand, pm.last4, em);
      return created ? ('registered' as const) : ('changed' as const);
    });
    return { result, providerBrand: pm.brand };
  }

  /** The facts every card change leaves: onboarding, the history, and billing's retry (outbox). */
  private async recordChange(
    accountId: string,
    actor: HistoryActor,
    created: boolean,
    brand: string,
    last4: string,
    em: EntityManager,
  ): Promise<void> {
    await this.lifecycle.recordCardRegistered(accountId, actor, em);
    await this.history.record(
      accountId,
      created ? 'card.registered' : 'card.changed',
      actor,
      { brand, last4 },
      em,
    );
    // R2.9: billing retries what is unpaid (outbox event)
    await this.outbox.add({ type: 'payment_method.changed', payload: { accountId } }, em);
  }

  /** The account's card (customer routes take the account from the token; staff from the URL). */
  async getCard(accountId: string): Promise<CardDto> {
    const card = await this.paymentMethods.findByAccount(accountId);
    if (!card) throw new DomainError('CARD_NOT_REGISTERED', 'No card is registered for this account yet.');
    return toCardDto(card);
  }
}
