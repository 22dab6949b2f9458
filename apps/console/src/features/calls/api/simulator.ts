import type { Schemas } from '@bc/api-client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type SimulateCallInput = Schemas['SimulateCallDto'];
export type SimulateCallResult = Schemas['SimulateCallResultDto'];

/** `enabled: false` until someone is signed in (the layout asks before the session is known). */
export function useSimulatorStatus({ enabled = true }: { enabled?: boolean } = {}) {
  const api = useApi();
  return useQuery({
    enabled,
    queryKey: ['calls', 'simulator'],
    queryFn: async () => {
      const { data, error, response } = await api.client.GET('/api/v1/admin/telephony/simulator');
      if (!data) throw toApiError(error, response);
      return data;
    },
    staleTime: Infinity,
  });
}

/** Issued numbers, to pick the one to ring. */
export function useIssuedNumbers(enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: ['calls', 'simulator', 'numbers'],
    enabled,
    queryFn: async () => {
      const { data, error, response } = await api.client.GET('/api/v1/admin/numbers', {
        params: { query: { state: 'assigned', limit: 100 } },
      });
      if (!data) throw toApiError(error, response);
      return data.items;
    },
  });
}

export function useSimulateCall() {
  const api = useApi();
  return useMutation({
    mutationFn: async (body: SimulateCallInput): Promise<SimulateCallResult> => {
      const { data, error, response } = await api.client.POST('/api/v1/admin/telephony/simulate', { body });
      if (!data) throw toApiError(error, response);
      return data;
    },
  });
}
