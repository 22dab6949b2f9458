import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type RoutingRule = Schemas['RoutingRuleDto'];
export type RoutingRules = Schemas['RoutingRulesDto'];
export type RoutingRuleInput = Schemas['RoutingRuleInputDto'];

export const routingRulesKey = ['notifications', 'routing-rules'] as const;

export async function getRoutingRules(client: ApiClient): Promise<RoutingRules> {
  const { data, error, response } = await client.GET('/api/v1/notifications/routing-rules');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R8.3: the account's routing rules in priority order, and the members a rule may name. */
export function useRoutingRules() {
  const api = useApi();
  return useQuery({ queryKey: routingRulesKey, queryFn: () => getRoutingRules(api.client) });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: routingRulesKey });
}

export function useSaveRoutingRule() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async ({ id, input }: { id: string | null; input: RoutingRuleInput }) => {
      const { data, error, response } = id
        ? await api.client.PUT('/api/v1/notifications/routing-rules/{ruleId}', {
            params: { path: { ruleId: id } },
            body: input,
          })
        : await api.client.POST('/api/v1/notifications/routing-rules', { body: input });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: refresh,
  });
}

export function useDeleteRoutingRule() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: async (ruleId: string) => {
      const { error, response } = await api.client.DELETE('/api/v1/notifications/routing-rules/{ruleId}', {
        params: { path: { ruleId } },
      });
      if (!response.ok) throw toApiError(error, response);
    },
    onSuccess: refresh,
  });
}

export function useReorderRoutingRules() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (ruleIds: string[]) => {
      const { data, error, response } = await api.client.PUT('/api/v1/notifications/routing-rules/order', {
        body: { ruleIds },
      });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (data) => queryClient.setQueryData(routingRulesKey, data),
  });
}
