import type { ApiClient } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { inquiriesQueryKey } from './get-inquiries';
import type { InquiryDetail } from './inquiry-filters';

export const inquiryKey = (id: string) => [...inquiriesQueryKey, 'detail', id] as const;

export async function getInquiry(client: ApiClient, id: string): Promise<InquiryDetail> {
  const { data, error, response } = await client.GET('/api/v1/inquiries/{id}', { params: { path: { id } } });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useInquiry(id: string) {
  const api = useApi();
  return useQuery({ queryKey: inquiryKey(id), queryFn: () => getInquiry(api.client, id) });
}
