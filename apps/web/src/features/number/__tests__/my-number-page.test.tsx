import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const refresh = () => json(200, aSession(aCustomer({ account: anAccount({ state: 'active' }) })));

const issued = (usage: Record<string, unknown> | null = null) => ({
  e164: '+81312345678',
  display: '03-1234-5678',
  issuedAt: '2026-11-20T01:00:00.000Z',
  usage,
});

describe('ご利用番号 page', () => {
  it('before issue: explains when the number comes', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh,
      'GET /api/v1/number': () => problem(404, 'NUMBER_NOT_ISSUED'),
    });
    renderApp({ route: '/number', fetch });
    const pending = await screen.findByTestId('number-pending');
    expect(pending).toHaveTextContent('本人確認書類の承認とクレジットカードの登録');
    expect(pending).toHaveTextContent('1週間ほど');
    expect(screen.getByRole('heading', { level: 1, name: 'ご利用番号' })).toBeInTheDocument();
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
  });

  it('after issue: shows the number, the three ways, and saves method B with carrier and number', async () => {
    const saved = issued({
      method: 'B',
      carrier: 'NTT東日本',
      forwardedFrom: '+81612345678',
      forwardedFromDisplay: '06-1234-5678',
      updatedAt: '2026-11-21T01:00:00.000Z',
    });
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh,
      'GET /api/v1/number': () => json(200, issued()),
      'PUT /api/v1/number/usage': () => json(200, saved),
    });
    const { user } = renderApp({ route: '/number', fetch });

    expect(await screen.findByTestId('my-number')).toHaveTextContent('03-1234-5678');
    const guide = screen.getByTestId('usage-guide');
    expect(guide).toHaveTextContent('A. そのまま公開する');
    expect(guide).toHaveTextContent('B. いまお使いの電話を転送する');
    expect(guide).toHaveTextContent('C. フリーダイヤル・ナビダイヤルの着信先にする');
    expect(screen.getByTestId('current-usage')).toHaveTextContent('まだ登録されていません。');

    const form = screen.getByRole('form', { name: 'ご利用方法を登録する' });
    expect(within(form).queryByLabelText('ご契約の電話会社')).not.toBeInTheDocument();
    await user.click(within(form).getByLabelText('B. いまお使いの電話を転送する'));
    // required fields are checked before sending
    await user.click(within(form).getByRole('button', { name: '登録する' }));
    expect(within(form).getAllByText('入力してください。')).toHaveLength(2);
    expect(fetch.callsTo('PUT /api/v1/number/usage')).toHaveLength(0);

    await user.type(within(form).getByLabelText('ご契約の電話会社'), 'NTT東日本');
    await user.type(within(form).getByLabelText('転送元の電話番号'), '06-1234-5678');
    await user.click(within(form).getByRole('button', { name: '登録する' }));

    expect(await screen.findByText('ご利用方法を登録しました。')).toBeInTheDocument();
    expect(fetch.callsTo('PUT /api/v1/number/usage')[0].body).toEqual({
      method: 'B',
      carrier: 'NTT東日本',
      forwardedFrom: '06-1234-5678',
    });
    const current = screen.getByTestId('current-usage');
    expect(current).toHaveTextContent('NTT東日本');
    expect(current).toHaveTextContent('06-1234-5678');
  });

  it('shows the API field error for a number of the wrong kind', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh,
      'GET /api/v1/number': () => json(200, issued()),
      'PUT /api/v1/number/usage': () =>
        problem(422, 'VALIDATION_FAILED', {
          errors: [{ pointer: '/body/forwardedFrom', code: 'FORWARD_FROM_NOT_FREE_DIAL', message: 'x' }],
        }),
    });
    const { user } = renderApp({ route: '/number', fetch });
    const form = await screen.findByRole('form', { name: 'ご利用方法を登録する' });
    await user.click(within(form).getByLabelText('C. 0120・0570番号の着信先にする'));
    await user.type(within(form).getByLabelText('ご契約の電話会社'), 'KDDI');
    await user.type(within(form).getByLabelText('0120・0800・0570番号'), '06-1234-5678');
    await user.click(within(form).getByRole('button', { name: '登録する' }));
    expect(
      await within(form).findByText('Cの場合は、0120・0800・0570番号を入力してください。'),
    ).toBeInTheDocument();
    expect(within(form).getByRole('alert')).toHaveTextContent('入力内容に誤りがあります');
  });

  it('is linked from the dashboard', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh,
      'GET /api/v1/number': () => problem(404, 'NUMBER_NOT_ISSUED'),
    });
    const { user, router } = renderApp({ route: '/', fetch });
    await user.click(await screen.findByRole('link', { name: 'ご利用番号を見る' }));
    expect(router.state.location.pathname).toBe('/number');
    expect(await screen.findByTestId('number-pending')).toBeInTheDocument();
  });
});
