import { useAuthState, type AuthState } from '@bc/app-shell';
import type { Me } from './api';

/** The current session with this app's user type: 'restoring' until the start-up refresh settles. */
export const useAuth = (): AuthState<Me> => useAuthState<Me>();
