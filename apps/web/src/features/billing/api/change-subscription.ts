import type { ApiClient } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { subscriptionQueryKey, type OptionCode, type PlanCode, type Subscription } from './get-subscription';

/** Every change answers with the subscription as it now is. */
type Change =
  | { kind: 'choose-plan'; planCode: PlanCode }
  | { kind: 'change-plan'; planCode: PlanCode; effectiveMonth: string }
  | { kind: 'withdraw-plan-change' }
  | { kind: 'cancel'; endsOn: string }
  | { kind: 'withdraw-cancellation' }
  | { kind: 'add-option'; optionCode: OptionCode }
  | { kind: 'drop-option'; optionCode: OptionCode };

export async function changeSubscription(client: ApiClient, change: Change): Promise<Subscription> {
  const result = await (() => {
    switch (change.kind) {
      case 'choose-plan':
        return client.PUT('/api/v1/billing/plan-choice', { body: { planCode: change.planCode } });
      case 'change-plan':
        // The month the customer saw and confirmed: the API refuses it if it no longer holds.
        return client.POST('/api/v1/billing/plan-change', {
          body: { planCode: change.planCode, effectiveMonth: change.effectiveMonth },
        });
      case 'withdraw-plan-change':
        return client.DELETE('/api/v1/billing/plan-change');
      case 'cancel':
        return client.POST('/api/v1/billing/cancellation', { body: { endsOn: change.endsOn } });
      case 'withdraw-cancellation':
        return client.DELETE('/api/v1/billing/cancellation');
      case 'add-option':
        return client.POST('/api/v1/billing/options', { body: { optionCode: change.optionCode } });
      case 'drop-option':
        return client.DELETE('/api/v1/billing/options/{optionCode}', {
          params: { path: { optionCode: change.optionCode } },
        });
    }
  })();
  if (!result.data) throw toApiError(result.error, result.response);
  return result.data;
}

export function useChangeSubscription() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (change: Change) => changeSubscription(api.client, change),
    onSuccess: (subscription) => {
      queryClient.setQueryData(subscriptionQueryKey, subscription);
      // the usage meter and the account's state (cancellation_scheduled) follow
      void queryClient.invalidateQueries({ queryKey: ['billing', 'usage'] });
      void queryClient.invalidateQueries({ queryKey: ['account'] });
      void queryClient.invalidateQueries({ queryKey: ['auth'] });
    },
  });
}
