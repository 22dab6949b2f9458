import { signUpCustomer } from './auth-helpers';
import { eventually } from './eventually';
import type { WithDatabase } from './factories';
import type { TestPaymentSandbox } from './payment-sandbox';
import type { TestApp } from './test-app';

/**
 * What the billing e2e files set up again and again: a customer who signed up and registered a
 * card, plan and option rows, and a billing run started and awaited through the admin API.
 * (The flows behind these — sign-up, the card's SetupIntent, plan changes — have their own tests.)
 */

export const VISA = '4242424242424242';

export interface BilledCustomer {
  token: string;
  accountId: string;
}

export interface BilledCustomerOptions {
  /** the card registered through the sandbox; default VISA (always charged) */
  card?: string;
  /** a corporation with this company name; default an individual */
  companyName?: string;
}

/** A customer who signed up through the API and registered a card in the payment sandbox. */
export async function billedCustomer(
  t: TestApp,
  sandbox: TestPaymentSandbox,
  options: BilledCustomerOptions = {},
): Promise<BilledCustomer> {
  const { companyName, card = VISA } = options;
  const { session } = await signUpCustomer(t, companyName ? { accountType: 'corporation', companyName } : {});
  const token = session.accessToken;
  expect((await sandbox.registerCard(t.http, token, { number: card })).status).toBe(200);
  return { token, accountId: session.user.account.id };
}

/** A plan row (R2.5), straight into the table. */
export async function insertPlan(
  t: WithDatabase,
  accountId: string,
  code: 'standard' | 'luxury',
  startsOn: string,
  endsOn: string | null = null,
): Promise<void> {
  await t.database.dataSource.query(
    `INSERT INTO subscription_plans (account_id, plan_code, starts_on, ends_on) VALUES ($1, $2, $3, $4)`,
    [accountId, code, startsOn, endsOn],
  );
}

/** An option row (R2.6), straight into the table. */
export async function insertOption(
  t: WithDatabase,
  accountId: string,
  code: string,
  startsOn: string,
  endsOn: string | null = null,
): Promise<void> {
  await t.database.dataSource.query(
    `INSERT INTO subscription_options (account_id, option_code, starts_on, ends_on) VALUES ($1, $2, $3, $4)`,
    [accountId, code, startsOn, endsOn],
  );
}

/**
 * POST /admin/billing-runs as `admin` (a staff access token); without `kind` the API's default
 * (monthly). Answers the request, for the test to expect on.
 */
export const startRun = (t: TestApp, admin: string, period: string, kind?: 'monthly' | 'second_day') =>
  t
    .http()
    .post('/api/v1/admin/billing-runs')
    .set('authorization', `Bearer ${admin}`)
    .send(kind ? { period, kind } : { period });

/** Reads the run through the admin API until it is no longer running; answers its body. */
export async function waitForRun(t: TestApp, admin: string, runId: string, timeoutMs = 30_000) {
  const res = await eventually(
    () =>
      t.http().get(`/api/v1/admin/billing-runs/${runId}`).set('authorization', `Bearer ${admin}`).expect(200),
    (r) => r.body.status !== 'running',
    { timeoutMs, intervalMs: 100, what: `billing run ${runId} to finish` },
  );
  return res.body;
}
