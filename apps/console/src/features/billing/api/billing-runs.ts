import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type BillingRun = Schemas['BillingRunDto'];
export type BillingRunDetail = Schemas['BillingRunDetailDto'];

export const runsQueryKey = ['billing', 'runs'] as const;

export async function getRuns(client: ApiClient): Promise<BillingRun[]> {
  const { data, error, response } = await client.GET('/api/v1/admin/billing-runs');
  if (!data) throw toApiError(error, response);
  return data.items;
}

export async function getRun(client: ApiClient, id: string): Promise<BillingRunDetail> {
  const { data, error, response } = await client.GET('/api/v1/admin/billing-runs/{id}', {
    params: { path: { id } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Runs, refreshed every 2 s while one is running (progress). */
export function useRuns() {
  const api = useApi();
  return useQuery({
    queryKey: runsQueryKey,
    queryFn: () => getRuns(api.client),
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'running') ? 2000 : false),
  });
}

export function useRun(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: [...runsQueryKey, id],
    queryFn: () => getRun(api.client, id),
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 2000 : false),
  });
}

export function useStartRun() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ period, kind }: { period: string; kind: BillingRun['kind'] }) => {
      const { data, error, response } = await api.client.POST('/api/v1/admin/billing-runs', {
        body: { period, kind },
      });
      if (!data) throw toApiError(error, response);
      return data as unknown as BillingRun;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: runsQueryKey }),
  });
}
