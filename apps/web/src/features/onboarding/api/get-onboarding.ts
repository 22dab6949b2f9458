import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type Onboarding = Schemas['OnboardingDto'];
export type OnboardingStep = Schemas['OnboardingStepDto'];

export const onboardingQueryKey = ['account', 'onboarding'] as const;

export async function getOnboarding(client: ApiClient): Promise<Onboarding> {
  const { data, error, response } = await client.GET('/api/v1/account/onboarding');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R1.6: the caller's onboarding checklist (always their own account). */
export function useOnboarding() {
  const api = useApi();
  return useQuery({ queryKey: onboardingQueryKey, queryFn: () => getOnboarding(api.client) });
}
