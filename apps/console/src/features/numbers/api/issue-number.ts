import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type IssuedNumber = Schemas['IssuedNumberDto'];
export type IssueNumberInput = { accountId: string; numberId?: string };

export async function issueNumber(client: ApiClient, input: IssueNumberInput): Promise<IssuedNumber> {
  const { data, error, response } = await client.POST('/api/v1/admin/accounts/{accountId}/number', {
    params: { path: { accountId: input.accountId } },
    body: input.numberId ? { numberId: input.numberId } : {},
  });
  if (!data) throw toApiError(error, response);
  return data;
}

/** Issues the next free (or the chosen) number; the account becomes active. */
export function useIssueNumber() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: IssueNumberInput) => issueNumber(api.client, input),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['accounts'] });
      await queryClient.invalidateQueries({ queryKey: ['numbers'] });
    },
  });
}
