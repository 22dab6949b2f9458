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
