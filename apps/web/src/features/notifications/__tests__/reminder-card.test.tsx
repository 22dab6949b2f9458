import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, aSession } from '../../../testing/data';
import { createFakeFetch, json } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const REFRESH = 'POST /api/v1/auth/refresh';
const EMAIL = 'GET /api/v1/notifications/email';
const CHATWORK = 'GET /api/v1/chatwork';
const GET = 'GET /api/v1/notifications/reminder';
const PUT = 'PUT /api/v1/notifications/reminder';
const NOT_LINKED = {
  linked: false,
  status: null,
  brokenReason: null,
  chatworkName: null,
  chatworkAccountId: null,
  roomId: null,
  roomName: null,
  updatedAt: null,
};
const page = (
  role: 'owner' | 'member',
  put = () => json(200, { callbackReminderMinutes: 60, isDefault: false }),
) =>
  createFakeFetch({
    [REFRESH]: () => json(200, aSession(aCustomer({ role }))),
    [EMAIL]: () => json(200, { address: 'taro@example.jp', addresses: ['taro@example.jp'], source: 'owner' }),
    [CHATWORK]: () => json(200, NOT_LINKED),
    [GET]: () => json(200, { callbackReminderMinutes: 120, isDefault: true }),
    [PUT]: put,
  });

describe('折り返しのリマインド (R8.2)', () => {
  it('shows the current time and lets the owner choose another', async () => {
    const fetch = page('owner');
    const { user } = renderApp({ route: '/notifications', fetch });
    const card = await screen.findByTestId('reminder-card');
    const select = await within(card).findByLabelText('お知らせするまでの時間');
    expect(select).toHaveValue('120');
    expect(within(card).getByRole('option', { name: '2時間後' })).toBeInTheDocument();
    expect(within(card).getByRole('option', { name: 'リマインドしない' })).toBeInTheDocument();

    await user.selectOptions(select, '60');
    await user.click(within(card).getByRole('button', { name: '保存する' }));
    expect(await within(card).findByText(/保存しました/)).toBeInTheDocument();
    expect(fetch.callsTo(PUT)[0].body).toEqual({ callbackReminderMinutes: 60 });
  });

  it('shows members the setting without a form', async () => {
    const fetch = page('member');
    renderApp({ route: '/notifications', fetch });
    const card = await screen.findByTestId('reminder-card');
    expect(await within(card).findByText('2時間後')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: '保存する' })).not.toBeInTheDocument();
  });
});
