import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const REFRESH = 'POST /api/v1/auth/refresh';
const PREVIEW = 'POST /api/v1/inquiry-links/preview';
const MARK = 'POST /api/v1/inquiry-links/mark-handled';

const inquiry = {
  inquiryId: 'inq-1',
  receivedAt: '2026-11-25T01:00:00.000Z',
  callerName: '佐藤 花子',
  callerCompany: '株式会社サンプル',
  callbackRequired: true,
  urgent: true,
  status: 'unhandled',
  expiresAt: '2026-12-02T01:00:00.000Z',
};
const signedOut = () => problem(401, 'REFRESH_TOKEN_INVALID');

describe('the "mark handled" link page (R8.4)', () => {
  it('shows the call without changing it, and marks it handled only when the button is pressed', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: signedOut,
      [PREVIEW]: () => json(200, inquiry),
      [MARK]: () => json(200, { ...inquiry, status: 'handled', changed: true }),
    });
    const { user } = renderApp({ route: '/links/mark-handled#tok.sig', fetch });
    expect(await screen.findByText(/佐藤 花子/)).toBeInTheDocument();
    expect(screen.getByText(/株式会社サンプル/)).toBeInTheDocument();
    expect(screen.getByText('このリンクは 2026/12/02 10:00 まで、一度だけ使えます。')).toBeInTheDocument();
    expect(fetch.callsTo(MARK)).toHaveLength(0);
    expect(fetch.callsTo(PREVIEW)[0].body).toEqual({ token: 'tok.sig' });

    await user.click(screen.getByRole('button', { name: '対応済みにする' }));
    expect(await screen.findByText('対応済みにしました。このリンクはもう使えません。')).toBeInTheDocument();
    expect(fetch.callsTo(MARK)).toHaveLength(1);
    expect(fetch.callsTo(MARK)[0].body).toEqual({ token: 'tok.sig' });
    expect(screen.queryByRole('button', { name: '対応済みにする' })).not.toBeInTheDocument();
  });

  it.each([
    ['ACTION_LINK_USED', 409, 'このリンクは使用済みです'],
    ['ACTION_LINK_EXPIRED', 410, 'このリンクは有効期限が切れています'],
    ['ACTION_LINK_INVALID', 404, 'このリンクは無効です'],
  ])('says plainly when the link is %s, with no button', async (code, status, title) => {
    const fetch = createFakeFetch({
      [REFRESH]: signedOut,
      [PREVIEW]: () => problem(status, code),
    });
    renderApp({ route: '/links/mark-handled#tok.sig', fetch });
    expect(await screen.findByRole('heading', { name: title })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '対応済みにする' })).not.toBeInTheDocument();
  });

  it('treats a link without a token as invalid without asking the API', async () => {
    const fetch = createFakeFetch({ [REFRESH]: signedOut });
    renderApp({ route: '/links/mark-handled', fetch });
    expect(await screen.findByRole('heading', { name: 'このリンクは無効です' })).toBeInTheDocument();
    expect(fetch.callsTo(PREVIEW)).toHaveLength(0);
  });

  it('says the inquiry was already handled when someone else did it first', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: signedOut,
      [PREVIEW]: () => json(200, inquiry),
      [MARK]: () => json(200, { ...inquiry, status: 'handled', changed: false }),
    });
    const { user } = renderApp({ route: '/links/mark-handled#tok.sig', fetch });
    await user.click(await screen.findByRole('button', { name: '対応済みにする' }));
    expect(await screen.findByText('このお問い合わせはすでに対応済みです。')).toBeInTheDocument();
  });
});
