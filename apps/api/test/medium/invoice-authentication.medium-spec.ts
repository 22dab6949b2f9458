import { ChargeAttemptsRepository } from '../../src/modules/billing/invoices/charge-attempts.repository';
import { InvoiceAuthenticationService } from '../../src/modules/billing/invoices/invoice-authentication.service';
import { InvoicesRepository } from '../../src/modules/billing/invoices/invoices.repository';
import { insertPlan } from '../support/billing';
import {
  invoicesOf,
  payingCustomer,
  runMonth,
  startMoneyMedium,
  type MoneyContext,
  type PayingCustomer,
} from '../support/billing-run';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';

// Issue 17, a race: the customer comes back from the 3-D Secure challenge (POST …/complete) at
// the moment the provider's signed `payment_intent.succeeded` event arrives. The event may settle
// the invoice between complete's first read of it and its look for the attempt awaiting
// authentication; the customer, whose payment succeeded, must see the paid invoice and not 409
// INVOICE_NOT_AWAITING_AUTHENTICATION. The challenge itself and the routes are payments-3ds.e2e-spec's.

let m: MoneyContext;
let sandbox: TestPaymentSandbox;

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  m = await startMoneyMedium(sandbox);
});
afterAll(async () => {
  await m?.close();
  await sandbox?.close();
});
afterEach(() => jest.restoreAllMocks());

/**
 * An invoice whose off-session charge asks for authentication, as the run leaves it: status
 * action_required, its attempt requires_action with the PaymentIntent to authenticate. (The
 * sandbox's authentication-required cards need a challenge at set-up too, so the state is written
 * over a charged invoice here; the run's own path to it is payments-3ds.e2e-spec's.)
 */
async function invoiceAwaitingAuthentication(
  period: string,
): Promise<{ c: PayingCustomer; invoiceId: string; pi: string }> {
  const c = await payingCustomer(m, sandbox);
  await insertPlan(m, c.accountId, 'standard', '2026-02-01');
  await runMonth(m, period);
  const [invoice] = await invoicesOf(m, c);
  await m.sql(
    `UPDATE payment_attempts SET status = 'requires_action', failure_code = 'authentication_required', finished_at = NULL
      WHERE invoice_id = $1`,
    [invoice.id],
  );
  const [attempt] = await m.sql<{ provider_payment_id: string }>(
    `SELECT provider_payment_id FROM payment_attempts WHERE invoice_id = $1 AND provider_payment_id IS NOT NULL`,
    [invoice.id],
  );
  await m.sql(`UPDATE invoices SET status = 'action_required', paid_at = NULL WHERE id = $1`, [invoice.id]);
  return { c, invoiceId: invoice.id, pi: attempt.provider_payment_id };
}

/** Lets the provider's event settle the invoice right after the service's first read of it. */
function eventLandsAfterFirstRead(invoiceId: string, pi: string) {
  const invoices = m.get(InvoicesRepository);
  const firstRead = invoices.findOfAccount.bind(invoices);
  jest.spyOn(invoices, 'findOfAccount').mockImplementationOnce(async (accountId, id) => {
    const row = await firstRead(accountId, id);
    // what paymentSucceededEvent does once the provider confirms the PaymentIntent succeeded
    expect(await m.get(ChargeAttemptsRepository).markPaidAfterAuthentication(invoiceId, pi)).toBe(true);
    return row;
  });
}

it('complete: the customer gets the paid invoice when the event settled it a moment before', async () => {
  const { c, invoiceId, pi } = await invoiceAwaitingAuthentication('2026-04');
  eventLandsAfterFirstRead(invoiceId, pi);
  const answer = await m.get(InvoiceAuthenticationService).complete(c.owner, invoiceId);
  expect(answer).toMatchObject({ id: invoiceId, status: 'paid', receiptAvailable: true });
});

it('start: the page that opens just as the event settles the invoice shows it paid, with no challenge', async () => {
  const { c, invoiceId, pi } = await invoiceAwaitingAuthentication('2026-05');
  eventLandsAfterFirstRead(invoiceId, pi);
  const answer = await m.get(InvoiceAuthenticationService).start(c.owner, invoiceId);
  expect(answer).toMatchObject({ invoiceId, status: 'succeeded', clientSecret: null, redirectUrl: null });
});

it('still refuses an invoice that nothing paid and that awaits no authentication (409)', async () => {
  const { c, invoiceId } = await invoiceAwaitingAuthentication('2026-06');
  await m.sql(`UPDATE payment_attempts SET status = 'declined' WHERE invoice_id = $1`, [invoiceId]);
  await expect(m.get(InvoiceAuthenticationService).complete(c.owner, invoiceId)).rejects.toMatchObject({
    code: 'INVOICE_NOT_AWAITING_AUTHENTICATION',
  });
});
