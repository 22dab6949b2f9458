import type { ApiClient, Schemas } from '@bc/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toApiError } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { redirectToConsent } from './chatwork-redirect';

export type ChatworkLink = Schemas['ChatworkLinkDto'];
export type ChatworkRoom = Schemas['ChatworkRoomDto'];

export const chatworkKey = ['notifications', 'chatwork'] as const;
export const chatworkRoomsKey = ['notifications', 'chatwork', 'rooms'] as const;

async function getLink(client: ApiClient): Promise<ChatworkLink> {
  const { data, error, response } = await client.GET('/api/v1/chatwork');
  if (!data) throw toApiError(error, response);
  return data;
}

/** R6.2: who is linked, the room, and whether the link still works. */
export function useChatworkLink() {
  const api = useApi();
  return useQuery({ queryKey: chatworkKey, queryFn: () => getLink(api.client) });
}

/** The linked user's rooms (owners only). */
export function useChatworkRooms(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: chatworkRoomsKey,
    enabled,
    queryFn: async () => {
      const { data, error, response } = await api.client.GET('/api/v1/chatwork/rooms');
      if (!data) throw toApiError(error, response);
      return data.items;
    },
  });
}

/** 「Chatworkでの通知を設定」: asks the API for the consent URL, then goes there. */
export function useStartChatworkLink() {
  const api = useApi();
  return useMutation({
    mutationFn: async () => {
      const { data, error, response } = await api.client.POST('/api/v1/chatwork/link');
      if (!data) throw toApiError(error, response);
      return data.url;
    },
    onSuccess: (url) => redirectToConsent(url),
  });
}

/** The consent came back: hands code and state to the API. */
export function useCompleteChatworkLink() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: { code: string; state: string }) => {
      const { data, error, response } = await api.client.POST('/api/v1/chatwork/callback', { body });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (link) => {
      queryClient.setQueryData(chatworkKey, link);
      void queryClient.invalidateQueries({ queryKey: chatworkRoomsKey });
    },
  });
}

/** 「更新する」: the room notifications go to. */
export function useChooseChatworkRoom() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (roomId: string) => {
      const { data, error, response } = await api.client.PUT('/api/v1/chatwork/room', { body: { roomId } });
      if (!data) throw toApiError(error, response);
      return data;
    },
    onSuccess: (link) => queryClient.setQueryData(chatworkKey, link),
  });
}

/** 「連携解除」. */
export function useUnlinkChatwork() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const { error, response } = await api.client.DELETE('/api/v1/chatwork');
      if (!response.ok) throw toApiError(error, response);
    },
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: chatworkRoomsKey });
      return queryClient.invalidateQueries({ queryKey: chatworkKey });
    },
  });
}
