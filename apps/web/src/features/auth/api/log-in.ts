import type { ApiClient } from '@bc/api-client';
import { useMutation } from '@tanstack/react-query';
import type { Session } from '../../../lib/api';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type LogInInput = { email: string; password: string };

export async function logIn(client: ApiClient, input: LogInInput): Promise<Session> {
  const { data, error, response } = await client.POST('/api/v1/auth/login', { body: input });
  if (!data) throw toApiError(error, response);
  return data;
}

/** On success the session starts; the public-only route then leaves the log-in page. */
export function useLogIn() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: LogInInput) => logIn(api.client, input),
    onSuccess: (session) => api.startSession(session),
    gcTime: 0, // the variables hold the password
  });
}
