import { Inject, Injectable } from '@nestjs/common';
import { ACCEPTED_CARD_BRANDS, CARD_BRAND_NAMES, cardBrandOf } from '@bc/domain';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { AccountHistoryService, actorOf } from '../../accounts/account-history.service';
import { AccountsService } from '../../accounts/accounts.service';
import { toCardDto } from './card.mapper';
import type { CardDto, PaymentsConfigDto } from './dto/card.dto';
import {
  PAYMENT_PROVIDER,
  PaymentProviderError,
  type PaymentProvider,
  type ProviderCard,
  type ProviderCardToken,
} from './payment-provider.port';
import { PaymentMethodsRepository } from './payment-methods.repository';

/** R2.9: a card was registered or changed; billing retries what is unpaid (outbox event). */
export const PAYMENT_METHOD_CHANGED_EVENT = 'payment_method.changed';
export interface PaymentMethodChangedPayload {
  accountId: string;
}

const ACCEPTED_NAMES = ACCEPTED_CARD_BRANDS.map((b) => CARD_BRAND_NAMES[b]).join(', ');

/** The provider's failure as the API answers it; nothing has been stored when this is thrown. */
function toDomainError(err: unknown): unknown {
  if (!(err instanceof PaymentProviderError)) return err;
  switch (err.kind) {
    case 'invalid_token':
      return new DomainError(
        'CARD_TOKEN_INVALID',
        'The card token is unknown, was already used, or holds no card. Tokenise the card again.',
      );
    case 'declined':
      return new DomainError('CARD_DECLINED', 'The card issuer declined the card. Use another card.');
    case 'expired':
      return new DomainError('CARD_EXPIRED', 'The card has expired. Use another card.');
    case 'unavailable':
    case 'unknown_customer':
      return new DomainError(
        'PAYMENT_PROVIDER_UNAVAILABLE',
        'The payment provider could not be reached; no card was registered. Try again later.',
        { headers: { 'retry-after': '30' } },
      );
  }
}

/**
 * R1.5: the account's card. The browser tokenises the card with the provider; we receive only the
 * token, check the brand, attach the card to the account's provider customer, and keep the brand,
 * last 4 digits and expiry. Only the account's owner changes it; staff never do.
 */
@Injectable()
export class CardsService {
  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly paymentMethods: PaymentMethodsRepository,
    private readonly accounts: AccountsService,
    private readonly history: AccountHistoryService,
    private readonly db: DatabaseService,
    private readonly outbox: OutboxRepository,
  ) {}

  paymentsConfig(): PaymentsConfigDto {
    const config = this.provider.tokenizationConfig();
    return {
      provider: config.provider,
      publishableKey: config.publishableKey,
      tokenizationBaseUrl: config.baseUrl,
      acceptedBrands: ACCEPTED_CARD_BRANDS.map((code) => ({ code, name: CARD_BRAND_NAMES[code] })),
    };
  }

  /** The account's card (customer routes take the account from the token; staff from the URL). */
  async getCard(accountId: string): Promise<CardDto> {
    const card = await this.paymentMethods.findByAccount(accountId);
    if (!card) throw new DomainError('CARD_NOT_REGISTERED', 'No card is registered for this account yet.');
    return toCardDto(card);
  }

  /** R1.5, R1.6: registers or replaces the card of the caller's account from a provider token. */
  async registerCard(user: AuthUser, tokenId: string): Promise<CardDto> {
    if (user.role !== 'owner' || !user.accountId || user.apiKeyId) {
      throw new DomainError('FORBIDDEN', 'Only the owner of the account can register or change its card.');
    }
    const accountId = user.accountId;
    const actor = actorOf(user);
    try {
      const token = await this.provider.retrieveCardToken(tokenId);
      if (token.used) {
        throw new DomainError(
          'CARD_TOKEN_INVALID',
          'This card token was already used. Tokenise the card again.',
        );
      }
      const brand = cardBrandOf(token.card.brand);
      if (!brand) {
        throw new DomainError(
          'CARD_BRAND_NOT_ACCEPTED',
          `${token.card.brand} cards are not accepted. Accepted brands: ${ACCEPTED_NAMES}.`,
        );
      }
      const existing = await this.paymentMethods.findByAccount(accountId);
      const { customerId, card } = await this.attach(accountId, existing?.providerCustomerId ?? null, token);

      return await this.db.transaction(async (em) => {
        const { saved, created } = await this.paymentMethods.upsert(
          {
            accountId,
            provider: this.provider.name,
            providerCustomerId: customerId,
            providerCardId: card.id,
            brand,
            last4: card.last4,
            expMonth: card.expMonth,
            expYear: card.expYear,
            funding: card.funding,
            updatedByKind: actor.kind,
            updatedById: actor.id ?? null,
          },
          em,
        );
        await this.accounts.recordCardRegistered(accountId, actor, em);
        await this.history.record(
          accountId,
          created ? 'card.registered' : 'card.changed',
          actor,
          { brand, last4: card.last4 },
          em,
        );
        const changed: PaymentMethodChangedPayload = { accountId };
        await this.outbox.add(PAYMENT_METHOD_CHANGED_EVENT, { ...changed }, em);
        return toCardDto(saved);
      });
    } catch (err) {
      throw toDomainError(err);
    }
  }

  /**
   * Makes the token's card the default card of the account's provider customer, creating the
   * customer on first use. The creation's idempotency key is derived from the account, so a retry
   * or a double submit finds the same customer. A customer the provider no longer knows (e.g. the
   * local sandbox was restarted) is replaced by a new one.
   */
  private async attach(
    accountId: string,
    knownCustomerId: string | null,
    token: ProviderCardToken,
  ): Promise<{ customerId: string; card: ProviderCard }> {
    let customerId =
      knownCustomerId ??
      (await this.provider.createCustomer({ accountId, idempotencyKey: `bc-customer-${accountId}` })).id;
    try {
      return { customerId, card: await this.provider.setDefaultCard(customerId, token) };
    } catch (err) {
      if (!(err instanceof PaymentProviderError) || err.kind !== 'unknown_customer' || !knownCustomerId)
        throw err;
      customerId = (
        await this.provider.createCustomer({
          accountId,
          idempotencyKey: `bc-customer-${accountId}-after-${knownCustomerId}`,
        })
      ).id;
      return { customerId, card: await this.provider.setDefaultCard(customerId, token) };
    }
  }
}
