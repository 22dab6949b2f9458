import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../../../common/errors/domain-error';
import { InvoiceAuthenticationService } from '../invoices/invoice-authentication.service';
import { CardsService } from './cards.service';
import type { PaymentWebhookAckDto } from './dto/card.dto';
import {
  PAYMENT_PROVIDER,
  PaymentProviderError,
  type PaymentProvider,
  type ProviderEvent,
} from './payment-provider.port';
import { PaymentProviderEventsRepository } from './payment-provider-events.repository';

/**
 * Issue 17: what the provider's signed events change. Each event id is claimed once (the provider
 * re-delivers, and a replayed event must have no second effect); a failure gives the claim back
 * so the provider's next delivery is handled. Effects read the provider's current state, and are
 * the same idempotent steps the customer's own calls take.
 */
@Injectable()
export class PaymentWebhookService {
  private readonly log = new Logger('payment-webhook');

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly events: PaymentProviderEventsRepository,
    private readonly cards: CardsService,
    private readonly invoices: InvoiceAuthenticationService,
  ) {}

  async receive(rawBody: string, signature: string | undefined): Promise<PaymentWebhookAckDto> {
    let event: ProviderEvent;
    try {
      event = this.provider.verifyEvent(rawBody, signature);
    } catch (err) {
      if (err instanceof PaymentProviderError && err.kind === 'invalid_signature') {
        throw new DomainError('PAYMENT_WEBHOOK_SIGNATURE_INVALID', err.message);
      }
      throw err;
    }
    if (!(await this.events.claim(event.id, event.type))) {
      return { received: true, duplicate: true, outcome: 'already-handled' };
    }
    try {
      const outcome = await this.handle(event);
      this.log.log({ eventId: event.id, type: event.type, outcome }, 'payment provider event');
      return { received: true, duplicate: false, outcome };
    } catch (err) {
      await this.events.release(event.id);
      if (err instanceof PaymentProviderError) {
        throw new DomainError(
          'PAYMENT_PROVIDER_UNAVAILABLE',
          'The payment provider could not be asked about this event; send it again later.',
          { headers: { 'retry-after': '30' } },
        );
      }
      throw err;
    }
  }

  private async handle(event: ProviderEvent): Promise<string> {
    const object = event.object;
    switch (event.type) {
      case 'setup_intent.succeeded': {
        const result = await this.cards.setupSucceededEvent({
          id: object.id,
          customer: typeof object.customer === 'string' ? object.customer : null,
        });
        return `card-${result}`;
      }
      case 'payment_intent.succeeded':
        return `invoice-${await this.invoices.paymentSucceededEvent({ id: object.id, metadata: object.metadata })}`;
      // Nothing to change: a failed set-up stored nothing, and a charge's failure or need for the
      // cardholder was recorded when the charge answered (these events only confirm it).
      case 'setup_intent.setup_failed':
      case 'setup_intent.requires_action':
      case 'payment_intent.payment_failed':
      case 'payment_intent.requires_action':
        return 'noted';
      default:
        return 'ignored';
    }
  }
}
