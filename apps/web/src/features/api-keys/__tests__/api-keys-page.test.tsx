import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aCustomer, aSession } from '../../../testing/data';
import { createFakeFetch, json, noContent } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const REFRESH = 'POST /api/v1/auth/refresh';
const LIST = 'GET /api/v1/api-keys';
const CREATE = 'POST /api/v1/api-keys';
const FULL_KEY = 'bc_live_ab12cd34_0123456789abcdefghijABCDEFGHIJ0123456789';

const aKey = (overrides: Record<string, unknown> = {}) => ({
  id: 'key-1',
  name: '会計連携',
  prefix: 'bc_live_ab12cd34',
  createdByName: '山田 太郎',
  createdAt: '2026-11-24T00:00:00.000Z',
  lastUsedAt: null,
  revokedAt: null,
  ...overrides,
});

describe('APIキー page', () => {
  it('shows a new key once, with a copy button and a warning; afterwards only its prefix', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession(aCustomer({ role: 'owner' }))),
      [LIST]: [() => json(200, { items: [] }), () => json(200, { items: [aKey()] })],
      [CREATE]: () => json(201, { ...aKey(), key: FULL_KEY }),
    });
    const { user } = renderApp({ route: '/api-keys', fetch });
    expect(await screen.findByText('APIキーはまだありません。')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'APIキーを作成' });
    await user.click(within(form).getByRole('button', { name: '作成する' }));
    expect(within(form).getByText('入力してください。')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('キーの名前（用途）'), ' 会計連携 ');
    await user.click(within(form).getByRole('button', { name: '作成する' }));

    expect(await screen.findByTestId('new-api-key')).toHaveTextContent(FULL_KEY);
    expect(screen.getByText(/このキーが表示されるのは今回だけです/)).toBeInTheDocument();
    expect(fetch.callsTo(CREATE)[0].body).toEqual({ name: '会計連携' });
    await user.click(screen.getByRole('button', { name: 'コピー' }));
    expect(await screen.findByText('コピーしました')).toBeInTheDocument();
    // user-event's clipboard stands in for the browser's
    expect(await navigator.clipboard.readText()).toBe(FULL_KEY);

    const list = await screen.findByRole('table', { name: 'APIキー一覧' });
    expect(within(list).getByText('bc_live_ab12cd34_…')).toBeInTheDocument();
    expect(within(list).queryByText(FULL_KEY)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '保管しました' }));
    expect(screen.queryByText(FULL_KEY)).not.toBeInTheDocument();
    expect(screen.getByRole('form', { name: 'APIキーを作成' })).toBeInTheDocument();
  });

  it('revokes a key after confirmation', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession(aCustomer({ role: 'owner' }))),
      [LIST]: [
        () => json(200, { items: [aKey()] }),
        () => json(200, { items: [aKey({ revokedAt: '2026-11-25T00:00:00.000Z' })] }),
      ],
      'DELETE /api/v1/api-keys/key-1': noContent,
    });
    const { user } = renderApp({ route: '/api-keys', fetch });
    const list = await screen.findByRole('table', { name: 'APIキー一覧' });
    expect(within(list).getByText('未使用')).toBeInTheDocument();
    await user.click(within(list).getByRole('button', { name: '無効にする' }));
    const dialog = screen.getByRole('dialog', { name: '無効にする' });
    expect(within(dialog).getByText(/「会計連携」を無効にしますか？/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '無効にする' }));
    expect(await screen.findByText('「会計連携」を無効にしました。')).toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/api-keys/key-1')).toHaveLength(1);
    await vi.waitFor(() =>
      expect(within(list).queryByRole('button', { name: '無効にする' })).not.toBeInTheDocument(),
    );
  });

  it('a member sees only that keys are for owners, and nothing is fetched', async () => {
    const fetch = createFakeFetch({ [REFRESH]: () => json(200, aSession(aCustomer({ role: 'member' }))) });
    renderApp({ route: '/api-keys', fetch });
    expect(await screen.findByText('APIキーの管理は、オーナーのみ行えます。')).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(fetch.callsTo(LIST)).toHaveLength(0);
  });
});
