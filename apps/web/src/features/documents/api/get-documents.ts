import type { ApiClient, Schemas } from '@bc/api-client';
import { useQuery } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type MyDocuments = Schemas['MyDocumentsDto'];
export type CustomerDocument = Schemas['CustomerDocumentDto'];
export type DocumentKind = Schemas['DocumentKind'];
export type NoticeAddress = Schemas['NoticeAddressDto'];

export const documentsQueryKey = ['documents', 'mine'] as const;

export async function getMyDocuments(client: ApiClient): Promise<MyDocuments> {
  const { data, error, response } = await client.GET('/api/v1/documents');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R1.3: what the account may send, what it sent, and where the review stands. */
export function useMyDocuments() {
  const api = useApi();
  return useQuery({ queryKey: documentsQueryKey, queryFn: () => getMyDocuments(api.client) });
}
