import type { ApiClient } from '@bc/api-client';
import { useMutation } from '@tanstack/react-query';
import type { Session } from '../../../lib/api';
import { toApiError } from '../../../lib/problem';
import { useApi } from '../../../lib/use-api';

export type AccountType = 'individual' | 'corporation';

export type SignUpInput = {
  email: string;
  password: string;
  accountType: AccountType;
  name: string;
  companyName?: string;
};

export async function signUp(client: ApiClient, input: SignUpInput): Promise<Session> {
  const { data, error, response } = await client.POST('/api/v1/auth/signup', { body: input });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useSignUp() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: SignUpInput) => signUp(api.client, input),
    onSuccess: (session) => api.startSession(session),
    gcTime: 0, // the variables hold the password
  });
}
