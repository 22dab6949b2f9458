import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../../testing/render-app';
import { anInquiry } from '../../../../features/inquiries/__tests__/inquiry-data';

const activeOnboarding = () =>
  json(200, {
    state: 'active',
    complete: true,
    steps: ['email_confirmed', 'identity_documents', 'card_registered', 'number_issued'].map((key) => ({
      key,
      status: 'done',
      action: null,
      identityStatus: key === 'identity_documents' ? 'approved' : null,
      rejectionReason: null,
      number: key === 'number_issued' ? '03-1234-5678' : null,
      doneAt: null,
    })),
  });

const noInquiries = () => json(200, { items: [], nextCursor: null, hasMore: false });
const usage = () =>
  json(200, {
    month: '2026-11',
    today: '2026-11-20',
    planCode: 'standard',
    planName: { ja: 'スタンダード', en: 'Standard' },
    countedCalls: 12,
    includedCalls: 40,
    overageCalls: 0,
    perCallFee: 176,
    overageFee: 0,
    monthlyFee: 5500,
    optionsFee: 0,
    projectedBill: 5500,
    projectedCallsAtMonthEnd: 18,
    projectedBillAtMonthEnd: 5500,
    suggestion: null,
  });
const dashboardRoutes = { 'GET /api/v1/inquiries': noInquiries, 'GET /api/v1/billing/usage': usage };

describe('home (protected)', () => {
  it('redirects to log-in when the session cannot be refreshed, with a single refresh call', async () => {
    const fetch = createFakeFetch({ 'POST /api/v1/auth/refresh': () => problem(401, 'UNAUTHENTICATED') });
    const { router } = renderApp({ route: '/', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: 'ログイン' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.queryByText(/ようこそ/)).not.toBeInTheDocument();
    // StrictMode runs the start-up effect twice; a second refresh would reuse a rotated token.
    expect(fetch.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('restores the session from the refresh cookie and shows the dashboard', async () => {
    const fetch = createFakeFetch({
      ...dashboardRoutes,
      'GET /api/v1/account/onboarding': activeOnboarding,
      'POST /api/v1/auth/refresh': () =>
        json(
          200,
          aSession(
            aCustomer({
              account: anAccount({
                type: 'individual',
                name: '田中 一郎',
                companyName: null,
                state: 'active',
              }),
            }),
          ),
        ),
    });
    renderApp({ route: '/', fetch });

    expect(await screen.findByTestId('welcome')).toHaveTextContent('ようこそ、山田 太郎 さん');
    const summary = screen.getByTestId('account-summary');
    expect(summary).toHaveTextContent('田中 一郎');
    expect(summary).toHaveTextContent('個人');
    expect(summary).toHaveTextContent('ご利用中');
    expect(summary).not.toHaveTextContent('会社名');
    expect(fetch.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
  });

  it('sends a signed-in user away from the log-in page', async () => {
    const fetch = createFakeFetch({
      ...dashboardRoutes,
      'POST /api/v1/auth/refresh': () => json(200, aSession()),
      'GET /api/v1/account/onboarding': activeOnboarding,
    });
    const { router } = renderApp({ route: '/login', fetch });
    expect(await screen.findByRole('heading', { level: 1, name: 'ダッシュボード' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });

  it('shows an unknown account state with a translated fallback', async () => {
    const fetch = createFakeFetch({
      ...dashboardRoutes,
      'GET /api/v1/account/onboarding': activeOnboarding,
      'POST /api/v1/auth/refresh': () =>
        json(
          200,
          aSession(
            aCustomer({
              account: anAccount({ state: 'brand_new_state' }),
            }),
          ),
        ),
    });
    renderApp({ route: '/', fetch });
    expect(await screen.findByTestId('account-summary')).toHaveTextContent('確認中');
    expect(screen.queryByText('brand_new_state')).not.toBeInTheDocument();
  });

  it('puts the onboarding checklist at the top of the dashboard while the account is set up', async () => {
    const fetch = createFakeFetch({
      ...dashboardRoutes,
      'POST /api/v1/auth/refresh': () => json(200, aSession()),
      'GET /api/v1/account/onboarding': () =>
        json(200, {
          state: 'verifying',
          complete: false,
          steps: [
            { key: 'email_confirmed', status: 'done', action: null },
            { key: 'identity_documents', status: 'waiting', action: 'wait_for_review' },
            { key: 'card_registered', status: 'todo', action: 'register_card' },
            { key: 'number_issued', status: 'todo', action: 'complete_previous_steps' },
          ].map((s) => ({ identityStatus: null, rejectionReason: null, number: null, doneAt: null, ...s })),
        }),
    });
    renderApp({ route: '/', fetch });
    const checklist = await screen.findByTestId('onboarding-checklist');
    const summary = screen.getByTestId('account-summary');
    // the checklist comes before the rest of the dashboard
    expect(checklist.compareDocumentPosition(summary) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(fetch.callsTo('GET /api/v1/account/onboarding')).toHaveLength(1);
  });

  it('shows the newest unhandled inquiries only (urgent and call back flagged) and this month’s calls', async () => {
    const asked: URLSearchParams[] = [];
    const fetch = createFakeFetch({
      ...dashboardRoutes,
      'POST /api/v1/auth/refresh': () => json(200, aSession()),
      'GET /api/v1/account/onboarding': activeOnboarding,
      'GET /api/v1/inquiries': (request) => {
        asked.push(new URL(request.url).searchParams);
        return json(200, {
          items: [
            anInquiry({ id: 'a', callerName: '佐藤 花子', callerCompany: '株式会社サンプル', urgent: true }),
            anInquiry({ id: 'b', callerName: '鈴木 次郎', callerCompany: null, callbackRequired: true }),
          ],
          nextCursor: 'next',
          hasMore: true,
        });
      },
    });
    renderApp({ route: '/', fetch });
    const card = await screen.findByRole('region', { name: '未対応のお問い合わせ' });
    const list = await within(card).findByRole('list');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0]).getByRole('link', { name: '佐藤 花子（株式会社サンプル）' })).toHaveAttribute(
      'href',
      '/inquiries/a',
    );
    expect(items[0]).toHaveTextContent('急ぎ');
    expect(items[0]).toHaveTextContent('2026/11/25 10:30');
    expect(items[0]).not.toHaveTextContent('折り返し要');
    expect(within(items[1]).getByText('折り返し要')).toHaveClass('badge--callback');
    expect(within(card).getByRole('link', { name: 'すべてのお問い合わせを見る' })).toHaveAttribute(
      'href',
      '/inquiries',
    );
    expect(asked[0].get('status')).toBe('unhandled');
    expect(asked[0].get('limit')).toBe('5');
    const meter = await screen.findByTestId('usage-meter');
    expect(meter).toHaveTextContent('12件 / 40件');
    expect(meter).toHaveTextContent('今月のご請求見込み: 5,500円');
    expect(within(meter).getByRole('link', { name: 'ご請求・プランを見る' })).toHaveAttribute(
      'href',
      '/billing',
    );
  });

  it('says when nothing is unhandled', async () => {
    const fetch = createFakeFetch({
      ...dashboardRoutes,
      'POST /api/v1/auth/refresh': () => json(200, aSession()),
      'GET /api/v1/account/onboarding': activeOnboarding,
    });
    renderApp({ route: '/', fetch });
    expect(await screen.findByText('未対応のお問い合わせはありません。')).toBeInTheDocument();
  });
});
