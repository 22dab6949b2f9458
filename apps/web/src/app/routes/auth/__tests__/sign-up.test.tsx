import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../../testing/render-app';

const signedOut = { 'POST /api/v1/auth/refresh': () => problem(401, 'UNAUTHENTICATED') };

async function openSignUp(fetch: typeof globalThis.fetch) {
  const app = renderApp({ route: '/signup', fetch });
  await screen.findByRole('heading', { level: 1, name: '新規登録' });
  return app;
}

describe('sign-up page', () => {
  it('puts 422 problem errors on the fields they point at', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/signup': () =>
        problem(422, 'VALIDATION_FAILED', {
          errors: [
            { pointer: '/body/password', code: 'WEAK_PASSWORD', message: 'password is weak' },
            { pointer: '/body/companyName', code: 'SOMETHING_NEW', message: 'no idea' },
          ],
        }),
    });
    const { user } = await openSignUp(fetch);

    await user.type(screen.getByLabelText('メールアドレス'), 'hanako@example.jp');
    await user.type(screen.getByLabelText('パスワード'), 'correct horse battery');
    await user.click(screen.getByRole('radio', { name: '法人' }));
    await user.type(screen.getByLabelText('会社名'), '花子商店株式会社');
    await user.type(screen.getByLabelText('氏名'), '佐藤 花子');
    await user.click(screen.getByRole('button', { name: 'アカウントを作成' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      '入力内容に誤りがあります。各項目をご確認ください。',
    );
    const password = screen.getByLabelText('パスワード');
    expect(password).toHaveAttribute('aria-invalid', 'true');
    expect(password).toHaveAccessibleDescription(expect.stringContaining('このパスワードは使えません。'));
    // An unknown code still gets a translated message, never the API's English text.
    expect(screen.getByLabelText('会社名')).toHaveAccessibleDescription('入力内容をご確認ください。');
    expect(screen.getByLabelText('氏名')).not.toHaveAttribute('aria-invalid');
    expect(screen.queryByText('password is weak')).not.toBeInTheDocument();

    expect(fetch.callsTo('POST /api/v1/auth/signup')[0]?.body).toEqual({
      email: 'hanako@example.jp',
      password: 'correct horse battery',
      accountType: 'corporation',
      name: '佐藤 花子',
      companyName: '花子商店株式会社',
    });
  });

  it('shows the EMAIL_TAKEN message on 409 and stays on the page', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      // As the API sends it: the code, plus the field it concerns.
      'POST /api/v1/auth/signup': () =>
        problem(409, 'EMAIL_TAKEN', {
          errors: [{ pointer: '/body/email', code: 'EMAIL_TAKEN', message: 'already registered' }],
        }),
    });
    const { user, router } = await openSignUp(fetch);

    // Individuals have no company name field, and send none.
    expect(screen.queryByLabelText('会社名')).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('メールアドレス'), 'taken@example.jp');
    await user.type(screen.getByLabelText('パスワード'), 'a-long-enough-passphrase');
    await user.type(screen.getByLabelText('氏名'), '鈴木 一郎');
    await user.click(screen.getByRole('button', { name: 'アカウントを作成' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'このメールアドレスはすでに登録されています。ログインするか、別のメールアドレスをお使いください。',
    );
    expect(screen.getByLabelText('メールアドレス')).toHaveAccessibleDescription(
      'このメールアドレスはすでに登録されています。',
    );
    expect(router.state.location.pathname).toBe('/signup');
    const body = fetch.callsTo('POST /api/v1/auth/signup')[0]?.body as Record<string, unknown>;
    expect(body.accountType).toBe('individual');
    expect(body).not.toHaveProperty('companyName');
  });

  it('checks required fields and the password rule before calling the API', async () => {
    const fetch = createFakeFetch(signedOut);
    const { user } = await openSignUp(fetch);

    await user.type(screen.getByLabelText('メールアドレス'), 'hanako@example.jp');
    await user.type(screen.getByLabelText('パスワード'), 'HANAKO-1234567');
    await user.click(screen.getByRole('radio', { name: '法人' }));
    await user.click(screen.getByRole('button', { name: 'アカウントを作成' }));

    expect(screen.getByLabelText('パスワード')).toHaveAccessibleDescription(
      expect.stringContaining('メールアドレスの「@」より前の部分を含めないでください。'),
    );
    expect(screen.getByLabelText('会社名')).toHaveAccessibleDescription('入力してください。');
    expect(screen.getByLabelText('氏名')).toHaveAttribute('aria-invalid', 'true');
    expect(fetch.callsTo('POST /api/v1/auth/signup')).toHaveLength(0);
  });

  it('signs up, starts no session and asks to open the mailed link', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/signup': () =>
        json(201, { email: 'hanako@example.jp', status: 'confirmation_sent' }),
      'POST /api/v1/auth/resend-confirmation': () => new Response(null, { status: 202 }),
    });
    const { user, router } = await openSignUp(fetch);

    await user.type(screen.getByLabelText('メールアドレス'), ' hanako@example.jp ');
    await user.type(screen.getByLabelText('パスワード'), 'correct horse battery');
    await user.type(screen.getByLabelText('氏名'), '佐藤 花子');
    await user.click(screen.getByRole('button', { name: 'アカウントを作成' }));

    expect(
      await screen.findByRole('heading', { level: 1, name: '確認メールを送信しました' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('sent-to')).toHaveTextContent('hanako@example.jp');
    const main = screen.getByRole('main');
    expect(main).toHaveTextContent('リンクの有効期限は24時間です。');
    expect(main).toHaveTextContent('迷惑メールフォルダ');
    // Not logged in: no dashboard, no user menu, still on the sign-up address.
    expect(screen.queryByTestId('current-user')).not.toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/signup');

    await user.click(screen.getByRole('button', { name: '再送する' }));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'hanako@example.jp が確認待ちのアドレスであれば、新しい確認メールを送信しました。',
    );
    expect(fetch.callsTo('POST /api/v1/auth/resend-confirmation')).toEqual([
      expect.objectContaining({ body: { email: 'hanako@example.jp' } }),
    ]);
    // Resting for a minute after a click.
    expect(screen.getByRole('button', { name: '再送する' })).toBeDisabled();
    expect(fetch.unhandled).toEqual([]);
  });

  it('says how long to wait when sign-ups from this address are rate-limited (429)', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/signup': () => problem(429, 'RATE_LIMITED', {}, { 'Retry-After': '1700' }),
    });
    const { user, router } = await openSignUp(fetch);
    await user.type(screen.getByLabelText('メールアドレス'), 'hanako@example.jp');
    await user.type(screen.getByLabelText('パスワード'), 'correct horse battery');
    await user.type(screen.getByLabelText('氏名'), '佐藤 花子');
    await user.click(screen.getByRole('button', { name: 'アカウントを作成' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'リクエストが多すぎます。29分ほど待ってから再度お試しください。',
    );
    expect(router.state.location.pathname).toBe('/signup');
  });

  it('says how long to wait when a resend is rate-limited (429)', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      'POST /api/v1/auth/signup': () =>
        json(201, { email: 'hanako@example.jp', status: 'confirmation_sent' }),
      'POST /api/v1/auth/resend-confirmation': () =>
        problem(429, 'RATE_LIMITED', {}, { 'Retry-After': '45' }),
    });
    const { user } = await openSignUp(fetch);
    await user.type(screen.getByLabelText('メールアドレス'), 'hanako@example.jp');
    await user.type(screen.getByLabelText('パスワード'), 'correct horse battery');
    await user.type(screen.getByLabelText('氏名'), '佐藤 花子');
    await user.click(screen.getByRole('button', { name: 'アカウントを作成' }));
    await user.click(await screen.findByRole('button', { name: '再送する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'リクエストが多すぎます。45秒ほど待ってから再度お試しください。',
    );
  });

  it('links to the log-in page', async () => {
    const { user } = await openSignUp(createFakeFetch(signedOut));
    await user.click(within(screen.getByRole('main')).getByRole('link', { name: 'ログイン' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'ログイン' })).toBeInTheDocument();
  });
});
