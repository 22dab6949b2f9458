import type { ApiClient } from '@bc/api-client';
import { useMutation } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type PdfKind = 'invoice' | 'receipt';

function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/**
 * The invoice or its receipt as a PDF. The access token lives in memory only, so the file is
 * fetched through the typed client (bearer token, refresh on 401) and saved from a Blob.
 */
export async function downloadInvoicePdf(client: ApiClient, id: string, kind: PdfKind): Promise<void> {
  const { data, error, response } =
    kind === 'invoice'
      ? await client.GET('/api/v1/billing/invoices/{id}/invoice.pdf', {
          params: { path: { id } },
          parseAs: 'blob',
        })
      : await client.GET('/api/v1/billing/invoices/{id}/receipt.pdf', {
          params: { path: { id } },
          parseAs: 'blob',
        });
  if (!response.ok || !data) throw toApiError(error, response);
  const url = URL.createObjectURL(data as unknown as Blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(response, `${kind}.pdf`);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export function useDownloadInvoicePdf() {
  const api = useApi();
  return useMutation({
    mutationFn: ({ id, kind }: { id: string; kind: PdfKind }) => downloadInvoicePdf(api.client, id, kind),
  });
}
