export const ACCOUNT_TYPES = ['individual', 'corporation'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

/** R1.6: the life of a customer account. */
export const ACCOUNT_STATES = [
  'applied',
  'verifying',
  'ready_for_number',
  'active',
  'cancellation_scheduled',
  'cancelled',
] as const;
export type AccountState = (typeof ACCOUNT_STATES)[number];

/**
 * R1.3: the identity review of an account: no document yet, one waiting for staff, approved, or
 * the last one rejected (with a reason the customer sees).
 */
export const IDENTITY_STATUSES = ['missing', 'pending', 'approved', 'rejected'] as const;
export type IdentityStatus = (typeof IDENTITY_STATUSES)[number];

/** States in which the onboarding facts (documents, card) still move the account (R1.6). */
export const ONBOARDING_STATES = ['applied', 'verifying', 'ready_for_number'] as const;

/**
 * R1.6 [decided]: the onboarding state from its facts. `ready_for_number` once the documents are
 * approved and a card is registered; `verifying` while a document waits for staff; otherwise
 * `applied` (the customer has something to do: upload, re-upload after a rejection, or add a card).
 */
export function onboardingState(facts: {
  identityStatus: IdentityStatus;
  cardRegistered: boolean;
}): 'applied' | 'verifying' | 'ready_for_number' {
  if (facts.identityStatus === 'approved' && facts.cardRegistered) return 'ready_for_number';
  if (facts.identityStatus === 'pending') return 'verifying';
  return 'applied';
}
