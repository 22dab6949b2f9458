import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, aSession } from '../../../testing/data';
import { createFakeFetch, json, noContent, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const REFRESH = 'POST /api/v1/auth/refresh';
const MEMBERS = 'GET /api/v1/team/members';
const INVITATIONS = 'GET /api/v1/team/invitations';
const INVITE = 'POST /api/v1/team/invitations';

const member = (overrides: Record<string, unknown> = {}) => ({
  id: 'user-1',
  name: '山田 太郎',
  email: 'taro@example.jp',
  role: 'owner',
  since: '2026-11-01T00:00:00.000Z',
  isYou: true,
  ...overrides,
});
const hanako = member({
  id: 'user-2',
  name: '鈴木 花子',
  email: 'hanako@example.jp',
  role: 'member',
  isYou: false,
});
const invitation = (overrides: Record<string, unknown> = {}) => ({
  id: 'inv-1',
  email: 'jiro@example.jp',
  role: 'member',
  invitedByName: '山田 太郎',
  createdAt: '2026-11-24T00:00:00.000Z',
  expiresAt: '2026-12-01T00:00:00.000Z',
  expired: false,
  ...overrides,
});

const routes = (role: 'owner' | 'member', members: unknown[], invitations: unknown[] = []) => ({
  [REFRESH]: () => json(200, aSession(aCustomer({ role }))),
  [MEMBERS]: () => json(200, { items: members }),
  [INVITATIONS]: () => json(200, { items: invitations }),
});

describe('チーム page', () => {
  it('lists members and pending invitations', async () => {
    const fetch = createFakeFetch(routes('owner', [member(), hanako], [invitation({ expired: true })]));
    renderApp({ route: '/team', fetch });
    expect(await screen.findByRole('heading', { level: 1, name: 'チーム' })).toBeInTheDocument();
    const members = await screen.findByRole('table', { name: 'メンバー' });
    expect(within(members).getByText('鈴木 花子')).toBeInTheDocument();
    expect(within(members).getByText('hanako@example.jp')).toBeInTheDocument();
    const invitations = await screen.findByRole('table', { name: '招待中' });
    expect(within(invitations).getByText('jiro@example.jp')).toBeInTheDocument();
    expect(within(invitations).getByText('期限切れ')).toBeInTheDocument();
    expect(within(invitations).getByRole('button', { name: '再送' })).toBeInTheDocument();
  });

  it('invites by e-mail with a role, and checks the address first', async () => {
    const fetch = createFakeFetch({
      ...routes('owner', [member()]),
      [INVITE]: () => json(201, invitation({ email: 'new@example.jp', role: 'owner' })),
    });
    const { user } = renderApp({ route: '/team', fetch });
    const form = await screen.findByRole('form', { name: 'メンバーを招待' });
    await user.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    expect(within(form).getByText('入力してください。')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('メールアドレス'), 'not-an-address');
    await user.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    expect(within(form).getByText('メールアドレスの形式が正しくありません。')).toBeInTheDocument();
    expect(fetch.callsTo(INVITE)).toHaveLength(0);

    await user.clear(within(form).getByLabelText('メールアドレス'));
    await user.type(within(form).getByLabelText('メールアドレス'), 'new@example.jp');
    await user.click(within(form).getByRole('radio', { name: 'オーナー' }));
    await user.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    expect(await within(form).findByText('new@example.jp に招待メールを送りました。')).toBeInTheDocument();
    expect(fetch.callsTo(INVITE)[0].body).toEqual({ email: 'new@example.jp', role: 'owner' });
  });

  it('says how long to wait when invitations are rate-limited (429)', async () => {
    const fetch = createFakeFetch({
      ...routes('owner', [member()]),
      [INVITE]: () => problem(429, 'RATE_LIMITED', {}, { 'Retry-After': '600' }),
    });
    const { user } = renderApp({ route: '/team', fetch });
    const form = await screen.findByRole('form', { name: 'メンバーを招待' });
    await user.type(within(form).getByLabelText('メールアドレス'), 'new@example.jp');
    await user.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    expect(
      await within(form).findByText('リクエストが多すぎます。10分ほど待ってから再度お試しください。'),
    ).toBeInTheDocument();
  });

  it('shows EMAIL_TAKEN on the address field', async () => {
    const fetch = createFakeFetch({
      ...routes('owner', [member()]),
      [INVITE]: () =>
        problem(409, 'EMAIL_TAKEN', {
          errors: [{ pointer: '/body/email', code: 'EMAIL_TAKEN', message: 'x' }],
        }),
    });
    const { user } = renderApp({ route: '/team', fetch });
    const form = await screen.findByRole('form', { name: 'メンバーを招待' });
    await user.type(within(form).getByLabelText('メールアドレス'), 'taken@example.jp');
    await user.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    expect(await within(form).findAllByText(/このメールアドレスはすでに登録されています/)).not.toHaveLength(
      0,
    );
    expect(within(form).getByLabelText('メールアドレス')).toHaveAttribute('aria-invalid', 'true');
  });

  it('a member is not offered "owner" and cannot remove others, but may leave', async () => {
    const fetch = createFakeFetch({
      ...routes('member', [
        member({ isYou: false }),
        hanako,
        member({ id: 'user-3', name: '自分', role: 'member', isYou: true }),
      ]),
      [INVITE]: () => json(201, invitation({ email: 'x@example.jp' })),
    });
    const { user } = renderApp({ route: '/team', fetch });
    const form = await screen.findByRole('form', { name: 'メンバーを招待' });
    expect(within(form).queryByRole('radio', { name: 'オーナー' })).not.toBeInTheDocument();
    expect(within(form).getByText('メンバーはメンバーのみ招待できます。')).toBeInTheDocument();
    const table = await screen.findByRole('table', { name: 'メンバー' });
    expect(within(table).queryByRole('button', { name: '削除' })).not.toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'オーナーにする' })).not.toBeInTheDocument();
    expect(within(table).getByRole('button', { name: 'チームを抜ける' })).toBeInTheDocument();

    await user.type(within(form).getByLabelText('メールアドレス'), 'x@example.jp');
    await user.click(within(form).getByRole('button', { name: '招待メールを送る' }));
    await within(form).findByText('x@example.jp に招待メールを送りました。');
    expect(fetch.callsTo(INVITE)[0].body).toEqual({ email: 'x@example.jp', role: 'member' });
  });

  it('the last owner can be neither removed nor demoted in the UI', async () => {
    const fetch = createFakeFetch(routes('owner', [member(), hanako]));
    renderApp({ route: '/team', fetch });
    const row = await screen.findByTestId('member-user-1');
    expect(within(row).getByText('最後のオーナーのため、削除や役割の変更はできません。')).toBeInTheDocument();
    expect(within(row).queryByRole('button')).not.toBeInTheDocument();
    const other = screen.getByTestId('member-user-2');
    expect(within(other).getByRole('button', { name: '削除' })).toBeInTheDocument();
    expect(within(other).getByRole('button', { name: 'オーナーにする' })).toBeInTheDocument();
  });

  it('asks before removing a member, and can be cancelled', async () => {
    const fetch = createFakeFetch({
      ...routes('owner', [member(), hanako]),
      'DELETE /api/v1/team/members/user-2': noContent,
    });
    const { user } = renderApp({ route: '/team', fetch });
    const row = await screen.findByTestId('member-user-2');
    await user.click(within(row).getByRole('button', { name: '削除' }));
    const dialog = screen.getByRole('dialog', { name: '削除' });
    expect(within(dialog).getByText(/鈴木 花子 さんをチームから削除しますか？/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'キャンセル' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/team/members/user-2')).toHaveLength(0);

    await user.click(within(row).getByRole('button', { name: '削除' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '削除する' }));
    expect(await screen.findByText('鈴木 花子 さんをチームから削除しました。')).toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/team/members/user-2')).toHaveLength(1);
  });

  it('shows LAST_OWNER from the API (a concurrent change) as a clear message', async () => {
    const fetch = createFakeFetch({
      ...routes('owner', [member(), member({ id: 'user-2', name: '鈴木 花子', isYou: false })]),
      'DELETE /api/v1/team/members/user-2': () => problem(409, 'LAST_OWNER'),
    });
    const { user } = renderApp({ route: '/team', fetch });
    const row = await screen.findByTestId('member-user-2');
    await user.click(within(row).getByRole('button', { name: '削除' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '削除する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('オーナーが1人だけのため');
  });
});
