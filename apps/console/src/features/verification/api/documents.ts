import type { ApiClient, Schemas } from '@bc/api-client';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type AdminDocument = Schemas['AdminDocumentDto'];
export type DocumentKind = Schemas['DocumentKind'];
export type DocumentQueuePage = Schemas['DocumentQueuePageDto'];
export type DocumentAccess = Schemas['DocumentAccessDto'];
export type AccountDocuments = Schemas['AccountDocumentsDto'];
export type AdminNotice = Schemas['AdminNoticeDto'];

export const verificationKeys = {
  all: ['verification'] as const,
  queue: ['verification', 'queue'] as const,
  document: (id: string) => ['verification', 'document', id] as const,
  file: (id: string) => ['verification', 'file', id] as const,
  accessLog: (id: string) => ['verification', 'access-log', id] as const,
  account: (id: string) => ['verification', 'account', id] as const,
};

const path = (documentId: string) => ({ params: { path: { documentId } } });

/** Pending documents, oldest first. */
export function useDocumentQueue() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: verificationKeys.queue,
    queryFn: async ({ pageParam }): Promise<DocumentQueuePage> => {
      const { data, error, response } = await api.client.GET('/api/v1/admin/documents', {
        params: { query: { limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
      });
      if (!data) throw toApiError(error, response);
      return data;
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDocument(id: string) {
  const api = useApi();
  return useQuery({
    queryKey: verificationKeys.document(id),
    queryFn: async (): Promise<AdminDocument> => {
      const { data, error, response } = await api.client.GET(
        '/api/v1/admin/documents/{documentId}',
        path(id),
      );
      if (!data) throw toApiError(error, response);
      return data;
    },
  });
}

export async function getDocumentFile(client: ApiClient, id: string, mimeType: string): Promise<Blob> {
  const { data, error, response } = await client.GET('/api/v1/admin/documents/{documentId}/file', {
    ...path(id),
    parseAs: 'blob',
  });
  if (!response.ok || !data) {
    // error bodies are problem+json; parseAs 'blob' left them as a Blob
    let body: unknown = error;
    try {
      body = JSON.parse(await (error as unknown as Blob).text());
    } catch {
      /* not JSON */
    }
    throw toApiError(body, response);
  }
  return new Blob([data as unknown as Blob], { type: mimeType });
}

/** The file, through the API (every read is logged there); never cached beyond this view. */
export function useDocumentFile(id: string, mimeType: string | undefined) {
  const api = useApi();
  return useQuery({
    queryKey: verificationKeys.file(id),
    queryFn: () => getDocumentFile(api.client, id, mimeType ?? 'application/octet-stream'),
    enabled: mimeType !== undefined,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export function useAccessLog(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: verificationKeys.accessLog(id),
    enabled,
    queryFn: async () => {
      const { data, error, response } = await api.client.GET(
        '/api/v1/admin/documents/{documentId}/access-log',
        path(id),
      );
      if (!data) throw toApiError(error, response);
      return data.items;
    },
  });
}

export type Decision = { decision: 'approve' } | { decision: 'reject'; reason: string };

export function useDecideDocument(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: Decision): Promise<AdminDocument> => {
      const { data, error, response } =
        input.decision === 'approve'
          ? await api.client.POST('/api/v1/admin/documents/{documentId}/approve', path(id))
          : await api.client.POST('/api/v1/admin/documents/{documentId}/reject', {
              ...path(id),
              body: { reason: input.reason },
            });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (doc) => {
      queryClient.setQueryData(verificationKeys.document(id), doc);
      void queryClient.invalidateQueries({ queryKey: verificationKeys.queue });
      void queryClient.invalidateQueries({ queryKey: verificationKeys.account(doc.accountId) });
    },
  });
}

export function useAccountDocuments(accountId: string) {
  const api = useApi();
  return useQuery({
    queryKey: verificationKeys.account(accountId),
    queryFn: async (): Promise<AccountDocuments> => {
      const { data, error, response } = await api.client.GET('/api/v1/admin/accounts/{accountId}/documents', {
        params: { path: { accountId } },
      });
      if (!data) throw toApiError(error, response);
      return data;
    },
  });
}

export type AttachInput = { kind: DocumentKind; receivedVia: 'fax' | 'mail'; file: File };

export function useAttachDocument(accountId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: AttachInput): Promise<AdminDocument> => {
      const { data, error, response } = await api.client.POST(
        '/api/v1/admin/accounts/{accountId}/documents',
        {
          params: { path: { accountId } },
          // The schema types the file as a string (format: binary); the serializer sends the real File.
          body: { kind: input.kind, receivedVia: input.receivedVia, file: '' },
          bodySerializer: () => {
            const form = new FormData();
            form.append('kind', input.kind);
            form.append('receivedVia', input.receivedVia);
            form.append('file', input.file, input.file.name);
            return form;
          },
        },
      );
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: verificationKeys.account(accountId) });
      void queryClient.invalidateQueries({ queryKey: verificationKeys.queue });
    },
  });
}

export function useRecordNoticePosted(accountId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (): Promise<AdminNotice> => {
      const { data, error, response } = await api.client.POST(
        '/api/v1/admin/accounts/{accountId}/notice-posted',
        { params: { path: { accountId } } },
      );
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (notice) =>
      queryClient.setQueryData<AccountDocuments>(verificationKeys.account(accountId), (prev) =>
        prev ? { ...prev, notice } : prev,
      ),
  });
}
