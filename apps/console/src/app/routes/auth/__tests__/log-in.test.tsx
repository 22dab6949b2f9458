import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../../testing/data';
import { createFakeFetch, json, noContent, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../../testing/render-app';

const signedOut = { 'POST /api/v1/admin/auth/refresh': () => problem(401, 'UNAUTHENTICATED') };

async function submitLogIn(
  fetch: typeof globalThis.fetch,
  email = 'sato@reception.example.jp',
  password = 'staff-passphrase',
) {
  const app = renderApp({ route: '/login', fetch });
  await screen.findByRole('heading', { level: 1, name: 'スタッフログイン' });
  await app.user.type(screen.getByLabelText('メールアドレス'), email);
  await app.user.type(screen.getByLabelText('パスワード'), password);
  await app.user.click(screen.getByRole('button', { name: 'ログイン' }));
  return app;
}

describe('staff log-in page', () => {
  it('shows the translated INVALID_CREDENTIALS message', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/admin/auth/login': () => problem(401, 'INVALID_CREDENTIALS'),
    });
    await submitLogIn(fetch);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'メールアドレスまたはパスワードが正しくありません。',
    );
    expect(screen.queryByText(/never shown/)).not.toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/auth/refresh')).toHaveLength(1);
    expect(fetch.callsTo('POST /api/v1/admin/auth/login')[0]).toMatchObject({
      body: { email: 'sato@reception.example.jp', password: 'staff-passphrase' },
      authorization: null,
    });
  });

  it('shows a refusal (403 FORBIDDEN) as a translated message', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/admin/auth/login': () => problem(403, 'FORBIDDEN'),
    });
    await submitLogIn(fetch, 'customer@example.jp');
    expect(await screen.findByRole('alert')).toHaveTextContent('この操作を行う権限がありません。');
  });

  it('falls back to a message by status for an unknown code', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/admin/auth/login': () => problem(429, 'SOMETHING_NEW'),
    });
    await submitLogIn(fetch);
    expect(await screen.findByRole('alert')).toHaveTextContent('リクエストが多すぎます。');
  });

  it('checks the fields before calling the API', async () => {
    const fetch = createFakeFetch(signedOut);
    const { user } = renderApp({ route: '/login', fetch });
    await user.click(await screen.findByRole('button', { name: 'ログイン' }));
    expect(screen.getByLabelText('メールアドレス')).toHaveAccessibleDescription('入力してください。');
    expect(screen.getByLabelText('パスワード')).toHaveAttribute('aria-invalid', 'true');
    expect(fetch.callsTo('POST /api/v1/admin/auth/login')).toHaveLength(0);
  });

  it('logs in, shows the home page with the name and role, and logs out again', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/admin/auth/login': () =>
        json(200, aSession(aStaffMember({ name: '佐藤 花子', role: 'admin' }))),
      'POST /api/v1/admin/auth/logout': () => noContent(),
      'GET /api/v1/admin/telephony/simulator': () => json(200, { enabled: false, phoneUrl: null }),
    });
    const { user, router } = await submitLogIn(fetch);

    expect(await screen.findByRole('heading', { level: 1, name: 'ホーム' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.getByTestId('welcome')).toHaveTextContent('お疲れさまです、佐藤 花子 さん');
    expect(screen.getByTestId('current-user')).toHaveTextContent('佐藤 花子');
    expect(screen.getByTestId('staff-summary')).toHaveTextContent('管理者');

    await user.click(screen.getByRole('button', { name: 'ログアウト' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'スタッフログイン' })).toBeInTheDocument();
    expect(screen.queryByTestId('current-user')).not.toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/auth/logout')).toHaveLength(1);
    expect(fetch.unhandled).toEqual([]);
  });
});
