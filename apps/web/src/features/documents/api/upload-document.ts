import type { ApiClient } from '@bc/api-client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { documentsQueryKey, type CustomerDocument, type DocumentKind } from './get-documents';

export type UploadDocumentInput = { kind: DocumentKind; file: File };

/** Sends the document as multipart/form-data (the API judges the type from the file's bytes). */
export async function uploadDocument(
  client: ApiClient,
  input: UploadDocumentInput,
): Promise<CustomerDocument> {
  const { data, error, response } = await client.POST('/api/v1/documents', {
    // The schema types the file as a string (format: binary); the serializer sends the real File.
    body: { kind: input.kind, file: '' },
    bodySerializer: () => {
      const form = new FormData();
      form.append('kind', input.kind);
      form.append('file', input.file, input.file.name);
      return form;
    },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useUploadDocument() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UploadDocumentInput) => uploadDocument(api.client, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: documentsQueryKey }),
  });
}
