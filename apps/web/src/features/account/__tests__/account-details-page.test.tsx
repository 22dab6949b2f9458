import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const details = (overrides: Record<string, unknown> = {}) => ({
  ...anAccount(),
  contactPhone: '03-1234-5678',
  postalCode: '100-0005',
  address: '東京都千代田区丸の内1-1-1',
  notificationEmail: null,
  updatedAt: '2026-11-24T09:00:00.000Z',
  ...overrides,
});

const refresh =
  (role: 'owner' | 'member' = 'owner') =>
  () =>
    json(200, aSession(aCustomer({ role })));

describe('ご契約情報の変更 page', () => {
  it('prefills the form from the account and saves the changes', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh(),
      'GET /api/v1/account': () => json(200, details()),
      'PATCH /api/v1/account': () => json(200, details({ contactPhone: '090-1234-5678', address: null })),
    });
    const { user } = renderApp({ route: '/account', fetch });
    const form = await screen.findByRole('form', { name: 'ご契約情報' });
    expect(screen.getByRole('heading', { level: 1, name: 'ご契約情報の変更' })).toBeInTheDocument();
    expect(within(form).getByLabelText('ご担当者名')).toHaveValue('山田商事株式会社');
    expect(within(form).getByLabelText('会社名')).toHaveValue('山田商事株式会社');
    expect(within(form).getByLabelText('ご連絡先電話番号')).toHaveValue('03-1234-5678');
    expect(within(form).getByLabelText('郵便番号')).toHaveValue('100-0005');
    expect(within(form).getByLabelText('ご住所')).toHaveValue('東京都千代田区丸の内1-1-1');

    const phone = within(form).getByLabelText('ご連絡先電話番号');
    await user.clear(phone);
    await user.type(phone, '090-1234-5678');
    await user.clear(within(form).getByLabelText('ご住所'));
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));

    expect(await screen.findByText('ご契約情報を変更しました。')).toBeInTheDocument();
    expect(fetch.callsTo('PATCH /api/v1/account')[0].body).toEqual({
      name: '山田商事株式会社',
      companyName: '山田商事株式会社',
      contactPhone: '090-1234-5678',
      postalCode: '100-0005',
      address: null,
      notificationEmail: null,
    });
    expect(within(form).getByLabelText('ご連絡先電話番号')).toHaveValue('090-1234-5678');
  });

  it('an individual has no company name field and it is not sent', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh(),
      'GET /api/v1/account': () =>
        json(200, details({ type: 'individual', name: '山田 太郎', companyName: null })),
      'PATCH /api/v1/account': () => json(200, details({ type: 'individual', companyName: null })),
    });
    const { user } = renderApp({ route: '/account', fetch });
    const form = await screen.findByRole('form', { name: 'ご契約情報' });
    expect(within(form).queryByLabelText('会社名')).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));
    await screen.findByText('ご契約情報を変更しました。');
    expect(fetch.callsTo('PATCH /api/v1/account')[0].body).not.toHaveProperty('companyName');
  });

  it('shows a 422 field error on its field', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh(),
      'GET /api/v1/account': () => json(200, details()),
      'PATCH /api/v1/account': () =>
        problem(422, 'VALIDATION_FAILED', {
          errors: [{ pointer: '/body/contactPhone', code: 'PHONE_NUMBER_INVALID', message: 'x' }],
        }),
    });
    const { user } = renderApp({ route: '/account', fetch });
    const form = await screen.findByRole('form', { name: 'ご契約情報' });
    const phone = within(form).getByLabelText('ご連絡先電話番号');
    await user.clear(phone);
    await user.type(phone, '03-1234');
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));
    expect(
      await within(form).findByText('日本の電話番号を入力してください（例：03-1234-5678）。'),
    ).toBeInTheDocument();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('alert')).toHaveTextContent('入力内容に誤りがあります');
    expect(screen.queryByText('ご契約情報を変更しました。')).not.toBeInTheDocument();
  });

  it('checks required fields before sending', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh(),
      'GET /api/v1/account': () => json(200, details()),
    });
    const { user } = renderApp({ route: '/account', fetch });
    const form = await screen.findByRole('form', { name: 'ご契約情報' });
    await user.clear(within(form).getByLabelText('ご担当者名'));
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));
    expect(within(form).getByText('入力してください。')).toBeInTheDocument();
    expect(fetch.callsTo('PATCH /api/v1/account')).toHaveLength(0);
  });

  it('a member sees the details read-only with an explanation', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh('member'),
      'GET /api/v1/account': () => json(200, details({ address: null })),
    });
    renderApp({ route: '/account', fetch });
    expect(await screen.findByText(/契約者ご本人（オーナー）のみ/)).toBeInTheDocument();
    const view = screen.getByTestId('account-details');
    expect(view).toHaveTextContent('03-1234-5678');
    expect(view).toHaveTextContent('未登録');
    expect(screen.queryByRole('form')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '変更を保存する' })).not.toBeInTheDocument();
  });

  it('is linked from the dashboard account card', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh(),
      'GET /api/v1/account': () => json(200, details()),
      'GET /api/v1/number': () => problem(404, 'NUMBER_NOT_ISSUED'),
    });
    const { user, router } = renderApp({ route: '/', fetch });
    await user.click(await screen.findByRole('link', { name: '変更する' }));
    expect(router.state.location.pathname).toBe('/account');
    expect(await screen.findByRole('form', { name: 'ご契約情報' })).toBeInTheDocument();
  });

  it('R1.7: sets the notification e-mail, explaining where inquiry notifications go', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh(),
      'GET /api/v1/account': () => json(200, details()),
      'PATCH /api/v1/account': () => json(200, details({ notificationEmail: 'info@example.co.jp' })),
    });
    const { user } = renderApp({ route: '/account', fetch });
    const form = await screen.findByRole('form', { name: 'ご契約情報' });
    const email = within(form).getByLabelText('通知先メールアドレス');
    expect(email).toHaveValue('');
    expect(email).toHaveAccessibleDescription(
      /お問い合わせ（入電）の通知はこのアドレスに届きます。空欄のときは/,
    );

    await user.type(email, 'info@');
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));
    expect(
      within(form).getByText('メールアドレスの形式で入力してください（例：info@example.co.jp）。'),
    ).toBeInTheDocument();
    expect(fetch.callsTo('PATCH /api/v1/account')).toHaveLength(0);

    await user.type(email, 'example.co.jp');
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));
    expect(await screen.findByText('ご契約情報を変更しました。')).toBeInTheDocument();
    expect(fetch.callsTo('PATCH /api/v1/account')[0].body).toMatchObject({
      notificationEmail: 'info@example.co.jp',
    });
    expect(email).toHaveValue('info@example.co.jp');
  });

  it('R1.7: shows the API refusing the notification e-mail on its field', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh(),
      'GET /api/v1/account': () => json(200, details({ notificationEmail: 'old@example.jp' })),
      'PATCH /api/v1/account': () =>
        problem(422, 'VALIDATION_FAILED', {
          errors: [{ pointer: '/body/notificationEmail', code: 'IS_EMAIL', message: 'x' }],
        }),
    });
    const { user } = renderApp({ route: '/account', fetch });
    const form = await screen.findByRole('form', { name: 'ご契約情報' });
    const email = within(form).getByLabelText('通知先メールアドレス');
    expect(email).toHaveValue('old@example.jp');
    await user.click(within(form).getByRole('button', { name: '変更を保存する' }));
    expect(await within(form).findByText('メールアドレスの形式で入力してください。')).toBeInTheDocument();
    expect(email).toHaveAttribute('aria-invalid', 'true');
  });

  it('a member sees the notification e-mail, or where notifications go when it is not set', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': refresh('member'),
      'GET /api/v1/account': () => json(200, details()),
    });
    renderApp({ route: '/account', fetch });
    expect(await screen.findByTestId('account-details')).toHaveTextContent(
      '未設定（契約者のログイン用メールアドレスに届きます）',
    );
  });
});
