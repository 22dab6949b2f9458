import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { aCustomer, aSession } from '../../../testing/data';
import { createFakeFetch, json, noContent, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import type { ChatworkLink } from '../api/chatwork';

import { redirectToConsent } from '../api/chatwork-redirect';

vi.mock('../api/chatwork-redirect', () => ({ redirectToConsent: vi.fn() }));

const REFRESH = 'POST /api/v1/auth/refresh';
const EMAIL = 'GET /api/v1/notifications/email';
const STATUS = 'GET /api/v1/chatwork';
const LINK = 'POST /api/v1/chatwork/link';
const CALLBACK = 'POST /api/v1/chatwork/callback';
const ROOMS = 'GET /api/v1/chatwork/rooms';
const ROOM = 'PUT /api/v1/chatwork/room';
const UNLINK = 'DELETE /api/v1/chatwork';

const NOT_LINKED: ChatworkLink = {
  linked: false,
  status: null,
  brokenReason: null,
  chatworkName: null,
  chatworkAccountId: null,
  roomId: null,
  roomName: null,
  updatedAt: null,
};
const LINKED: ChatworkLink = {
  linked: true,
  status: 'linked',
  brokenReason: null,
  chatworkName: '山田 太郎',
  chatworkAccountId: '1001',
  roomId: '2002',
  roomName: '山田商事 電話受付',
  updatedAt: '2026-11-25T02:00:00.000Z',
};
const ROOM_LIST = {
  items: [
    { roomId: '2001', name: 'マイチャット', type: 'my', canPost: true },
    { roomId: '2002', name: '山田商事 電話受付', type: 'group', canPost: true },
    { roomId: '2003', name: '全社お知らせ', type: 'group', canPost: false },
  ],
};

function setup(
  routes: Parameters<typeof createFakeFetch>[0] = {},
  { route = '/notifications', role = 'owner' as 'owner' | 'member' } = {},
) {
  const fetch = createFakeFetch({
    [REFRESH]: () => json(200, aSession(aCustomer({ role }))),
    [EMAIL]: () =>
      json(200, {
        address: 'notify@example.jp',
        addresses: ['notify@example.jp'],
        source: 'notification_email',
      }),
    [STATUS]: () => json(200, NOT_LINKED),
    [ROOMS]: () => json(200, ROOM_LIST),
    ...routes,
  });
  renderApp({ route, fetch });
  return fetch;
}

beforeEach(() => vi.mocked(redirectToConsent).mockClear());

describe('Chatwork card (R6.2)', () => {
  it('sends an owner to the consent page and says organisation plans need their admin', async () => {
    const fetch = setup({ [LINK]: () => json(200, { url: 'https://chatwork.example/consent?x=1' }) });
    const card = await screen.findByTestId('chatwork-card');
    expect(await within(card).findByText('Chatworkは連携されていません。')).toBeInTheDocument();
    expect(card).toHaveTextContent('組織の管理者がAPIの利用を許可している必要があります');
    fireEvent.click(within(card).getByRole('button', { name: 'Chatworkでの通知を設定' }));
    await waitFor(() =>
      expect(redirectToConsent).toHaveBeenCalledWith('https://chatwork.example/consent?x=1'),
    );
    expect(fetch.callsTo(LINK)).toHaveLength(1);
  });

  it('shows who is linked and the room, and unlinks after a confirmation', async () => {
    const fetch = setup({
      [STATUS]: [() => json(200, LINKED), () => json(200, NOT_LINKED)],
      [UNLINK]: noContent,
    });
    const card = await screen.findByTestId('chatwork-card');
    expect(await within(card).findByTestId('chatwork-user')).toHaveTextContent('山田 太郎');
    expect(within(card).getByTestId('chatwork-room-name')).toHaveTextContent('山田商事 電話受付');
    fireEvent.click(within(card).getByRole('button', { name: '連携解除' }));
    expect(fetch.callsTo(UNLINK)).toHaveLength(0);
    expect(card).toHaveTextContent('山田 太郎 さんとのChatwork連携を解除します');
    fireEvent.click(within(card).getByRole('button', { name: '連携解除する' }));
    expect(await within(card).findByText('Chatworkは連携されていません。')).toBeInTheDocument();
    expect(fetch.callsTo(UNLINK)).toHaveLength(1);
  });

  it('changes the room with 「更新する」; read-only rooms cannot be chosen', async () => {
    const fetch = setup({
      [STATUS]: () => json(200, LINKED),
      [ROOM]: () => json(200, { ...LINKED, roomId: '2001', roomName: 'マイチャット' }),
    });
    const card = await screen.findByTestId('chatwork-card');
    fireEvent.click(await within(card).findByRole('button', { name: 'チャットルームを変更' }));
    const select = await within(card).findByLabelText('通知するチャットルーム');
    expect(within(select).getByRole('option', { name: /全社お知らせ/ })).toBeDisabled();
    fireEvent.change(select, { target: { value: '2001' } });
    fireEvent.click(within(card).getByRole('button', { name: '更新する' }));
    await waitFor(() =>
      expect(within(card).getByTestId('chatwork-room-name')).toHaveTextContent('マイチャット'),
    );
    expect(fetch.callsTo(ROOM)[0]!.body).toEqual({ roomId: '2001' });
  });

  it('shows a broken link with its reason', async () => {
    setup({
      [STATUS]: () =>
        json(200, {
          ...LINKED,
          status: 'broken',
          brokenReason: 'Chatwork refused to refresh the token (invalid_grant)',
        }),
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Chatworkとの連携が切れています');
    expect(alert).toHaveTextContent('invalid_grant');
    expect(screen.queryByRole('button', { name: 'チャットルームを変更' })).toBeNull();
    expect(screen.getByRole('button', { name: '連携解除' })).toBeInTheDocument();
  });

  it('gives members the status only', async () => {
    setup({ [STATUS]: () => json(200, LINKED) }, { role: 'member' });
    const card = await screen.findByTestId('chatwork-card');
    expect(await within(card).findByTestId('chatwork-user')).toHaveTextContent('山田 太郎');
    expect(within(card).queryByRole('button')).toBeNull();
  });
});

describe('Chatwork callback (R6.2)', () => {
  it('hands code and state to the API, then saves the chosen room', async () => {
    const fetch = setup(
      {
        [CALLBACK]: () => json(200, { ...LINKED, roomId: null, roomName: null }),
        [ROOM]: () => json(200, LINKED),
      },
      { route: '/notifications/chatwork/callback?code=the-code&state=the-state' },
    );
    expect(await screen.findByText(/山田 太郎 さんのChatworkと連携しました/)).toBeInTheDocument();
    expect(fetch.callsTo(CALLBACK)).toHaveLength(1);
    expect(fetch.callsTo(CALLBACK)[0]!.body).toEqual({ code: 'the-code', state: 'the-state' });
    fireEvent.change(await screen.findByLabelText('通知するチャットルーム'), { target: { value: '2002' } });
    fireEvent.click(screen.getByRole('button', { name: '更新する' }));
    await waitFor(() => expect(fetch.callsTo(ROOM)).toHaveLength(1));
    expect(fetch.callsTo(ROOM)[0]!.body).toEqual({ roomId: '2002' });
  });

  it('explains a refused or expired state', async () => {
    setup(
      { [CALLBACK]: () => problem(400, 'CHATWORK_STATE_INVALID') },
      { route: '/notifications/chatwork/callback?code=c&state=s' },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent('Chatworkの認可が無効か期限切れです');
  });

  it('says nothing was linked when access was denied', async () => {
    const fetch = setup({}, { route: '/notifications/chatwork/callback?error=access_denied&state=s' });
    expect(await screen.findByRole('alert')).toHaveTextContent('アクセスが許可されなかった');
    expect(fetch.callsTo(CALLBACK)).toHaveLength(0);
  });
});
