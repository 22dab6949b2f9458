import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type Endpoint = Schemas['WebhookEndpointDto'];
export type CreatedEndpoint = Schemas['CreatedWebhookEndpointDto'];
export type EndpointKind = Schemas['WebhookEndpointKind'];
export type EventType = Schemas['WebhookEventType'];
export type CreateEndpointBody = Schemas['CreateWebhookEndpointDto'];
export type UpdateEndpointBody = Schemas['UpdateWebhookEndpointDto'];
export type TestResult = Schemas['WebhookTestResultDto'];

export const ENDPOINT_KINDS: EndpointKind[] = ['webhook', 'slack', 'teams'];
export const EVENT_TYPES: EventType[] = ['inquiry.created', 'inquiry.status_changed', 'invoice.issued'];

export const endpointsQueryKey = ['webhook-endpoints'] as const;

export async function getEndpoints(client: ApiClient): Promise<Endpoint[]> {
  const { data, error, response } = await client.GET('/api/v1/webhook-endpoints');
  if (!data) throw toApiError(error, response);
  return data.items;
}

export async function createEndpoint(client: ApiClient, body: CreateEndpointBody): Promise<CreatedEndpoint> {
  const { data, error, response } = await client.POST('/api/v1/webhook-endpoints', { body });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function updateEndpoint(
  client: ApiClient,
  endpointId: string,
  body: UpdateEndpointBody,
): Promise<Endpoint> {
  const { data, error, response } = await client.PATCH('/api/v1/webhook-endpoints/{endpointId}', {
    params: { path: { endpointId } },
    body,
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function deleteEndpoint(client: ApiClient, endpointId: string): Promise<void> {
  const { error, response } = await client.DELETE('/api/v1/webhook-endpoints/{endpointId}', {
    params: { path: { endpointId } },
  });
  if (!response.ok) throw toApiError(error, response);
}

export async function rotateSecret(client: ApiClient, endpointId: string): Promise<CreatedEndpoint> {
  const { data, error, response } = await client.POST(
    '/api/v1/webhook-endpoints/{endpointId}/rotate-secret',
    {
      params: { path: { endpointId } },
    },
  );
  if (!data) throw toApiError(error, response);
  return data;
}

export async function testEndpoint(client: ApiClient, endpointId: string): Promise<TestResult> {
  const { data, error, response } = await client.POST('/api/v1/webhook-endpoints/{endpointId}/test', {
    params: { path: { endpointId } },
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export function useEndpoints() {
  const api = useApi();
  return useQuery({ queryKey: endpointsQueryKey, queryFn: () => getEndpoints(api.client) });
}

function useEndpointMutation<A, R>(fn: (client: ApiClient, arg: A) => Promise<R>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (arg: A) => fn(api.client, arg),
    onSettled: () => queryClient.invalidateQueries({ queryKey: endpointsQueryKey }),
  });
}

export const useCreateEndpoint = () => useEndpointMutation(createEndpoint);
export const useUpdateEndpoint = () =>
  useEndpointMutation((client, { id, body }: { id: string; body: UpdateEndpointBody }) =>
    updateEndpoint(client, id, body),
  );
export const useDeleteEndpoint = () => useEndpointMutation(deleteEndpoint);
export const useRotateSecret = () => useEndpointMutation(rotateSecret);

export function useTestEndpoint() {
  const api = useApi();
  return useMutation({ mutationFn: (endpointId: string) => testEndpoint(api.client, endpointId) });
}
