import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession } from '../../../testing/data';
import { createFakeFetch, json, problem, type FakeRoutes } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import type { Catalogue } from '../api/get-catalogue';

const rates = (...values: number[]) =>
  ([28, 29, 30, 31] as const).map((daysInMonth, i) => ({ daysInMonth, dailyRate: values[i] }));

const CATALOGUE: Catalogue = {
  asOf: '2026-11-25',
  currency: 'JPY',
  plans: [
    {
      code: 'standard',
      name: { ja: 'スタンダード', en: 'Standard' },
      monthlyFee: 5500,
      includedCalls: 40,
      perCallFee: 176,
      perCallFeeTaxExcluded: 160,
      taxRatePercent: 10,
      effectiveFrom: '2026-01-01',
      dailyRates: rates(196, 189, 183, 177),
    },
    {
      code: 'luxury',
      name: { ja: 'ラグジュアリー', en: 'Luxury' },
      monthlyFee: 11000,
      includedCalls: 100,
      perCallFee: 143,
      perCallFeeTaxExcluded: 130,
      taxRatePercent: 10,
      effectiveFrom: '2026-01-01',
      dailyRates: rates(392, 379, 366, 354),
    },
  ],
  options: [
    {
      code: 'qa',
      name: { ja: 'Q&A', en: 'Q&A' },
      monthlyFee: 2200,
      taxRatePercent: 10,
      effectiveFrom: '2026-01-01',
    },
    {
      code: 'out_of_hours_announcement',
      name: { ja: '時間外アナウンス', en: 'Out-of-hours announcement' },
      monthlyFee: 1100,
      taxRatePercent: 10,
      effectiveFrom: '2026-01-01',
    },
    {
      code: 'rental_address',
      name: { ja: 'レンタルアドレス', en: 'Rental address' },
      monthlyFee: 1650,
      taxRatePercent: 10,
      effectiveFrom: '2026-01-01',
    },
  ],
  initialFee: {
    name: { ja: '初期費用', en: 'Initial fee' },
    amount: 5500,
    taxRatePercent: 10,
    effectiveFrom: '2026-01-01',
  },
  support: {
    phone: '0120-935-372',
    days: 'every_day',
    opensAt: '10:00',
    closesAt: '19:00',
    timeZone: 'Asia/Tokyo',
  },
};

/** A visitor without a session, and a public API. */
function visitorRoutes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'POST /api/v1/auth/refresh': () => problem(401, 'UNAUTHENTICATED'),
    'GET /api/v1/catalogue': () => json(200, CATALOGUE),
    'GET /api/v1/support': () => json(200, CATALOGUE.support),
    ...extra,
  };
}

const rowTexts = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent?.trim()));

describe('pricing page (料金)', () => {
  it('shows the plans, per-call fees, options, initial fee and the daily-rate table from the catalogue', async () => {
    const fetch = createFakeFetch(visitorRoutes());
    renderApp({ route: '/pricing', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: '料金' })).toBeInTheDocument();
    const standard = await screen.findByTestId('plan-standard');
    expect(standard).toHaveTextContent('5,500円／月');
    expect(standard).toHaveTextContent('40件まで');
    expect(standard).toHaveTextContent('176円（税抜 160円）');
    const luxury = screen.getByTestId('plan-luxury');
    expect(luxury).toHaveTextContent('11,000円／月');
    expect(luxury).toHaveTextContent('100件まで');
    expect(luxury).toHaveTextContent('143円（税抜 130円）');

    expect(rowTexts(screen.getByTestId('options')).slice(1)).toEqual([
      [expect.stringContaining('Q&A'), '2,200円／月'],
      [expect.stringContaining('時間外アナウンス'), '1,100円／月'],
      [expect.stringContaining('レンタルアドレス'), '1,650円／月'],
    ]);
    expect(screen.getByTestId('initial-fee')).toHaveTextContent('5,500円');

    const table = screen.getByRole('table', { name: '日割りの日額（税込）' });
    expect(rowTexts(table).slice(1)).toEqual([
      ['28日', '196円／日', '392円／日'],
      ['29日', '189円／日', '379円／日'],
      ['30日', '183円／日', '366円／日'],
      ['31日', '177円／日', '354円／日'],
    ]);
    expect(screen.getByText(/183円 × 10日 = 1,830円/)).toBeInTheDocument();
    expect(screen.getByText('2026年11月25日時点の料金です。')).toBeInTheDocument();

    expect(screen.getByRole('link', { name: '無料でアカウントを作成' })).toHaveAttribute('href', '/signup');
    expect(fetch.callsTo('GET /api/v1/catalogue')).toHaveLength(1);
    expect(fetch.unhandled).toEqual([]);
  });

  it('speaks English with the same figures', async () => {
    const fetch = createFakeFetch(visitorRoutes());
    renderApp({ route: '/pricing', fetch, language: 'en' });

    expect(await screen.findByTestId('plan-standard')).toHaveTextContent('¥5,500 / month');
    expect(screen.getByTestId('plan-standard')).toHaveTextContent('¥176 (¥160 before tax)');
    const table = screen.getByRole('table', { name: 'Daily rates (tax included)' });
    expect(rowTexts(table)[1]).toEqual(['28 days', '¥196 / day', '¥392 / day']);
    expect(screen.getByRole('link', { name: 'Create your account' })).toHaveAttribute('href', '/signup');
  });

  it('says so when the catalogue cannot be loaded, and tries again on request', async () => {
    const fetch = createFakeFetch(
      visitorRoutes({
        // a 4xx is an answer, not a glitch: the query client does not retry it
        'GET /api/v1/catalogue': [() => problem(429, 'RATE_LIMITED'), () => json(200, CATALOGUE)],
      }),
    );
    const { user } = renderApp({ route: '/pricing', fetch });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('料金を読み込めませんでした。');
    expect(alert).toHaveTextContent('リクエストが多すぎます');
    await user.click(within(alert).getByRole('button', { name: '再読み込み' }));
    expect(await screen.findByTestId('plan-standard')).toHaveTextContent('5,500円／月');
  });

  it('is open to a signed-in customer too, who is sent to the dashboard instead of sign-up', async () => {
    const fetch = createFakeFetch(
      visitorRoutes({ 'POST /api/v1/auth/refresh': () => json(200, aSession()) }),
    );
    renderApp({ route: '/pricing', fetch });

    expect(await screen.findByTestId('plan-standard')).toBeInTheDocument();
    expect(await screen.findByRole('link', { name: '管理画面へ' })).toHaveAttribute('href', '/');
    expect(screen.queryByRole('link', { name: '無料でアカウントを作成' })).not.toBeInTheDocument();
    // the header keeps the user menu and the language switch
    expect(screen.getByTestId('current-user')).toHaveTextContent('山田 太郎');
    expect(screen.getByRole('button', { name: 'ログアウト' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: '表示言語' })).toBeInTheDocument();
  });
});

describe('user guide (ご利用ガイド)', () => {
  it('explains the service, with the FAQ, the forwarding methods and the support line', async () => {
    const fetch = createFakeFetch(visitorRoutes());
    renderApp({ route: '/guide', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: 'ご利用ガイド' })).toBeInTheDocument();
    for (const title of [
      'お申し込みの流れ',
      '電話がかかってきたら',
      '電話番号の使い方',
      '応答メモ',
      'Chatworkへの通知',
      'ご契約とお支払い',
      'よくある質問',
    ]) {
      expect(screen.getByRole('heading', { level: 2, name: title })).toBeInTheDocument();
    }
    expect(screen.getByText('A. そのまま掲載する')).toBeInTheDocument();
    expect(screen.getByText('B. いまの番号から転送する')).toBeInTheDocument();
    expect(screen.getByText('C. 0120・0570番号に紐付ける')).toBeInTheDocument();
    expect(screen.getByText(/25日までにお申し出いただくと翌月1日から/)).toBeInTheDocument();

    const faq = screen.getByTestId('faq');
    expect(within(faq).getByText('営業電話や間違い電話も件数に入りますか？')).toBeInTheDocument();
    expect(within(faq).getByText('最低利用期間はありますか？')).toBeInTheDocument();
    expect(within(faq).getAllByRole('group').length).toBeGreaterThanOrEqual(10);

    const support = screen.getByTestId('support-contact');
    expect(support).toHaveTextContent('0120-935-372');
    expect(support).toHaveTextContent('毎日 10:00〜19:00');
    await waitFor(() => expect(fetch.callsTo('GET /api/v1/support')).toHaveLength(1));

    expect(screen.getByRole('link', { name: '無料でアカウントを作成' })).toHaveAttribute('href', '/signup');
    expect(fetch.unhandled).toEqual([]);
  });

  it('shows the support hours the API gives', async () => {
    const fetch = createFakeFetch(
      visitorRoutes({
        'GET /api/v1/support': () => json(200, { ...CATALOGUE.support, opensAt: '09:00', closesAt: '18:00' }),
      }),
    );
    renderApp({ route: '/guide', fetch });
    await waitFor(() => expect(screen.getByTestId('support-contact')).toHaveTextContent('毎日 09:00〜18:00'));
  });
});

describe('privacy policy and site navigation', () => {
  it('states how cards and identity documents are handled, and links to sign-up', async () => {
    const fetch = createFakeFetch(visitorRoutes());
    renderApp({ route: '/privacy', fetch });

    expect(
      await screen.findByRole('heading', { level: 1, name: 'プライバシーポリシー' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/PCI DSSに準拠した決済代行会社のみ/)).toBeInTheDocument();
    expect(screen.getByText(/閲覧はすべて記録し/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '無料でアカウントを作成' })).toHaveAttribute('href', '/signup');
  });

  it('links the public pages from the header and footer of every page, with the support line', async () => {
    const fetch = createFakeFetch(visitorRoutes());
    const { router, user } = renderApp({ route: '/login', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: 'ログイン' })).toBeInTheDocument();
    const header = screen.getByRole('navigation', { name: 'サービス案内' });
    const footer = screen.getByRole('navigation', { name: 'サイト情報' });
    expect(within(footer).getByRole('link', { name: 'プライバシーポリシー' })).toHaveAttribute(
      'href',
      '/privacy',
    );
    expect(screen.getByTestId('footer-support')).toHaveTextContent('0120-935-372');
    expect(screen.getByTestId('footer-support')).toHaveTextContent('毎日 10:00〜19:00');

    await user.click(within(header).getByRole('link', { name: '料金' }));
    expect(await screen.findByRole('heading', { level: 1, name: '料金' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/pricing');

    await user.click(within(header).getByRole('link', { name: 'ご利用ガイド' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'ご利用ガイド' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/guide');
  });
});
