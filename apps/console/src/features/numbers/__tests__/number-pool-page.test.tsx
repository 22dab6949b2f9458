import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const admin = () => json(200, aSession(aStaffMember({ role: 'admin', name: '管理 者' })));
const operator = () => json(200, aSession(aStaffMember({ role: 'operator' })));

const aNumber = (overrides: Record<string, unknown> = {}) => ({
  id: 'n-1',
  e164: '+81312345678',
  display: '03-1234-5678',
  state: 'free',
  accountId: null,
  assignedAt: null,
  quarantinedUntil: null,
  createdAt: '2026-11-20T00:00:00.000Z',
  ...overrides,
});
const page = (items: unknown[], counts = { free: 1, assigned: 1, quarantined: 0, total: 2 }) => ({
  items,
  nextCursor: null,
  counts,
});

describe('番号在庫 page', () => {
  it('lists the pool with counts and filters by state', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/admin/numbers': (request) =>
        new URL(request.url).searchParams.get('state') === 'assigned'
          ? json(
              200,
              page([aNumber({ id: 'n-2', display: '03-1234-5679', state: 'assigned', accountId: 'acc-9' })]),
            )
          : json(200, page([aNumber(), aNumber({ id: 'n-2', display: '03-1234-5679', state: 'assigned' })])),
    });
    const { user } = renderApp({ route: '/numbers', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: '番号在庫' })).toBeInTheDocument();
    const counts = await screen.findByTestId('pool-counts');
    expect(counts).toHaveTextContent('空き1');
    expect(counts).toHaveTextContent('発行済み1');
    expect(counts).toHaveTextContent('合計2');
    expect(await screen.findByTestId('pool-list')).toHaveTextContent('03-1234-5678');
    // operators read only
    expect(screen.queryByRole('form', { name: '番号を追加' })).not.toBeInTheDocument();
    expect(screen.getByText('番号の追加と発行は管理者だけが行えます。')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('状態で絞り込む'), 'assigned');
    expect(await screen.findByText('acc-9')).toBeInTheDocument();
    expect(screen.getByTestId('pool-list')).not.toHaveTextContent('03-1234-5678');
    const urls = fetch.calls.filter((c) => c.key === 'GET /api/v1/admin/numbers');
    expect(urls.length).toBeGreaterThanOrEqual(2);
  });

  it('adds numbers from a textarea and shows each outcome', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/numbers': () => json(200, page([])),
      'POST /api/v1/admin/numbers': () =>
        json(200, {
          results: [
            {
              input: '03-1234-5678',
              outcome: 'added',
              e164: '+81312345678',
              display: '03-1234-5678',
              reason: null,
            },
            {
              input: '0312345679',
              outcome: 'already_in_pool',
              e164: '+81312345679',
              display: '03-1234-5679',
              reason: null,
            },
            { input: '0120-123-456', outcome: 'refused', e164: null, display: null, reason: 'TOLL_FREE' },
          ],
          added: 1,
          alreadyInPool: 1,
          refused: 1,
        }),
    });
    const { user } = renderApp({ route: '/numbers', fetch });
    const form = await screen.findByRole('form', { name: '番号を追加' });

    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(within(form).getByText('番号を入力してください。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/numbers')).toHaveLength(0);

    await user.type(
      within(form).getByLabelText('追加する番号（1行に1つ）'),
      '03-1234-5678{enter}0312345679{enter}{enter}0120-123-456',
    );
    await user.click(within(form).getByRole('button', { name: '追加する' }));

    const results = await screen.findByTestId('add-results');
    expect(fetch.callsTo('POST /api/v1/admin/numbers')[0].body).toEqual({
      numbers: ['03-1234-5678', '0312345679', '0120-123-456'],
    });
    expect(results).toHaveTextContent('追加 1 件・登録済み 1 件・登録不可 1 件');
    expect(results).toHaveTextContent('追加しました');
    expect(results).toHaveTextContent('すでに在庫にあります');
    expect(results).toHaveTextContent('登録できません: フリーダイヤル（0120・0800）は登録できません');
    // the refused line stays for correction
    expect(within(form).getByLabelText('追加する番号（1行に1つ）')).toHaveValue('0120-123-456');
  });

  it('shows a translated error when adding fails', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/numbers': () => json(200, page([])),
      'POST /api/v1/admin/numbers': () => problem(403, 'FORBIDDEN'),
    });
    const { user } = renderApp({ route: '/numbers', fetch });
    const form = await screen.findByRole('form', { name: '番号を追加' });
    await user.type(within(form).getByLabelText('追加する番号（1行に1つ）'), '03-1234-5678');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('この操作を行う権限がありません。');
  });

  it('is reachable from the header navigation', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/admin/numbers': () => json(200, page([])),
    });
    const { user, router } = renderApp({ route: '/', fetch });
    const nav = await screen.findByRole('navigation', { name: 'メニュー' });
    await user.click(within(nav).getByRole('link', { name: '番号在庫' }));
    expect(router.state.location.pathname).toBe('/numbers');
    expect(await screen.findByText('該当する番号はありません。')).toBeInTheDocument();
  });
});
