import { act, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aCustomer, aSession } from '../../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../../testing/render-app';

const CONFIRM = 'POST /api/v1/auth/confirm-email';
const RESEND = 'POST /api/v1/auth/resend-confirmation';
const REFRESH = 'POST /api/v1/auth/refresh';
/** The dashboard's onboarding checklist (R1.6), loaded once the user lands home. */
const ONBOARDING = 'GET /api/v1/account/onboarding';
/** The dashboard's newest unhandled inquiries (R4.3) and this month's calls, also loaded at home. */
const INQUIRIES = 'GET /api/v1/inquiries';
const USAGE = 'GET /api/v1/billing/usage';
const DASHBOARD_CALLS = [ONBOARDING, INQUIRIES, USAGE];

const signedOut = { [REFRESH]: () => problem(401, 'UNAUTHENTICATED') };
const accepted = () => new Response(null, { status: 202 });

afterEach(() => {
  vi.useRealTimers();
});

describe('confirm-email page', () => {
  it('confirms the address once (StrictMode), logs in and goes home with a notice', async () => {
    const fetch = createFakeFetch({
      // The start-up refresh answers late: it must not end the session the confirmation starts.
      [REFRESH]: () =>
        new Promise<Response>((resolve) => setTimeout(() => resolve(problem(401, 'UNAUTHENTICATED')), 50)),
      [CONFIRM]: () => json(200, aSession(aCustomer({ name: '佐藤 花子' }), 'access-confirmed')),
      [ONBOARDING]: () => json(200, { state: 'verifying', complete: false, steps: [] }),
      [INQUIRIES]: () => json(200, { items: [], nextCursor: null, hasMore: false }),
      [USAGE]: () => problem(404, 'NOT_FOUND'),
    });
    const { router } = renderApp({ route: '/confirm-email?token=tok-123', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
    expect(screen.getAllByRole('status').map((element) => element.textContent)).toContain(
      'メールアドレスを確認しました。',
    );
    expect(screen.getByTestId('welcome')).toHaveTextContent('ようこそ、佐藤 花子 さん');
    expect(screen.getByTestId('current-user')).toHaveTextContent('佐藤 花子');

    // renderApp runs in StrictMode: the effect ran twice, the single-use token was sent once.
    expect(fetch.callsTo(CONFIRM)).toEqual([
      { key: CONFIRM, body: { token: 'tok-123' }, authorization: null },
    ]);
    expect(fetch.calls.map((call) => call.key).filter((key) => !DASHBOARD_CALLS.includes(key))).toEqual([
      REFRESH,
      CONFIRM,
    ]);
    // Still logged in once everything has settled.
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(router.state.location.pathname).toBe('/');
    expect(screen.getByTestId('current-user')).toBeInTheDocument();
    expect(fetch.unhandled).toEqual([]);
  });

  it('shows progress while confirming', async () => {
    let answer: (response: Response) => void = () => undefined;
    const fetch = createFakeFetch({
      ...signedOut,
      [CONFIRM]: () => new Promise<Response>((resolve) => (answer = resolve)),
    });
    renderApp({ route: '/confirm-email?token=tok-slow', fetch });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'メールアドレスを確認しています' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('確認しています…');
    await vi.waitFor(() => expect(fetch.callsTo(CONFIRM)).toHaveLength(1));
    act(() => answer(problem(409, 'CONFIRMATION_USED')));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'メールアドレスは確認済みです' }),
    ).toBeInTheDocument();
    expect(fetch.callsTo(CONFIRM)).toHaveLength(1);
  });

  it('says an already used link means the address is confirmed, and links to log-in', async () => {
    const fetch = createFakeFetch({ ...signedOut, [CONFIRM]: () => problem(409, 'CONFIRMATION_USED') });
    const { user, router } = renderApp({ route: '/confirm-email?token=tok-used', fetch });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'メールアドレスは確認済みです' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('ログインしてください。');
    expect(screen.queryByText(/never shown/)).not.toBeInTheDocument();
    expect(fetch.callsTo(CONFIRM)).toHaveLength(1);

    await user.click(screen.getByRole('link', { name: 'ログインする' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'ログイン' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });

  it('offers a new link when the link has expired', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      [CONFIRM]: () => problem(410, 'CONFIRMATION_EXPIRED'),
      [RESEND]: accepted,
    });
    const { user } = renderApp({ route: '/confirm-email?token=tok-old', fetch });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'リンクの有効期限が切れています' }),
    ).toBeInTheDocument();
    const submit = screen.getByRole('button', { name: '確認メールを再送する' });

    // Checked before any call.
    await user.click(submit);
    expect(screen.getByLabelText('メールアドレス')).toHaveAccessibleDescription('入力してください。');
    expect(fetch.callsTo(RESEND)).toHaveLength(0);

    await user.type(screen.getByLabelText('メールアドレス'), 'hanako@example.jp ');
    await user.click(submit);
    expect(await screen.findByRole('status')).toHaveTextContent(
      'hanako@example.jp が確認待ちのアドレスであれば、新しい確認メールを送信しました。',
    );
    expect(fetch.callsTo(RESEND).map((call) => call.body)).toEqual([{ email: 'hanako@example.jp' }]);
    expect(submit).toBeDisabled();
    await user.click(submit);
    expect(fetch.callsTo(RESEND)).toHaveLength(1);
    expect(fetch.callsTo(CONFIRM)).toHaveLength(1);
  });

  it('frees the resend button again after a minute', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fetch = createFakeFetch({
      ...signedOut,
      [CONFIRM]: () => problem(410, 'CONFIRMATION_EXPIRED'),
      [RESEND]: accepted,
    });
    const { user } = renderApp({ route: '/confirm-email?token=tok-old', fetch });
    await screen.findByRole('heading', { level: 1, name: 'リンクの有効期限が切れています' });

    await user.type(screen.getByLabelText('メールアドレス'), 'hanako@example.jp');
    const submit = screen.getByRole('button', { name: '確認メールを再送する' });
    await user.click(submit);
    await screen.findByRole('status');
    act(() => vi.advanceTimersByTime(55_000));
    expect(submit).toBeDisabled();
    act(() => vi.advanceTimersByTime(5_000));
    expect(submit).toBeEnabled();
    await user.click(submit);
    await vi.waitFor(() => expect(fetch.callsTo(RESEND)).toHaveLength(2));
  });

  it('says an unknown link is not valid, with the resend form and a sign-up link', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      [CONFIRM]: () => problem(404, 'CONFIRMATION_INVALID'),
      [RESEND]: accepted,
    });
    const { user, router } = renderApp({ route: '/confirm-email?token=nope', fetch });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'このリンクは無効です' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/never shown/)).not.toBeInTheDocument();
    await user.type(screen.getByLabelText('メールアドレス'), 'taro@example.jp');
    await user.click(screen.getByRole('button', { name: '確認メールを再送する' }));
    await vi.waitFor(() =>
      expect(fetch.callsTo(RESEND).map((call) => call.body)).toEqual([{ email: 'taro@example.jp' }]),
    );

    await user.click(within(screen.getByRole('main')).getByRole('link', { name: '新規登録' }));
    expect(await screen.findByRole('heading', { level: 1, name: '新規登録' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/signup');
    expect(fetch.callsTo(CONFIRM)).toHaveLength(1);
  });

  it('says a link without a token is not valid, without calling the API', async () => {
    const fetch = createFakeFetch(signedOut);
    renderApp({ route: '/confirm-email', fetch });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'このリンクは無効です' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '確認メールを再送する' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '新規登録' })).toBeInTheDocument();
    expect(fetch.callsTo(CONFIRM)).toHaveLength(0);
  });

  it('shows a translated message when the server fails, and can try again', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      [CONFIRM]: [
        () => problem(500, 'INTERNAL'),
        () => json(200, aSession(aCustomer({ name: '佐藤 花子' }))),
      ],
    });
    const { user } = renderApp({ route: '/confirm-email?token=tok-123', fetch });

    expect(await screen.findByRole('alert')).toHaveTextContent('サーバーでエラーが発生しました。');
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent(
      'メールアドレスを確認できませんでした',
    );
    expect(fetch.callsTo(CONFIRM)).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'もう一度試す' }));
    expect(await screen.findByTestId('welcome')).toHaveTextContent('ようこそ、佐藤 花子 さん');
    expect(fetch.callsTo(CONFIRM)).toHaveLength(2);
  });

  it('is reachable while logged in and switches to the confirmed account', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession(aCustomer({ name: '山田 太郎' }), 'access-old')),
      [CONFIRM]: () => json(200, aSession(aCustomer({ name: '佐藤 花子' }), 'access-new')),
    });
    renderApp({ route: '/confirm-email?token=tok-123', fetch });

    expect(await screen.findByTestId('welcome')).toHaveTextContent('ようこそ、佐藤 花子 さん');
    expect(fetch.callsTo(CONFIRM)).toEqual([
      { key: CONFIRM, body: { token: 'tok-123' }, authorization: null },
    ]);
  });
});
