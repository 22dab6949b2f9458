import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Public } from '../../../common/auth/auth.decorators';
import { ApiProblemResponses } from '../../../common/errors/problem.dto';
import { PaymentWebhookAckDto } from './dto/card.dto';
import { PaymentWebhookService } from './payment-webhook.service';

/** The route's full path: the JSON parser keeps the raw body for it (http-app.ts). */
export const PAYMENT_WEBHOOK_PATH = '/api/v1/payments/webhook';

/** A request whose exact body the JSON parser kept. */
export type RawBodyRequest = FastifyRequest & { rawBody?: string };

/**
 * The payment provider's events (Stripe's webhook format): SetupIntents and PaymentIntents that
 * succeeded, failed or need the cardholder. Signed with `Stripe-Signature`; nothing else is trusted.
 */
@ApiTags('payments')
@Controller('v1/payments/webhook')
export class PaymentWebhookController {
  constructor(private readonly webhooks: PaymentWebhookService) {}

  @Public()
  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: "The payment provider's signed events (Stripe webhooks)",
    description:
      'Verifies `Stripe-Signature` (HMAC-SHA256 of `t.body` with PAYMENT_WEBHOOK_SECRET, at most 300 s old): a missing, wrong or stale signature is 400 and changes nothing; an event id seen before is acknowledged without a second effect. Handles setup_intent.succeeded / setup_failed and payment_intent.succeeded / payment_failed / requires_action.',
  })
  @ApiHeader({ name: 'Stripe-Signature', required: true, description: 't=<unix>,v1=<hex>' })
  @ApiOkResponse({ type: PaymentWebhookAckDto })
  @ApiProblemResponses(400, 503)
  receive(
    @Req() req: RawBodyRequest,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<PaymentWebhookAckDto> {
    return this.webhooks.receive(req.rawBody ?? '', signature);
  }
}
