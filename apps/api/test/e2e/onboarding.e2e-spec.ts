import { startTestApp, type TestApp } from '../support/test-app';
import { memberSession, signUpCustomer, staffSession } from '../support/auth-helpers';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

const onboarding = (token: string) =>
  t.http().get('/api/v1/account/onboarding').set('authorization', bearer(token));

async function customer() {
  const { session } = await signUpCustomer(t);
  return { accountId: session.user.account.id, token: session.accessToken };
}

type Step = {
  key: string;
  status: string;
  action: string | null;
  identityStatus: string | null;
  rejectionReason: string | null;
  number: string | null;
  doneAt: string | null;
};

async function setFacts(
  accountId: string,
  facts: { identity: string; reason?: string | null; card: boolean; state: string; phone?: string | null },
) {
  await sql(
    `UPDATE accounts SET identity_status = $2, identity_rejection_reason = $3,
       card_registered_at = CASE WHEN $4 THEN now() ELSE NULL END, state = $5, phone_number = $6 WHERE id = $1`,
    [accountId, facts.identity, facts.reason ?? null, facts.card, facts.state, facts.phone ?? null],
  );
}

const summary = (steps: Step[]) => steps.map((s) => [s.key, s.status, s.action]);

describe('R1.6 onboarding checklist', () => {
  // Each combination of the facts (review, card, state, number) and the steps it shows:
  // test/medium/onboarding-checklist.medium-spec. Here, the route's answers.
  it('a new account: e-mail done, then upload, card, and the number after them', async () => {
    const { token } = await customer();
    const res = await onboarding(token).expect(200);
    expect(res.body.state).toBe('applied');
    expect(res.body.complete).toBe(false);
    expect(summary(res.body.steps)).toEqual([
      ['email_confirmed', 'done', null],
      ['identity_documents', 'todo', 'upload_document'],
      ['card_registered', 'todo', 'register_card'],
      ['number_issued', 'todo', 'complete_previous_steps'],
    ]);
    expect(res.body.steps[0].doneAt).toEqual(expect.any(String));
    expect(res.body.steps[1]).toMatchObject({ identityStatus: 'missing', rejectionReason: null });
    expect(res.body.steps[3].number).toBeNull();
  });

  it("shows only the caller's own account, to its members too", async () => {
    const a = await customer();
    const b = await customer();
    await setFacts(a.accountId, { identity: 'rejected', reason: 'A の理由', card: false, state: 'applied' });
    await setFacts(b.accountId, { identity: 'approved', card: true, state: 'ready_for_number' });

    const ra = await onboarding(a.token).expect(200);
    const rb = await onboarding(b.token).expect(200);
    expect(ra.body.steps[1]).toMatchObject({ status: 'rejected', rejectionReason: 'A の理由' });
    expect(rb.body.state).toBe('ready_for_number');
    expect(JSON.stringify(rb.body)).not.toContain('A の理由');

    const member = await onboarding((await memberSession(t, b.accountId)).token).expect(200);
    expect(member.body.state).toBe('ready_for_number');
    expect(summary(member.body.steps)).toEqual(summary(rb.body.steps));
  });

  it('needs a customer token: none → 401, a staff token → 403', async () => {
    await t.http().get('/api/v1/account/onboarding').expect(401);
    const staff = await staffSession(t, 'admin');
    await onboarding(staff.accessToken).expect(403);
  });
});
