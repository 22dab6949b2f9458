import { useSyncExternalStore } from 'react';
import type { AuthState } from './api';
import { useApi } from './use-api';

/** The current session: 'restoring' until the start-up refresh settles. */
export function useAuth(): AuthState {
  const api = useApi();
  return useSyncExternalStore(api.subscribe, api.getState, api.getState);
}
