import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type MemoOverview = Schemas['MemoOverviewDto'];
export type MemoKindState = Schemas['MemoKindStateDto'];
export type MemoVersion = Schemas['MemoVersionDto'];
export type MemoKind = Schemas['MemoKind'];
export type MemoWindow = { liveFrom?: string | null; liveUntil?: string | null };
export type MemoFields = Schemas['MemoFieldsDto'];
export type QaPair = Schemas['QaPairDto'];

export const memosQueryKey = ['memos'] as const;

export async function getMemoOverview(client: ApiClient): Promise<MemoOverview> {
  const { data, error, response } = await client.GET('/api/v1/memos');
  if (!data) throw toApiError(error, response);
  return data;
}

export async function getMemoHistory(client: ApiClient, kind: MemoKind): Promise<MemoVersion[]> {
  const { data, error, response } = await client.GET('/api/v1/memos/history', {
    params: { query: { kind } },
  });
  if (!data) throw toApiError(error, response);
  return data.items;
}

export type Submission =
  | { kind: 'memo'; body: MemoFields & MemoWindow }
  | { kind: 'qa'; body: { items: QaPair[] } & MemoWindow }
  | { kind: 'announcement'; body: { text: string } & MemoWindow };

export async function submitVersion(client: ApiClient, s: Submission): Promise<MemoVersion> {
  const result =
    s.kind === 'memo'
      ? await client.POST('/api/v1/memos/memo', { body: s.body })
      : s.kind === 'qa'
        ? await client.POST('/api/v1/memos/qa', { body: s.body })
        : await client.POST('/api/v1/memos/announcement', { body: s.body });
  if (!result.data) throw toApiError(result.error, result.response);
  return result.data;
}

export async function withdrawVersion(client: ApiClient, id: string): Promise<void> {
  const { error, response } = await client.DELETE('/api/v1/memos/versions/{id}', {
    params: { path: { id } },
  });
  if (!response.ok) throw toApiError(error, response);
}

export async function refileVersion(client: ApiClient, id: string): Promise<MemoVersion> {
  const { data, error, response } = await client.POST('/api/v1/memos/versions/{id}/refile', {
    params: { path: { id } },
    body: {},
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useMemoOverview() {
  const api = useApi();
  return useQuery({ queryKey: memosQueryKey, queryFn: () => getMemoOverview(api.client) });
}

export function useMemoHistory(kind: MemoKind, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...memosQueryKey, 'history', kind],
    queryFn: () => getMemoHistory(api.client, kind),
    enabled,
  });
}

function useMemoMutation<T, R>(fn: (client: ApiClient, input: T) => Promise<R>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: T) => fn(api.client, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: memosQueryKey }),
  });
}

export const useSubmitVersion = () => useMemoMutation(submitVersion);
export const useWithdrawVersion = () => useMemoMutation(withdrawVersion);
export const useRefileVersion = () => useMemoMutation(refileVersion);

/** R2.7: today's monthly fee of each option, from the public catalogue (same cache as pricing). */
export function useOptionPrices() {
  const api = useApi();
  return useQuery({
    queryKey: ['catalogue'],
    queryFn: async () => {
      const { data, error, response } = await api.client.GET('/api/v1/catalogue');
      if (!data) throw toApiError(error, response);
      return data;
    },
    staleTime: 5 * 60_000,
  });
}
