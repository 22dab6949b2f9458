import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aCustomer, aSession } from '../../../testing/data';
import { createFakeFetch, json, noContent, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const REFRESH = 'POST /api/v1/auth/refresh';
const LIST = 'GET /api/v1/webhook-endpoints';
const CREATE = 'POST /api/v1/webhook-endpoints';
const SECRET = 'whsec_0123456789abcdefghijABCDEFGHIJ0123456789-_x';

const anEndpoint = (overrides: Record<string, unknown> = {}) => ({
  id: 'ep-1',
  kind: 'webhook',
  url: 'https://crm.example.jp/hooks/bc',
  description: '顧客管理システム',
  events: ['inquiry.created'],
  enabled: true,
  disabledReason: null,
  consecutiveFailures: 0,
  signed: true,
  createdAt: '2026-11-24T00:00:00.000Z',
  secretRotatedAt: null,
  ...overrides,
});
const aSlack = anEndpoint({
  id: 'ep-2',
  kind: 'slack',
  url: 'https://hooks.slack.com/services/T0/B0/xyz',
  description: '',
  signed: false,
});

const asOwner = () => json(200, aSession(aCustomer({ role: 'owner' })));

describe('外部連携 page', () => {
  it('adds a webhook and shows its secret once, with a copy button and a warning', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: asOwner,
      [LIST]: [() => json(200, { items: [] }), () => json(200, { items: [anEndpoint()] })],
      [CREATE]: () => json(201, { ...anEndpoint(), secret: SECRET }),
    });
    const { user } = renderApp({ route: '/integrations', fetch });
    expect(await screen.findByText('まだ通知先はありません。')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: '通知先を追加' });
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(within(form).getByText('URLを入力してください。')).toBeInTheDocument();
    expect(fetch.callsTo(CREATE)).toHaveLength(0);

    await user.type(within(form).getByLabelText('URL'), 'https://crm.example.jp/hooks/bc');
    await user.type(within(form).getByLabelText('説明（任意）'), '顧客管理システム');
    await user.click(within(form).getByLabelText('請求書の発行（invoice.issued）'));
    await user.click(within(form).getByRole('button', { name: '追加する' }));

    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent(SECRET);
    expect(screen.getByText(/このシークレットが表示されるのは今回だけです/)).toBeInTheDocument();
    expect(fetch.callsTo(CREATE)[0].body).toEqual({
      kind: 'webhook',
      url: 'https://crm.example.jp/hooks/bc',
      description: '顧客管理システム',
      events: ['inquiry.created', 'invoice.issued'],
    });
    await user.click(screen.getByRole('button', { name: 'コピー' }));
    expect(await screen.findByText('コピーしました')).toBeInTheDocument();
    expect(await navigator.clipboard.readText()).toBe(SECRET);

    const webhooks = await screen.findByRole('list', { name: 'Webhook（署名付き）' });
    expect(within(webhooks).getByText('https://crm.example.jp/hooks/bc')).toBeInTheDocument();
    expect(within(webhooks).queryByText(SECRET)).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '保管しました' }));
    expect(screen.queryByText(SECRET)).not.toBeInTheDocument();
  });

  it('shows why a URL was refused under the URL field, and sends Slack URLs without events', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: asOwner,
      [LIST]: () => json(200, { items: [] }),
      [CREATE]: () =>
        problem(422, 'WEBHOOK_URL_NOT_ALLOWED', {
          errors: [{ pointer: '/body/url', code: 'private_address', message: 'private' }],
        }),
    });
    const { user } = renderApp({ route: '/integrations', fetch });
    const form = await screen.findByRole('form', { name: '通知先を追加' });
    await user.selectOptions(within(form).getByLabelText('種類'), 'slack');
    expect(within(form).queryByText('送るイベント')).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText('URL'), 'https://10.0.0.1/x');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(
      await within(form).findByText('このURLは社内・ローカルのアドレスを指しているため使えません。'),
    ).toBeInTheDocument();
    expect(fetch.callsTo(CREATE)[0].body).toEqual({ kind: 'slack', url: 'https://10.0.0.1/x' });
  });

  it('sends a test and shows the result; a dead endpoint is a clear error', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: asOwner,
      [LIST]: () => json(200, { items: [anEndpoint(), aSlack] }),
      'POST /api/v1/webhook-endpoints/ep-1/test': () =>
        json(200, { ok: true, status: 204, durationMs: 42, eventId: 'evt_1' }),
      'POST /api/v1/webhook-endpoints/ep-2/test': () => problem(502, 'WEBHOOK_TEST_FAILED'),
    });
    const { user } = renderApp({ route: '/integrations', fetch });
    const webhook = await screen.findByRole('listitem', { name: '顧客管理システム' });
    await user.click(within(webhook).getByRole('button', { name: 'テスト送信' }));
    expect(
      await within(webhook).findByText('テスト送信に成功しました（ステータス 204、42 ミリ秒）。'),
    ).toBeInTheDocument();

    const slack = within(await screen.findByRole('list', { name: 'Slack' })).getByRole('listitem');
    expect(within(slack).queryByRole('button', { name: 'シークレットを再発行' })).not.toBeInTheDocument();
    await user.click(within(slack).getByRole('button', { name: 'テスト送信' }));
    expect(await within(slack).findByText(/通知先に接続できませんでした/)).toBeInTheDocument();
  });

  it('renews the secret and deletes an endpoint, each after confirmation; pauses it', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: asOwner,
      [LIST]: [
        () => json(200, { items: [anEndpoint()] }),
        () => json(200, { items: [anEndpoint({ enabled: false })] }), // after pausing
        () => json(200, { items: [anEndpoint({ enabled: false })] }), // after renewing the secret
        () => json(200, { items: [] }), // after deleting
      ],
      'PATCH /api/v1/webhook-endpoints/ep-1': () => json(200, anEndpoint({ enabled: false })),
      'POST /api/v1/webhook-endpoints/ep-1/rotate-secret': () =>
        json(200, { ...anEndpoint({ secretRotatedAt: '2026-11-25T00:00:00.000Z' }), secret: SECRET }),
      'DELETE /api/v1/webhook-endpoints/ep-1': noContent,
    });
    const { user } = renderApp({ route: '/integrations', fetch });
    let item = await screen.findByRole('listitem', { name: '顧客管理システム' });
    await user.click(within(item).getByRole('button', { name: '停止する' }));
    expect(await within(item).findByText('「顧客管理システム」を停止しました。')).toBeInTheDocument();
    expect(fetch.callsTo('PATCH /api/v1/webhook-endpoints/ep-1')[0].body).toEqual({ enabled: false });

    item = await screen.findByRole('listitem', { name: '顧客管理システム' });
    await user.click(within(item).getByRole('button', { name: 'シークレットを再発行' }));
    expect(within(item).getByText(/今のシークレットはすぐに使えなくなります/)).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: '再発行する' }));
    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent(SECRET);
    await user.click(screen.getByRole('button', { name: '保管しました' }));

    item = await screen.findByRole('listitem', { name: '顧客管理システム' });
    await user.click(within(item).getByRole('button', { name: '削除' }));
    expect(within(item).getByText(/「顧客管理システム」を削除しますか？/)).toBeInTheDocument();
    await user.click(within(item).getByRole('button', { name: '削除する' }));
    expect(await screen.findByText('「顧客管理システム」を削除しました。')).toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/webhook-endpoints/ep-1')).toHaveLength(1);
    await vi.waitFor(() => expect(screen.getByText('まだ通知先はありません。')).toBeInTheDocument());
  });

  it('members see the endpoints but cannot change them', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession(aCustomer({ role: 'member' }))),
      [LIST]: () =>
        json(200, {
          items: [
            anEndpoint({
              enabled: false,
              disabledReason: '5 deliveries in a row failed',
              consecutiveFailures: 5,
            }),
          ],
        }),
    });
    renderApp({ route: '/integrations', fetch });
    const item = await screen.findByRole('listitem', { name: '顧客管理システム' });
    expect(screen.getByText('通知先の追加・変更は、オーナーのみ行えます。')).toBeInTheDocument();
    expect(within(item).getByText(/自動的に停止しました/)).toBeInTheDocument();
    expect(within(item).getByText(/連続失敗 5 回/)).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(within(item).queryByRole('button')).not.toBeInTheDocument();
  });
});
