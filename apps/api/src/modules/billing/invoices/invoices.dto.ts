import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';

export const INVOICE_KINDS = ['initial', 'monthly', 'option_start', 'final', 'credit_note'] as const;
export const INVOICE_STATUSES = [
  'unpaid',
  'paid',
  'retrying',
  'failed',
  'credited',
  'issued',
  'action_required',
] as const;
export const ATTEMPT_STATUSES = ['pending', 'succeeded', 'declined', 'error', 'requires_action'] as const;
export const ATTEMPT_TRIGGERS = ['run', 'initial', 'retry', 'card_changed', 'staff'] as const;
export const RUN_STATUSES = ['running', 'completed', 'failed'] as const;
export const RUN_KIND_NAMES = ['monthly', 'second_day'] as const;

export class InvoiceLineDto {
  @ApiProperty({ example: 1 }) position: number;
  @ApiProperty({ type: String, nullable: true, example: 'standard' }) itemCode: string | null;
  @ApiProperty({ example: 'スタンダード 月額料金 2026年4月分' }) description: string;
  @ApiProperty({ example: 1 }) quantity: number;
  @ApiProperty({ example: 5500, description: 'Yen, tax included' }) unitPrice: number;
  @ApiProperty({ example: 5500, description: 'quantity × unit price, yen tax included' }) amount: number;
  @ApiProperty({ example: 10 }) taxRatePercent: number;
}

/** What a customer sees of an invoice (no staff-only fields). */
export class InvoiceSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'BC-00000042', description: "The issuer's gap-free sequence" }) number: string;
  @ApiProperty({ enum: INVOICE_KINDS, enumName: 'InvoiceKind' }) kind: (typeof INVOICE_KINDS)[number];
  @ApiProperty({ example: '2026-04', description: "The month billed ('YYYY-MM', Japan)" }) period: string;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ example: 6380, description: 'Yen, tax included' }) total: number;
  @ApiProperty({ example: 580, description: 'floor(total × 10 ÷ 110), once per invoice' }) taxAmount: number;
  @ApiProperty({ example: 10 }) taxRatePercent: number;
  @ApiProperty({
    enum: INVOICE_STATUSES,
    enumName: 'InvoiceStatus',
    description:
      '`action_required`: the card issuer asks the cardholder to authenticate this payment (3-D Secure); the owner was mailed a link to `/billing/invoices/{id}/authenticate` in the web app',
  })
  status: (typeof INVOICE_STATUSES)[number];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it is tried again' })
  nextAttemptAt: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Credit notes: the invoice corrected',
  })
  correctsInvoiceId: string | null;
  @ApiProperty({ example: 0, description: 'Yen credited by credit notes' }) credited: number;
  @ApiProperty({ description: 'A receipt can be downloaded (paid)' }) receiptAvailable: boolean;
}

export class InvoiceListDto {
  @ApiProperty({ type: [InvoiceSummaryDto] }) items: InvoiceSummaryDto[];
}

export class InvoiceDetailDto extends InvoiceSummaryDto {
  @ApiProperty({ type: [InvoiceLineDto] }) lines: InvoiceLineDto[];
  @ApiProperty({ example: 'BusinessCall株式会社' }) issuerName: string;
  @ApiProperty({ example: 'T7120001168421' }) issuerRegistrationNumber: string;
  @ApiProperty({
    example: '株式会社サンプル商事',
    description: 'R2.8: the recipient as printed, stored when the invoice was issued (never changes)',
  })
  recipientName: string;
}

export class PaymentAttemptDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 1 }) attemptNo: number;
  @ApiProperty({ example: 'invoice-…', description: 'The idempotency key sent to the provider' })
  idempotencyKey: string;
  @ApiProperty({ example: 6380 }) amount: number;
  @ApiProperty({ enum: ATTEMPT_TRIGGERS, enumName: 'PaymentAttemptTrigger' })
  trigger: (typeof ATTEMPT_TRIGGERS)[number];
  @ApiProperty({ enum: ATTEMPT_STATUSES, enumName: 'PaymentAttemptStatus' })
  status: (typeof ATTEMPT_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true }) providerPaymentId: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'card_declined' }) failureCode: string | null;
  @ApiProperty({ type: String, nullable: true }) failureMessage: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

/** Staff: an invoice with its payments and the run that made it. */
export class AdminInvoiceDto extends InvoiceDetailDto {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) runId: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ example: 6380, description: 'What is left to charge or credit: total − credited' })
  remaining: number;
  @ApiProperty({ type: [PaymentAttemptDto] }) payments: PaymentAttemptDto[];
}

export class AdminInvoiceListDto {
  @ApiProperty({ type: [AdminInvoiceDto] }) items: AdminInvoiceDto[];
  @ApiProperty({
    description:
      'R2.9: some invoice is declined (retrying or failed) or waits for the customer to authenticate the payment (action_required)',
  })
  paymentIssue: boolean;
}

export class CreateCreditNoteDto {
  @ApiProperty({ example: 1100, description: 'Yen, tax included; at most what remains of the invoice' })
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  amount: number;

  @ApiProperty({ example: '通話件数の集計誤りによる訂正' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class StartBillingRunDto {
  @ApiProperty({
    example: '2026-04',
    description:
      "The month to bill ('YYYY-MM'): from its 1st, 00:00 Japan time (a second-day run from its 2nd); earlier is refused with BILLING_RUN_TOO_EARLY",
  })
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'period must be a month written YYYY-MM' })
  period: string;

  @ApiPropertyOptional({ enum: RUN_KIND_NAMES, enumName: 'BillingRunKind', default: 'monthly' })
  @IsOptional()
  @Matches(/^(monthly|second_day)$/, { message: 'kind must be monthly or second_day' })
  kind?: (typeof RUN_KIND_NAMES)[number];
}

export class BillingRunFailureDto {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty({ example: 'BC-00000042' }) number: string;
  @ApiProperty({ example: 6380 }) total: number;
  @ApiProperty({ enum: INVOICE_STATUSES, enumName: 'InvoiceStatus' })
  status: (typeof INVOICE_STATUSES)[number];
  @ApiProperty({ example: 1 }) attempts: number;
  @ApiProperty({ type: String, nullable: true, example: 'card_declined' }) failureCode: string | null;
}

export class BillingRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026-04' }) period: string;
  @ApiProperty({ enum: RUN_KIND_NAMES, enumName: 'BillingRunKind' }) kind: (typeof RUN_KIND_NAMES)[number];
  @ApiProperty({ enum: RUN_STATUSES, enumName: 'BillingRunStatus' }) status: (typeof RUN_STATUSES)[number];
  @ApiProperty({ example: 'staff' }) trigger: string;
  @ApiProperty({ description: 'Accounts billable for the month' }) accountsTotal: number;
  @ApiProperty({ description: 'Invoices this run created (0 on a re-run)' }) invoicesCreated: number;
  @ApiProperty({ description: 'Invoices this run had to charge' }) toCharge: number;
  @ApiProperty() charged: number;
  @ApiProperty({ description: 'Declined or not reached; retried on the schedule' }) failed: number;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ format: 'date-time' }) startedAt: string;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When every account was priced; until then the counts grow chunk by chunk',
  })
  pricedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) finishedAt: string | null;
}

export class BillingRunDetailDto extends BillingRunDto {
  @ApiProperty({ type: [BillingRunFailureDto] }) failures: BillingRunFailureDto[];
}

export class BillingRunListDto {
  @ApiProperty({ type: [BillingRunDto] }) items: BillingRunDto[];
}

/**
 * Issue 17: what the web app's authentication page (`/billing/invoices/{id}/authenticate`) needs to
 * let the owner authenticate an invoice's payment (3-D Secure).
 */
export class InvoiceAuthenticationDto {
  @ApiProperty({ format: 'uuid' }) invoiceId: string;
  @ApiProperty({
    example: 'requires_action',
    description:
      "The PaymentIntent's status: `requires_action` (authenticate: follow `redirectUrl`, or Stripe.js with `clientSecret`), `succeeded` (the invoice is paid)",
  })
  status: string;
  @ApiProperty({ type: String, nullable: true, example: 'pi_1QxYzAbCdEfGhIjK' }) paymentIntentId:
    string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'For Stripe.js (handleNextAction) only, while authentication is needed; never store it',
  })
  clientSecret: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      "The issuer's challenge (the sandbox's 3-D Secure page, or Stripe's redirect); it comes back to returnPath with ?payment_intent=…&redirect_status=…",
  })
  redirectUrl: string | null;
  @ApiProperty({ enum: ['stripe', 'sandbox'] }) adapter: 'stripe' | 'sandbox';
  @ApiProperty({ example: 'pk_test_sandbox' }) publishableKey: string;
  @ApiProperty({
    example: '/billing/invoices/…/authenticate',
    description: 'The web app page the challenge returns to',
  })
  returnPath: string;
}
