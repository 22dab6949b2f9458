import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const REFRESH = 'POST /api/v1/auth/refresh';
const LOOKUP = 'POST /api/v1/invitations/lookup';
const ACCEPT = 'POST /api/v1/invitations/accept';
const signedOut = { [REFRESH]: () => problem(401, 'UNAUTHENTICATED') };
const preview = {
  accountName: '株式会社サンプル',
  role: 'member',
  email: 'hanako@example.jp',
  invitedByName: '山田 太郎',
  expiresAt: '2026-12-01T00:00:00.000Z',
};

describe('invitation page', () => {
  it('shows the account and role, then joins with a name and a password and goes home logged in', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      [LOOKUP]: () => json(200, preview),
      [ACCEPT]: () => json(200, aSession(aCustomer({ name: '鈴木 花子', role: 'member' }), 'access-new')),
    });
    const { user, router } = renderApp({ route: '/invitation?token=tok-1', fetch });
    expect(await screen.findByRole('heading', { level: 1, name: 'チームへの招待' })).toBeInTheDocument();
    expect(
      await screen.findByText('株式会社サンプル のチームに「メンバー」として招待されています。'),
    ).toBeInTheDocument();
    expect(screen.getByText('hanako@example.jp')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '参加する' }));
    expect(screen.getAllByText('入力してください。')).toHaveLength(2);
    await user.type(screen.getByLabelText('お名前'), '鈴木 花子');
    await user.type(screen.getByLabelText('パスワード'), 'short');
    await user.click(screen.getByRole('button', { name: '参加する' }));
    expect(screen.getByText('10文字以上で入力してください。')).toBeInTheDocument();
    expect(fetch.callsTo(ACCEPT)).toHaveLength(0);

    await user.clear(screen.getByLabelText('パスワード'));
    await user.type(screen.getByLabelText('パスワード'), 'kuroneko-yamato-2026');
    await user.click(screen.getByRole('button', { name: '参加する' }));
    expect(await screen.findByTestId('welcome')).toHaveTextContent('鈴木 花子');
    expect(router.state.location.pathname).toBe('/');
    expect(fetch.callsTo(ACCEPT)[0].body).toEqual({
      token: 'tok-1',
      name: '鈴木 花子',
      password: 'kuroneko-yamato-2026',
    });
  });

  it('has its own page for an expired link', async () => {
    const fetch = createFakeFetch({ ...signedOut, [LOOKUP]: () => problem(410, 'INVITATION_EXPIRED') });
    renderApp({ route: '/invitation?token=tok-old', fetch });
    expect(
      await screen.findByRole('heading', { level: 1, name: '招待の有効期限が切れています' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveTextContent('招待メールの再送を依頼してください');
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByText(/never shown/)).not.toBeInTheDocument();
  });

  it('has pages for used, withdrawn and unknown links, and for a link without a token', async () => {
    for (const [code, status, heading] of [
      ['INVITATION_USED', 409, 'この招待は承諾済みです'],
      ['INVITATION_REVOKED', 410, 'この招待は取り消されました'],
      ['INVITATION_INVALID', 404, 'この招待リンクは無効です'],
    ] as const) {
      const fetch = createFakeFetch({ ...signedOut, [LOOKUP]: () => problem(status, code) });
      const view = renderApp({ route: '/invitation?token=x', fetch });
      expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeInTheDocument();
      view.unmount();
    }
    const fetch = createFakeFetch(signedOut);
    renderApp({ route: '/invitation', fetch });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'この招待リンクは無効です' }),
    ).toBeInTheDocument();
    expect(fetch.callsTo(LOOKUP)).toHaveLength(0);
  });

  it('shows a weak password on its field and a link that closed meanwhile on its page', async () => {
    const fetch = createFakeFetch({
      ...signedOut,
      [LOOKUP]: () => json(200, preview),
      [ACCEPT]: [
        () =>
          problem(422, 'VALIDATION_FAILED', {
            errors: [{ pointer: '/body/password', code: 'WEAK_PASSWORD', message: 'x' }],
          }),
        () => problem(409, 'INVITATION_USED'),
      ],
    });
    const { user } = renderApp({ route: '/invitation?token=tok-1', fetch });
    await user.type(await screen.findByLabelText('お名前'), '鈴木 花子');
    await user.type(screen.getByLabelText('パスワード'), 'hanako-password');
    await user.click(screen.getByRole('button', { name: '参加する' }));
    expect(await screen.findByLabelText('パスワード')).toHaveAttribute('aria-invalid', 'true');
    await user.click(screen.getByRole('button', { name: '参加する' }));
    expect(
      await screen.findByRole('heading', { level: 1, name: 'この招待は承諾済みです' }),
    ).toBeInTheDocument();
  });
});
