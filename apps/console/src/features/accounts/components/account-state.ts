import { useTranslation } from 'react-i18next';
import type { AccountState } from '../api/search-accounts';

/** R1.6: every account state, in the order an account goes through them. */
export const ACCOUNT_STATES = [
  'applied',
  'verifying',
  'ready_for_number',
  'active',
  'cancellation_scheduled',
  'cancelled',
] as const satisfies readonly AccountState[];

export const isAccountState = (value: string): value is AccountState =>
  (ACCOUNT_STATES as readonly string[]).includes(value);

/** The one place the console labels account states (a state it does not know is shown raw). */
export function useAccountStateLabel(): (state: string) => string {
  const { t } = useTranslation('accounts');
  return (state) => (isAccountState(state) ? t(`state.${state}`) : state);
}
