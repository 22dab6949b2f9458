import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem } from '../../../testing/fake-fetch';
import { renderApp } from '../../../testing/render-app';

const admin = () => json(200, aSession(aStaffMember({ role: 'admin' })));

const anAccount = (overrides: Record<string, unknown> = {}) => ({
  id: 'acc-1',
  type: 'individual',
  name: '山田 太郎',
  companyName: null,
  state: 'ready_for_number',
  createdAt: '2026-11-20T00:00:00.000Z',
  ...overrides,
});
const freeNumbers = {
  items: [
    {
      id: 'n-1',
      e164: '+81312345678',
      display: '03-1234-5678',
      state: 'free',
      accountId: null,
      assignedAt: null,
      quarantinedUntil: null,
      createdAt: '2026-11-20T00:00:00.000Z',
    },
    {
      id: 'n-2',
      e164: '+81312345679',
      display: '03-1234-5679',
      state: 'free',
      accountId: null,
      assignedAt: null,
      quarantinedUntil: null,
      createdAt: '2026-11-20T00:00:00.000Z',
    },
  ],
  nextCursor: null,
  counts: { free: 2, assigned: 0, quarantined: 0, total: 2 },
};
const issued = (numberId: string, display: string) =>
  json(201, {
    accountId: 'acc-1',
    numberId,
    e164: '+81312345679',
    display,
    issuedAt: '2026-11-25T00:00:00.000Z',
  });

describe('アカウント page', () => {
  it('lists accounts with their state and filters by state', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': () => json(200, aSession(aStaffMember({ role: 'operator' }))),
      'GET /api/v1/admin/accounts': (request) =>
        json(200, {
          items:
            new URL(request.url).searchParams.get('state') === 'active'
              ? [anAccount({ id: 'acc-2', name: '佐藤 次郎', state: 'active' })]
              : [anAccount(), anAccount({ id: 'acc-2', name: '佐藤 次郎', state: 'active' })],
          nextCursor: null,
        }),
    });
    const { user } = renderApp({ route: '/accounts', fetch });
    const list = await screen.findByTestId('accounts-list');
    expect(list).toHaveTextContent('山田 太郎');
    expect(list).toHaveTextContent('番号発行待ち');
    expect(list).toHaveTextContent('ご利用中');
    // operators cannot issue
    expect(screen.queryByRole('button', { name: '番号を発行' })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('状態で絞り込む'), 'active');
    await screen.findByText('佐藤 次郎');
    expect(screen.getByTestId('accounts-list')).not.toHaveTextContent('山田 太郎');
    const last = fetch.callsTo('GET /api/v1/admin/accounts').at(-1);
    expect(last).toBeDefined();
  });

  it('issues the next free number and says so', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/accounts': [
        () => json(200, { items: [anAccount()], nextCursor: null }),
        () => json(200, { items: [anAccount({ state: 'active' })], nextCursor: null }),
      ],
      'GET /api/v1/admin/numbers': () => json(200, freeNumbers),
      'POST /api/v1/admin/accounts/acc-1/number': () => issued('n-1', '03-1234-5678'),
    });
    const { user } = renderApp({ route: '/accounts', fetch });
    await user.click(await screen.findByRole('button', { name: '番号を発行' }));
    const form = screen.getByRole('form', { name: '山田 太郎 さんに番号を発行' });
    expect(await within(form).findByText(/03-1234-5678/)).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: '発行する' }));

    expect(
      await screen.findByText(
        '山田 太郎 さんに 03-1234-5678 を発行しました。アカウントはご利用中になりました。',
      ),
    ).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/accounts/acc-1/number')[0].body).toEqual({});
    expect(screen.queryByRole('form', { name: '山田 太郎 さんに番号を発行' })).not.toBeInTheDocument();
  });

  it('issues a chosen free number', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/accounts': () => json(200, { items: [anAccount()], nextCursor: null }),
      'GET /api/v1/admin/numbers': () => json(200, freeNumbers),
      'POST /api/v1/admin/accounts/acc-1/number': () => issued('n-2', '03-1234-5679'),
    });
    const { user } = renderApp({ route: '/accounts', fetch });
    await user.click(await screen.findByRole('button', { name: '番号を発行' }));
    const form = screen.getByRole('form', { name: '山田 太郎 さんに番号を発行' });
    await user.click(within(form).getByLabelText('空き番号から選ぶ'));
    await user.click(within(form).getByRole('button', { name: '発行する' }));
    expect(within(form).getByText('番号を選んでください。')).toBeInTheDocument();
    await within(form).findByRole('option', { name: '03-1234-5679' });
    await user.selectOptions(within(form).getByLabelText('番号'), 'n-2');
    await user.click(within(form).getByRole('button', { name: '発行する' }));
    expect(await screen.findByText(/03-1234-5679 を発行しました/)).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/accounts/acc-1/number')[0].body).toEqual({ numberId: 'n-2' });
  });

  it('shows a clear message when the number is no longer free', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/accounts': () => json(200, { items: [anAccount()], nextCursor: null }),
      'GET /api/v1/admin/numbers': () => json(200, freeNumbers),
      'POST /api/v1/admin/accounts/acc-1/number': () => problem(409, 'NUMBER_NOT_AVAILABLE'),
    });
    const { user } = renderApp({ route: '/accounts', fetch });
    await user.click(await screen.findByRole('button', { name: '番号を発行' }));
    const form = screen.getByRole('form', { name: '山田 太郎 さんに番号を発行' });
    await user.click(within(form).getByRole('button', { name: '発行する' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'その番号は空いていません。別の番号を選んでください。',
    );
  });
});
