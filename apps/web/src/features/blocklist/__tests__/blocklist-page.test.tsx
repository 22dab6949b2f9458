import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { aSession } from '../../../testing/data';
import { createFakeFetch, json, noContent, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const REFRESH = 'POST /api/v1/auth/refresh';
const LIST = 'GET /api/v1/blocklist';
const ADD = 'POST /api/v1/blocklist';

const aBlock = (overrides: Record<string, unknown> = {}) => ({
  id: 'block-1',
  e164: '+819012345678',
  display: '090-1234-5678',
  note: '営業電話',
  createdAt: '2026-11-24T01:00:00.000Z',
  ...overrides,
});

describe('着信拒否 page', () => {
  it('lists blocked numbers and adds one, checking the input first', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [LIST]: [() => json(200, { items: [] }), () => json(200, { items: [aBlock()] })],
      [ADD]: () => json(201, aBlock()),
    });
    const { user } = renderApp({ route: '/blocklist', fetch });
    expect(await screen.findByText('登録された番号はありません。')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: '番号を追加' });
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(within(form).getByText('電話番号を入力してください。')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('電話番号'), 'abc');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(within(form).getByText('日本の電話番号を入力してください。')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('メモ（任意）'), 'あ'.repeat(201));
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(within(form).getByText('メモは200文字以内で入力してください。')).toBeInTheDocument();
    expect(fetch.callsTo(ADD)).toHaveLength(0);

    await user.clear(within(form).getByLabelText('電話番号'));
    await user.type(within(form).getByLabelText('電話番号'), '090-1234-5678');
    await user.clear(within(form).getByLabelText('メモ（任意）'));
    await user.type(within(form).getByLabelText('メモ（任意）'), '営業電話');
    await user.click(within(form).getByRole('button', { name: '追加する' }));

    expect(await screen.findByText('090-1234-5678 を着信拒否に追加しました。')).toBeInTheDocument();
    expect(fetch.callsTo(ADD)[0].body).toEqual({ number: '090-1234-5678', note: '営業電話' });
    const table = await screen.findByRole('table', { name: '着信拒否の番号' });
    expect(within(table).getByText('090-1234-5678')).toBeInTheDocument();
    expect(within(table).getByText('営業電話')).toBeInTheDocument();
    expect(within(form).getByLabelText('電話番号')).toHaveValue('');
  });

  it('shows the API’s refusals: not a Japanese number, already blocked', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [LIST]: () => json(200, { items: [aBlock()] }),
      [ADD]: [
        () =>
          problem(422, 'VALIDATION_FAILED', {
            errors: [{ pointer: '/body/number', code: 'PHONE_NUMBER_INVALID', message: 'x' }],
          }),
        () => problem(409, 'CALLER_ALREADY_BLOCKED'),
      ],
    });
    const { user } = renderApp({ route: '/blocklist', fetch });
    await screen.findByRole('table', { name: '着信拒否の番号' });
    const form = screen.getByRole('form', { name: '番号を追加' });
    await user.type(within(form).getByLabelText('電話番号'), '1234567890');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(await within(form).findByText('日本の電話番号を入力してください。')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(
      await within(form).findByText('この番号はすでに着信拒否リストに登録されています。'),
    ).toBeInTheDocument();
  });

  it('removes a number', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [LIST]: [() => json(200, { items: [aBlock()] }), () => json(200, { items: [] })],
      'DELETE /api/v1/blocklist/block-1': noContent,
    });
    const { user } = renderApp({ route: '/blocklist', fetch });
    const table = await screen.findByRole('table', { name: '着信拒否の番号' });
    await user.click(within(table).getByRole('button', { name: '090-1234-5678 を削除' }));
    expect(await screen.findByText('090-1234-5678 を着信拒否から削除しました。')).toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/blocklist/block-1')).toHaveLength(1);
    await vi.waitFor(() => expect(screen.getByText('登録された番号はありません。')).toBeInTheDocument());
  });
});
