import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import { anInquiryDetail } from '../../inquiries/__tests__/inquiry-data';
import type { InquiryDelivery } from '../api/deliveries';

const REFRESH = 'POST /api/v1/auth/refresh';
const DETAIL = 'GET /api/v1/inquiries/inq-1';
const DELIVERIES = 'GET /api/v1/inquiries/inq-1/deliveries';
const RESEND = 'POST /api/v1/inquiries/inq-1/deliveries/del-3/resend';

const aDelivery = (overrides: Partial<InquiryDelivery> = {}): InquiryDelivery => ({
  id: 'del-1',
  channel: 'email',
  event: 'inquiry.created',
  target: 'info@example.jp',
  targetLabel: 'info@example.jp',
  status: 'sent',
  attempts: 1,
  lastError: null,
  sentAt: '2026-11-25T02:00:00.000Z',
  createdAt: '2026-11-25T02:00:00.000Z',
  ...overrides,
});

const SENT = aDelivery();
const RETRYING = aDelivery({
  id: 'del-2',
  target: 'backup@example.jp',
  targetLabel: 'backup@example.jp',
  status: 'retrying',
  sentAt: null,
  lastError: '451 try later',
});
const FAILED = aDelivery({
  id: 'del-3',
  target: 'old@example.jp',
  targetLabel: 'old@example.jp',
  status: 'failed',
  attempts: 8,
  sentAt: null,
  lastError: '550 Mailbox unavailable',
});

function setup(routes: Record<string, Parameters<typeof createFakeFetch>[0][string]> = {}) {
  const fetch = createFakeFetch({
    [REFRESH]: () => json(200, aSession()),
    [DETAIL]: () => json(200, anInquiryDetail()),
    [DELIVERIES]: () => json(200, { items: [SENT, RETRYING, FAILED] }),
    ...routes,
  });
  renderApp({ route: '/inquiries/inq-1', fetch });
  return fetch;
}

describe('通知の送信状況 on the inquiry (R6.4)', () => {
  it('shows each delivery: 送信済み with the time, 再送中, 失敗 with the reason; 再送 only on the failed one', async () => {
    setup();
    const items = within(await screen.findByTestId('deliveries')).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('メール');
    expect(items[0]).toHaveTextContent('info@example.jp');
    expect(items[0]).toHaveTextContent('送信済み（2026/11/25 11:00）');
    expect(items[1]).toHaveTextContent('再送中');
    expect(items[2]).toHaveTextContent('失敗（550 Mailbox unavailable）');
    expect(within(items[0]).queryByRole('button', { name: '再送' })).toBeNull();
    expect(within(items[1]).queryByRole('button', { name: '再送' })).toBeNull();
    expect(within(items[2]).getByRole('button', { name: '再送' })).toBeInTheDocument();
  });

  it('sends a failed one again and shows it queued', async () => {
    const fetch = setup({
      [RESEND]: () => json(200, { ...FAILED, status: 'queued', lastError: null }),
    });
    const list = await screen.findByTestId('deliveries');
    fireEvent.click(within(list).getByRole('button', { name: '再送' }));
    expect(await within(list).findByText('送信待ち')).toBeInTheDocument();
    expect(fetch.callsTo(RESEND)).toHaveLength(1);
    expect(within(list).queryByRole('button', { name: '再送' })).toBeNull();
  });

  it('explains a refused resend', async () => {
    setup({ [RESEND]: () => problem(409, 'DELIVERY_NOT_FAILED') });
    const list = await screen.findByTestId('deliveries');
    fireEvent.click(within(list).getByRole('button', { name: '再送' }));
    expect(await within(list).findByText('再送できるのは送信に失敗した通知だけです。')).toBeInTheDocument();
  });

  it('names webhook, Slack and Teams targets by their label, and a deleted endpoint as such', async () => {
    setup({
      [DELIVERIES]: () =>
        json(200, {
          items: [
            aDelivery({ id: 'w', channel: 'webhook', target: 'ep-1', targetLabel: '顧客管理システム' }),
            aDelivery({ id: 's', channel: 'slack', target: 'ep-2', targetLabel: 'hooks.slack.com' }),
            aDelivery({
              id: 'x',
              channel: 'webhook',
              event: 'inquiry.status_changed',
              target: 'ep-3',
              targetLabel: null,
            }),
            aDelivery({
              id: 't',
              channel: 'teams',
              target: 'ep-4',
              targetLabel: 'example.webhook.office.com',
            }),
          ],
        }),
    });
    const items = within(await screen.findByTestId('deliveries')).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Webhook');
    expect(items[0]).toHaveTextContent('顧客管理システム');
    expect(items[0]).not.toHaveTextContent('ep-1');
    expect(items[1]).toHaveTextContent('Slack');
    expect(items[1]).toHaveTextContent('hooks.slack.com');
    expect(items[2]).toHaveTextContent('対応状況の変更');
    expect(items[2]).toHaveTextContent('削除された通知先');
    expect(items[3]).toHaveTextContent('Microsoft Teams');
    expect(items[3]).toHaveTextContent('example.webhook.office.com');
  });

  it('says so when nothing has been sent yet', async () => {
    setup({ [DELIVERIES]: () => json(200, { items: [] }) });
    expect(await screen.findByText('まだ通知はありません。')).toBeInTheDocument();
  });
});

describe('通知設定 page (R6.1)', () => {
  it('shows the notification e-mail and links to ご契約情報', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      'GET /api/v1/notifications/email': () =>
        json(200, {
          address: 'notify@example.jp',
          addresses: ['notify@example.jp'],
          source: 'notification_email',
        }),
    });
    renderApp({ route: '/notifications', fetch });
    const recipient = await screen.findByTestId('email-recipient');
    expect(recipient).toHaveTextContent('notify@example.jp');
    expect(recipient).toHaveTextContent('ご契約情報の通知用メールアドレスに送ります。');
    expect(screen.getByRole('link', { name: 'ご契約情報で通知用メールアドレスを変更する' })).toHaveAttribute(
      'href',
      '/account',
    );
  });

  it("says the owner's address is used when no notification e-mail is set", async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      'GET /api/v1/notifications/email': () =>
        json(200, { address: 'owner@example.jp', addresses: ['owner@example.jp'], source: 'owner' }),
    });
    renderApp({ route: '/notifications', fetch });
    const recipient = await screen.findByTestId('email-recipient');
    expect(recipient).toHaveTextContent('owner@example.jp');
    expect(recipient).toHaveTextContent('オーナーのログイン用メールアドレス');
  });

  it('lists every confirmed notification address once any is confirmed', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      'GET /api/v1/notifications/email': () =>
        json(200, {
          address: 'a@example.jp',
          addresses: ['a@example.jp', 'b@example.jp'],
          source: 'confirmed',
        }),
    });
    renderApp({ route: '/notifications', fetch });
    const recipient = await screen.findByTestId('email-recipient');
    expect(recipient).toHaveTextContent('a@example.jp');
    expect(recipient).toHaveTextContent('b@example.jp');
    expect(recipient).toHaveTextContent('確認済みのアドレスです');
    expect(
      screen.queryByRole('link', { name: 'ご契約情報で通知用メールアドレスを変更する' }),
    ).not.toBeInTheDocument();
  });
});
