import type { ApiClient } from '@bc/api-client';
import { useMutation } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import type { InquiryFilters } from './inquiry-filters';

/** The file name the API gave (Content-Disposition), or a dated fallback. */
export function fileNameOf(response: Response): string {
  const match = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? 'inquiries.csv';
}

/**
 * R4.4: the CSV of the current filters. The access token lives in memory only, so the file is
 * fetched through the typed client (bearer token, refresh on 401) and saved from a Blob.
 */
export async function downloadInquiriesCsv(client: ApiClient, filters: InquiryFilters): Promise<void> {
  const { data, error, response } = await client.GET('/api/v1/inquiries/export.csv', {
    params: { query: filters },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw toApiError(error, response);
  const url = URL.createObjectURL(data as unknown as Blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileNameOf(response);
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Give the browser a moment to start the download before the URL is freed.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

export function useDownloadInquiriesCsv() {
  const api = useApi();
  return useMutation({ mutationFn: (filters: InquiryFilters) => downloadInquiriesCsv(api.client, filters) });
}
