import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const operator = () => json(200, aSession(aStaffMember({ role: 'operator' })));

const anItem = (overrides: Record<string, unknown> = {}) => ({
  id: 'acc-1',
  type: 'individual',
  name: '山田 太郎',
  companyName: null,
  state: 'active',
  createdAt: '2026-11-20T00:00:00.000Z',
  phoneNumber: '+81312345678',
  phoneNumberDisplay: '03-1234-5678',
  ...overrides,
});

const searchOf = (request: Request) => new URL(request.url).searchParams;

describe('顧客検索', () => {
  it('searches with the text and state from the URL and lists the results', async () => {
    const seen: URLSearchParams[] = [];
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/admin/accounts': (request) => {
        seen.push(searchOf(request));
        return json(200, {
          items: [
            anItem(),
            anItem({
              id: 'acc-2',
              type: 'corporation',
              name: '佐藤 花子',
              companyName: '株式会社サンプル',
              state: 'ready_for_number',
              phoneNumber: null,
              phoneNumberDisplay: null,
            }),
          ],
          nextCursor: null,
        });
      },
    });
    renderApp({ route: '/accounts?q=山田&state=active', fetch });

    const results = await screen.findByTestId('account-results');
    expect(screen.getByRole('heading', { level: 1, name: '顧客検索' })).toBeInTheDocument();
    expect(screen.getByLabelText('検索')).toHaveValue('山田');
    expect(screen.getByLabelText('状態で絞り込む')).toHaveValue('active');
    const [row1, row2] = within(results).getAllByRole('row').slice(1);
    expect(row1).toHaveTextContent('山田 太郎');
    expect(row1).toHaveTextContent('個人');
    expect(row1).toHaveTextContent('ご利用中');
    expect(row1).toHaveTextContent('03-1234-5678');
    expect(row2).toHaveTextContent('株式会社サンプル（佐藤 花子）');
    expect(row2).toHaveTextContent('法人');
    expect(row2).toHaveTextContent('番号発行準備中');
    expect(row2).toHaveTextContent('未発行');
    expect(within(row1).getByRole('link', { name: '山田 太郎' })).toHaveAttribute('href', '/accounts/acc-1');

    expect(seen[0].get('q')).toBe('山田');
    expect(seen[0].get('state')).toBe('active');
  });

  it('typing updates the URL and the search; back restores the previous search', async () => {
    const seen: URLSearchParams[] = [];
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/admin/accounts': (request) => {
        const params = searchOf(request);
        seen.push(params);
        return json(200, {
          items: params.get('q') === '03-1234-5678' ? [anItem()] : [],
          nextCursor: null,
        });
      },
    });
    const { user, router } = renderApp({ route: '/accounts', fetch });
    expect(await screen.findByText('該当するお客様はいません。')).toBeInTheDocument();
    expect(seen[0].get('q')).toBeNull();

    await user.type(screen.getByLabelText('検索'), '03-1234-5678');
    await waitFor(() => expect(router.state.location.search).toBe('?q=03-1234-5678'));
    expect(await screen.findByRole('link', { name: '山田 太郎' })).toBeInTheDocument();
    expect(seen.at(-1)?.get('q')).toBe('03-1234-5678');

    await user.selectOptions(screen.getByLabelText('状態で絞り込む'), 'active');
    await waitFor(() => expect(router.state.location.search).toBe('?q=03-1234-5678&state=active'));
    await waitFor(() => expect(seen.at(-1)?.get('state')).toBe('active'));

    await act(() => router.navigate(-1));
    await waitFor(() => expect(router.state.location.search).toBe('?q=03-1234-5678'));
    expect(screen.getByLabelText('状態で絞り込む')).toHaveValue('');
    await act(() => router.navigate(-1));
    await waitFor(() => expect(screen.getByLabelText('検索')).toHaveValue(''));
    expect(router.state.location.search).toBe('');
  });

  it('opens the account page from a row', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/admin/accounts': () => json(200, { items: [anItem()], nextCursor: null }),
      'GET /api/v1/admin/accounts/acc-1': () => json(404, { status: 404, code: 'NOT_FOUND' }),
    });
    const { user, router } = renderApp({ route: '/accounts', fetch });
    await user.click(await screen.findByRole('link', { name: '山田 太郎' }));
    expect(router.state.location.pathname).toBe('/accounts/acc-1');
    expect(
      await screen.findByRole('heading', { level: 1, name: 'このお客様は見つかりません。' }),
    ).toBeInTheDocument();
  });

  it('pages with "more"', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/admin/accounts': (request) =>
        searchOf(request).get('cursor') === 'c2'
          ? json(200, { items: [anItem({ id: 'acc-2', name: '二ページ目' })], nextCursor: null })
          : json(200, { items: [anItem()], nextCursor: 'c2' }),
    });
    const { user } = renderApp({ route: '/accounts', fetch });
    await user.click(await screen.findByRole('button', { name: 'さらに表示' }));
    expect(await screen.findByRole('link', { name: '二ページ目' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '山田 太郎' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'さらに表示' })).not.toBeInTheDocument();
  });
});
