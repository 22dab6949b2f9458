import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { ACCEPTED_CARD_BRANDS, type CardBrand } from '@bc/domain';

/** The registered card, as much of it as we keep: brand, last 4 digits, expiry. */
export class CardDto {
  @ApiProperty({ enum: ACCEPTED_CARD_BRANDS, enumName: 'CardBrand' })
  brand: CardBrand;
  @ApiProperty({ example: 'Visa', description: 'The brand as written for people' })
  brandName: string;
  @ApiProperty({ example: '4242', pattern: '^[0-9]{4}$' })
  last4: string;
  @ApiProperty({ example: 12, minimum: 1, maximum: 12 })
  expMonth: number;
  @ApiProperty({ example: 2030 })
  expYear: number;
  @ApiProperty({ description: 'True once the expiry month is over (Japan time)' })
  expired: boolean;
  @ApiProperty({ format: 'date-time', description: 'When the first card was registered' })
  registeredAt: string;
  @ApiProperty({ format: 'date-time', description: 'When the card was last registered or changed' })
  updatedAt: string;
}

export class CardBrandDto {
  @ApiProperty({ enum: ACCEPTED_CARD_BRANDS, enumName: 'CardBrand' })
  code: CardBrand;
  @ApiProperty({ example: 'Visa' })
  name: string;
}

/** The payment provider, its publishable key and the accepted brands (the card fields come with POST /account/card/setup). */
export class PaymentsConfigDto {
  @ApiProperty({ example: 'stripe', description: "Whose API this is (Stripe's wire format)" })
  provider: string;
  @ApiProperty({ example: 'pk_test_sandbox', description: "The provider's publishable key" })
  publishableKey: string;
  @ApiProperty({ type: [CardBrandDto], description: 'R1.5: the accepted brands, in display order' })
  acceptedBrands: CardBrandDto[];
}

/** Which card fields the web app shows (issue 17): the card is typed only into the provider's own. */
export class CardFieldsDto {
  @ApiProperty({
    enum: ['stripe', 'sandbox'],
    example: 'sandbox',
    description:
      "`stripe`: Stripe's Payment Element (@stripe/stripe-js) with the publishable key; `sandbox`: the payment sandbox's card-fields page, embedded as an iframe",
  })
  adapter: 'stripe' | 'sandbox';
  @ApiProperty({ example: 'pk_test_sandbox' })
  publishableKey: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'http://127.0.0.1:12111/elements/card-fields',
    description:
      "The sandbox's card-fields page (add `?origin=<the web app's origin>&key=<publishableKey>`); null for Stripe",
  })
  url: string | null;
}

/** A card registration begun: the SetupIntent the browser confirms in the provider's card fields. */
export class CardSetupDto {
  @ApiProperty({ example: 'seti_1QxYzAbCdEfGhIjK' })
  setupIntentId: string;
  @ApiProperty({
    example: 'seti_1QxYzAbCdEfGhIjK_secret_…',
    description: "For the provider's card fields only (confirming the SetupIntent); never store it",
  })
  clientSecret: string;
  @ApiProperty({ type: CardFieldsDto })
  cardFields: CardFieldsDto;
  @ApiProperty({ type: [CardBrandDto], description: 'R1.5: the accepted brands, in display order' })
  acceptedBrands: CardBrandDto[];
}

/** The browser says the SetupIntent was confirmed; the API asks the provider what happened. */
export class CompleteCardSetupDto {
  @ApiProperty({ example: 'seti_1QxYzAbCdEfGhIjK', pattern: '^seti_[A-Za-z0-9_]+$' })
  @IsString()
  @Matches(/^seti_[A-Za-z0-9]{1,250}$/, { message: 'setupIntentId must be a SetupIntent id (seti_…)' })
  setupIntentId: string;
}

/** The answer to a provider event. */
export class PaymentWebhookAckDto {
  @ApiProperty({ example: true }) received: boolean;
  @ApiProperty({ description: 'The event id was handled before: nothing was done again' })
  duplicate: boolean;
  @ApiProperty({ example: 'card-registered', description: 'What the event did (for the provider’s log)' })
  outcome: string;
}
