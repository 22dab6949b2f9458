import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type AccountType = 'individual' | 'corporation';

export type SignUpInput = {
  email: string;
  password: string;
  accountType: AccountType;
  name: string;
  companyName?: string;
};

/** `{ email, status: 'confirmation_sent' }`: no session yet, the address must be confirmed first. */
export type SignUpResult = Schemas['SignupResultDto'];

export async function signUp(client: ApiClient, input: SignUpInput): Promise<SignUpResult> {
  const { data, error, response } = await client.POST('/api/v1/auth/signup', { body: input });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Creates the account; the API mails a confirmation link and starts no session. */
export function useSignUp() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: SignUpInput) => signUp(api.client, input),
    gcTime: 0, // the variables hold the password
  });
}
