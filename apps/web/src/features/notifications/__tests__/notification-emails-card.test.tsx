import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, aSession } from '../../../testing/data';
import { createFakeFetch, json, noContent, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import type { NotificationEmail, NotificationEmails } from '../api/notification-emails';

const REFRESH = 'POST /api/v1/auth/refresh';
const LIST = 'GET /api/v1/notifications/email-addresses';
const ADD = 'POST /api/v1/notifications/email-addresses';
const RESEND = 'POST /api/v1/notifications/email-addresses/a2/resend';
const REMOVE = 'DELETE /api/v1/notifications/email-addresses/a1';
const CONFIRM = 'POST /api/v1/notifications/email-confirmations';

const CONFIRMED: NotificationEmail = {
  id: 'a1',
  email: 'desk@example.jp',
  status: 'confirmed',
  confirmedAt: '2026-11-25T02:00:00.000Z',
  confirmationSentAt: '2026-11-25T01:00:00.000Z',
  createdAt: '2026-11-25T01:00:00.000Z',
};
const PENDING: NotificationEmail = {
  id: 'a2',
  email: 'sales@example.jp',
  status: 'pending',
  confirmedAt: null,
  confirmationSentAt: '2026-11-25T03:00:00.000Z',
  createdAt: '2026-11-25T03:00:00.000Z',
};
const list = (
  items: NotificationEmail[],
  fallback: Partial<NotificationEmails> = {},
): NotificationEmails => ({
  items,
  max: 10,
  fallbackAddress: 'owner@example.jp',
  fallbackSource: 'owner',
  ...fallback,
});

function setup(routes: Parameters<typeof createFakeFetch>[0] = {}, role: 'owner' | 'member' = 'owner') {
  const fetch = createFakeFetch({
    [REFRESH]: () => json(200, aSession(aCustomer({ role }))),
    'GET /api/v1/notifications/email': () =>
      json(200, { address: 'desk@example.jp', addresses: ['desk@example.jp'], source: 'notification_email' }),
    'GET /api/v1/chatwork': () => json(200, { linked: false }),
    'GET /api/v1/notifications/routing-rules': () => json(200, { items: [], max: 20, members: [] }),
    [LIST]: () => json(200, list([CONFIRMED, PENDING])),
    ...routes,
  });
  renderApp({ route: '/notifications', fetch });
  return fetch;
}

describe('通知先メールアドレス card (R6.1)', () => {
  it('lists confirmed and waiting addresses; an owner adds one and is told to confirm it', async () => {
    const fetch = setup({
      [LIST]: [() => json(200, list([CONFIRMED])), () => json(200, list([CONFIRMED, PENDING]))],
      [ADD]: () => json(201, PENDING),
    });
    const card = await screen.findByTestId('notification-emails-card');
    const rows = await within(card).findAllByTestId('notification-email');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('desk@example.jp');
    expect(rows[0]).toHaveTextContent('確認済み');
    // a confirmed address exists: no fallback line
    expect(within(card).queryByTestId('notification-email-fallback')).toBeNull();

    fireEvent.change(within(card).getByLabelText('追加するメールアドレス'), {
      target: { value: ' sales@example.jp ' },
    });
    fireEvent.click(within(card).getByRole('button', { name: '追加' }));
    expect(await within(card).findByText(/sales@example.jp に確認メールを送りました/)).toBeInTheDocument();
    expect(fetch.callsTo(ADD)[0]!.body).toEqual({ email: 'sales@example.jp' });
    await waitFor(() => expect(within(card).getAllByTestId('notification-email')).toHaveLength(2));
    expect(within(card).getAllByTestId('notification-email')[1]).toHaveTextContent('確認待ち');
  });

  it('shows the field error of a refused address', async () => {
    setup({
      [ADD]: () =>
        problem(409, 'NOTIFICATION_EMAIL_TAKEN', {
          errors: [{ pointer: '/body/email', code: 'NOTIFICATION_EMAIL_TAKEN', message: 'x' }],
        }),
    });
    const card = await screen.findByTestId('notification-emails-card');
    fireEvent.change(await within(card).findByLabelText('追加するメールアドレス'), {
      target: { value: 'desk@example.jp' },
    });
    fireEvent.click(within(card).getByRole('button', { name: '追加' }));
    expect(
      await within(card).findByText('このメールアドレスはすでに通知先に登録されています。'),
    ).toBeInTheDocument();
  });

  it('resends a waiting address’s link and says to wait when it was just sent (429)', async () => {
    const fetch = setup({
      [RESEND]: [() => json(200, PENDING), () => problem(429, 'RATE_LIMITED', {}, { 'retry-after': '42' })],
    });
    const card = await screen.findByTestId('notification-emails-card');
    const pending = (await within(card).findAllByTestId('notification-email'))[1]!;
    expect(
      within((await within(card).findAllByTestId('notification-email'))[0]!).queryByRole('button', {
        name: '確認メールを再送',
      }),
    ).toBeNull();
    fireEvent.click(within(pending).getByRole('button', { name: '確認メールを再送' }));
    expect(
      await within(card).findByText('sales@example.jp に確認メールを再送しました。'),
    ).toBeInTheDocument();
    fireEvent.click(
      within(within(card).getAllByTestId('notification-email')[1]!).getByRole('button', {
        name: '確認メールを再送',
      }),
    );
    expect(await within(card).findByText(/42秒ほど待ってから再送してください/)).toBeInTheDocument();
    expect(fetch.callsTo(RESEND)).toHaveLength(2);
  });

  it('removes an address after a confirmation', async () => {
    const fetch = setup({
      [LIST]: [() => json(200, list([CONFIRMED, PENDING])), () => json(200, list([PENDING]))],
      [REMOVE]: () => noContent(),
    });
    const card = await screen.findByTestId('notification-emails-card');
    const first = (await within(card).findAllByTestId('notification-email'))[0]!;
    fireEvent.click(within(first).getByRole('button', { name: '削除' }));
    expect(
      within(card).getByText('desk@example.jp を通知先から削除します。よろしいですか？'),
    ).toBeInTheDocument();
    fireEvent.click(within(card).getByRole('button', { name: '削除する' }));
    await waitFor(() => expect(fetch.callsTo(REMOVE)).toHaveLength(1));
    await waitFor(() => expect(within(card).getAllByTestId('notification-email')).toHaveLength(1));
    expect(card).toHaveTextContent(
      '確認済みのアドレスがない間は、owner@example.jp に通知します（オーナーのログイン用メールアドレス）',
    );
  });

  it('shows members the list without add, resend or remove', async () => {
    setup({}, 'member');
    const card = await screen.findByTestId('notification-emails-card');
    expect(await within(card).findAllByTestId('notification-email')).toHaveLength(2);
    expect(card).toHaveTextContent('通知先メールアドレスの追加・削除はオーナーが行えます。');
    expect(within(card).queryByRole('button')).toBeNull();
    expect(within(card).queryByLabelText('追加するメールアドレス')).toBeNull();
  });
});

describe('the confirmation link page (R6.1)', () => {
  it('confirms nothing on opening; the button POSTs the token', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => problem(401, 'UNAUTHENTICATED'),
      [CONFIRM]: () => json(200, { email: 'sales@example.jp' }),
    });
    renderApp({ route: '/notification-email/confirm?token=tok-123', fetch });
    const button = await screen.findByRole('button', { name: 'このメールアドレスを確認する' });
    await new Promise((r) => setTimeout(r, 50));
    expect(fetch.callsTo(CONFIRM)).toHaveLength(0);
    fireEvent.click(button);
    expect(await screen.findByText(/sales@example.jp の確認が完了しました/)).toBeInTheDocument();
    expect(fetch.callsTo(CONFIRM).map((c) => c.body)).toEqual([{ token: 'tok-123' }]);
  });

  it.each([
    ['CONFIRMATION_USED', 409, 'このリンクはすでに使われています。'],
    ['CONFIRMATION_EXPIRED', 410, '確認用のリンクの有効期限が切れています。'],
    ['CONFIRMATION_INVALID', 404, '確認用のリンクが無効です。'],
  ])('explains %s', async (code, status, text) => {
    const fetch = createFakeFetch({
      [REFRESH]: () => problem(401, 'UNAUTHENTICATED'),
      [CONFIRM]: () => problem(status, code),
    });
    renderApp({ route: '/notification-email/confirm?token=tok-1', fetch });
    fireEvent.click(await screen.findByRole('button', { name: 'このメールアドレスを確認する' }));
    expect(await screen.findByText(new RegExp(text))).toBeInTheDocument();
  });
});
