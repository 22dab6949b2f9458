import type { ApiClient, Schemas } from '@bc/api-client';
import { toApiError } from '@bc/app-shell';

export type ScreenPop = Schemas['ScreenPopDto'];

/** The screen pop of a call that rings for me or that I took (also after a reload of the console). */
export async function getScreenPop(client: ApiClient, callId: string): Promise<ScreenPop> {
  const { data, error, response } = await client.GET('/api/v1/operator/calls/{id}/screen-pop', {
    params: { path: { id: callId } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}
