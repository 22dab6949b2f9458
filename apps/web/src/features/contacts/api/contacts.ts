import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';

export type Contact = Schemas['ContactDto'];
export type CreateContactInput = Schemas['CreateContactDto'];
export type UpdateContactInput = Schemas['UpdateContactDto'];

/** The API's limits, counted in characters. */
export const CONTACT_LIMITS = { name: 100, reading: 100, company: 200, note: 500 } as const;

export const contactsQueryKey = ['contacts'] as const;

export async function getContacts(client: ApiClient): Promise<Contact[]> {
  const { data, error, response } = await client.GET('/api/v1/contacts');
  if (!data) throw toApiError(error, response);
  return data.items;
}

export async function createContact(client: ApiClient, body: CreateContactInput): Promise<Contact> {
  const { data, error, response } = await client.POST('/api/v1/contacts', { body });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function updateContact(
  client: ApiClient,
  id: string,
  body: UpdateContactInput,
): Promise<Contact> {
  const { data, error, response } = await client.PATCH('/api/v1/contacts/{id}', {
    params: { path: { id } },
    body,
  });
  if (!data) throw toApiError(error, response);
  return data;
}

export async function deleteContact(client: ApiClient, id: string): Promise<void> {
  const { error, response } = await client.DELETE('/api/v1/contacts/{id}', { params: { path: { id } } });
  if (!response.ok) throw toApiError(error, response);
}

export function useContacts() {
  const api = useApi();
  return useQuery({ queryKey: contactsQueryKey, queryFn: () => getContacts(api.client) });
}

/** Saves a new contact (id null) or changes one. */
export function useSaveContact() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CreateContactInput }) =>
      id ? updateContact(api.client, id, body) : createContact(api.client, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}

export function useDeleteContact() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteContact(api.client, id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: contactsQueryKey }),
  });
}
