import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { CustomerAccountService } from '../../src/modules/accounts/customer-account.service';
import type { OnboardingStepDto } from '../../src/modules/accounts/dto/onboarding.dto';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { insertAccount } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';
import { insertPerson } from '../support/people';

// R1.6: the onboarding checklist — each step's status and the action it asks for — for every
// combination of the account's facts (identity review, card, state, number), against
// CustomerAccountService. The route (GET /account/onboarding: a new sign-up's checklist, the
// caller's own account only, members too, 401/403) keeps its cases in onboarding.e2e-spec.

let m: MediumContext;
let service: CustomerAccountService;

beforeAll(async () => {
  m = await startMedium({ providers: [CustomerAccountService, AccountsRepository, UsersRepository] });
  service = m.get(CustomerAccountService);
});
afterAll(() => m?.close());

interface Facts {
  identity: string;
  reason?: string | null;
  card: boolean;
  state: 'applied' | 'verifying' | 'ready_for_number' | 'active';
  phone?: string | null;
}

/** An owner of an account with these facts (as the documents, billing and numbers flows leave them). */
async function ownerWith(facts: Facts) {
  const accountId = await insertAccount(m, { type: 'individual', state: facts.state });
  await m.sql(
    `UPDATE accounts SET identity_status = $2, identity_rejection_reason = $3,
       card_registered_at = CASE WHEN $4 THEN now() ELSE NULL END, phone_number = $5 WHERE id = $1`,
    [accountId, facts.identity, facts.reason ?? null, facts.card, facts.phone ?? null],
  );
  return insertPerson(m, accountId);
}

const summary = (steps: OnboardingStepDto[]) => steps.map((s) => [s.key, s.status, s.action]);

it.each([
  {
    name: 'document waiting for review, no card',
    facts: { identity: 'pending', card: false, state: 'verifying' },
    steps: [
      ['identity_documents', 'waiting', 'wait_for_review'],
      ['card_registered', 'todo', 'register_card'],
      ['number_issued', 'todo', 'complete_previous_steps'],
    ],
  },
  {
    name: 'document waiting for review, card registered',
    facts: { identity: 'pending', card: true, state: 'verifying' },
    steps: [
      ['identity_documents', 'waiting', 'wait_for_review'],
      ['card_registered', 'done', null],
      ['number_issued', 'todo', 'complete_previous_steps'],
    ],
  },
  {
    name: 'no document, card registered',
    facts: { identity: 'missing', card: true, state: 'applied' },
    steps: [
      ['identity_documents', 'todo', 'upload_document'],
      ['card_registered', 'done', null],
      ['number_issued', 'todo', 'complete_previous_steps'],
    ],
  },
  {
    name: 'document rejected, card registered',
    facts: { identity: 'rejected', reason: '有効期限が切れています', card: true, state: 'applied' },
    steps: [
      ['identity_documents', 'rejected', 'reupload_document'],
      ['card_registered', 'done', null],
      ['number_issued', 'todo', 'complete_previous_steps'],
    ],
  },
  {
    name: 'document approved, no card',
    facts: { identity: 'approved', card: false, state: 'applied' },
    steps: [
      ['identity_documents', 'done', null],
      ['card_registered', 'todo', 'register_card'],
      ['number_issued', 'todo', 'complete_previous_steps'],
    ],
  },
  {
    name: 'document approved and card registered: waiting for the number',
    facts: { identity: 'approved', card: true, state: 'ready_for_number' },
    steps: [
      ['identity_documents', 'done', null],
      ['card_registered', 'done', null],
      ['number_issued', 'waiting', 'wait_for_number'],
    ],
  },
] as { name: string; facts: Facts; steps: (string | null)[][] }[])('$name', async ({ facts, steps }) => {
  const checklist = await service.getOnboarding(await ownerWith(facts));
  expect(checklist).toMatchObject({ state: facts.state, complete: false });
  expect(summary(checklist.steps)).toEqual([['email_confirmed', 'done', null], ...steps]);
  const identity = checklist.steps[1];
  expect(identity.identityStatus).toBe(facts.identity);
  expect(identity.rejectionReason).toBe(facts.identity === 'rejected' ? '有効期限が切れています' : null);
  expect(checklist.steps[2].doneAt === null).toBe(!facts.card);
});

it('once the number is issued every step is done and the number is shown', async () => {
  const checklist = await service.getOnboarding(
    await ownerWith({ identity: 'approved', card: true, state: 'active', phone: '+81312345678' }),
  );
  expect(checklist).toMatchObject({ state: 'active', complete: true });
  expect(summary(checklist.steps)).toEqual([
    ['email_confirmed', 'done', null],
    ['identity_documents', 'done', null],
    ['card_registered', 'done', null],
    ['number_issued', 'done', null],
  ]);
  expect(checklist.steps[3].number).toBe('03-1234-5678');
});
