import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, aSession } from '../../../../testing/data';
import { createFakeFetch, json, noContent, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../../testing/render-app';

const signedOut = { 'POST /api/v1/auth/refresh': () => problem(401, 'UNAUTHENTICATED') };

async function submitLogIn(
  fetch: typeof globalThis.fetch,
  email = 'taro@example.jp',
  password = 'a-long-passphrase',
) {
  const app = renderApp({ route: '/login', fetch });
  await screen.findByRole('heading', { level: 1, name: 'ログイン' });
  await app.user.type(screen.getByLabelText('メールアドレス'), email);
  await app.user.type(screen.getByLabelText('パスワード'), password);
  await app.user.click(screen.getByRole('button', { name: 'ログイン' }));
  return app;
}

describe('log-in page', () => {
  it('shows the translated INVALID_CREDENTIALS message', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => problem(401, 'INVALID_CREDENTIALS'),
    });
    await submitLogIn(fetch);

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'メールアドレスまたはパスワードが正しくありません。',
    );
    expect(screen.queryByText(/never shown/)).not.toBeInTheDocument();
    // A failed log-in is not an expired session: no refresh is attempted because of it.
    expect(fetch.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(fetch.callsTo('POST /api/v1/auth/login')[0]).toMatchObject({
      body: { email: 'taro@example.jp', password: 'a-long-passphrase' },
      authorization: null,
    });
  });

  it('on EMAIL_NOT_CONFIRMED explains and resends the link to the typed address', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => problem(403, 'EMAIL_NOT_CONFIRMED'),
      'POST /api/v1/auth/resend-confirmation': () => new Response(null, { status: 202 }),
    });
    const { user, router } = await submitLogIn(fetch, 'hanako@example.jp');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'メールアドレスの確認がまだお済みではありません。',
    );
    expect(screen.queryByText(/never shown/)).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(fetch.callsTo('POST /api/v1/auth/resend-confirmation')).toHaveLength(0);

    const resend = screen.getByRole('button', { name: '確認メールを再送する' });
    await user.click(resend);
    expect(await screen.findByRole('status')).toHaveTextContent(
      'hanako@example.jp が確認待ちのアドレスであれば、新しい確認メールを送信しました。',
    );
    expect(fetch.callsTo('POST /api/v1/auth/resend-confirmation')).toEqual([
      expect.objectContaining({ body: { email: 'hanako@example.jp' } }),
    ]);
    expect(resend).toBeDisabled();
    // Clicking again during the cooldown sends nothing.
    await user.click(resend);
    expect(fetch.callsTo('POST /api/v1/auth/resend-confirmation')).toHaveLength(1);
    expect(fetch.unhandled).toEqual([]);
  });

  it('offers no resend action for other log-in errors', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => problem(401, 'INVALID_CREDENTIALS'),
    });
    await submitLogIn(fetch);
    await screen.findByRole('alert');
    expect(screen.queryByRole('button', { name: '確認メールを再送する' })).not.toBeInTheDocument();
  });

  it('tells how long to wait on TOO_MANY_ATTEMPTS', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => problem(429, 'TOO_MANY_ATTEMPTS', {}, { 'Retry-After': '120' }),
    });
    await submitLogIn(fetch);
    expect(await screen.findByRole('alert')).toHaveTextContent('2分ほど待ってから');
  });

  it('shows a generic message for an unexpected answer instead of crashing', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => new Response('<html>Bad gateway</html>', { status: 502 }),
    });
    await submitLogIn(fetch);
    expect(await screen.findByRole('alert')).toHaveTextContent('サーバーでエラーが発生しました。');
  });

  it('logs in, shows the home page with the user, and logs out again', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': () => json(200, aSession(aCustomer({ name: '山田 太郎' }))),
      'POST /api/v1/auth/logout': () => noContent(),
      // the dashboard's onboarding checklist (R1.6)
      'GET /api/v1/account/onboarding': () => json(200, { state: 'verifying', complete: false, steps: [] }),
      // the dashboard's newest unhandled inquiries (R4.3) and this month's calls
      'GET /api/v1/inquiries': () => json(200, { items: [], nextCursor: null, hasMore: false }),
      'GET /api/v1/billing/usage': () => problem(404, 'NOT_FOUND'),
    });
    const { user, router } = await submitLogIn(fetch);

    expect(await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.getByTestId('welcome')).toHaveTextContent('ようこそ、山田 太郎 さん');
    expect(screen.getByTestId('current-user')).toHaveTextContent('山田 太郎');
    const summary = screen.getByTestId('account-summary');
    expect(summary).toHaveTextContent('山田商事株式会社');
    expect(summary).toHaveTextContent('ご利用中');

    await user.click(screen.getByRole('button', { name: 'ログアウト' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'ログイン' })).toBeInTheDocument();
    expect(screen.queryByTestId('current-user')).not.toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/auth/logout')).toHaveLength(1);
    expect(fetch.callsTo('POST /api/v1/auth/logout')[0]?.authorization).toBe('Bearer access-1');
    expect(fetch.unhandled).toEqual([]);
  });

  it('links to the sign-up page', async () => {
    const { user } = renderApp({ route: '/login', fetch: createFakeFetch(signedOut) });
    const main = await screen.findByRole('main');
    await user.click(await within(main).findByRole('link', { name: '新規登録' }));
    expect(await screen.findByRole('heading', { level: 1, name: '新規登録' })).toBeInTheDocument();
  });
});
