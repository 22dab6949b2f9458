import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import { ACCOUNT, aRun, anInvoice } from './billing-kit';

const admin = () => json(200, aSession(aStaffMember({ role: 'admin', name: '管理 者' })));

describe('請求処理', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('lists runs with their progress and starts one for a month', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-05-01T00:10:00+09:00'));
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/billing-runs': [
        () => json(200, { items: [aRun()] }),
        () =>
          json(200, {
            items: [
              aRun({
                id: 'b8d2f3e4-5c6a-4b7f-9e0d-1c2b3d4e5f6a',
                period: '2026-05',
                status: 'running',
                accountsTotal: 4000,
                charged: 0,
                failed: 0,
                toCharge: 10,
                pricedAt: null,
                finishedAt: null,
              }),
              aRun(),
            ],
          }),
      ],
      'POST /api/v1/admin/billing-runs': () => json(202, aRun({ period: '2026-05', status: 'running' })),
    });
    const { user } = renderApp({ route: '/billing/runs', fetch });
    const table = await screen.findByRole('table', { name: '請求処理' });
    const row = within(table).getByTestId('run-a7c1e2d3-4b5f-4a6e-8d9c-0b1a2c3d4e5f');
    expect(row).toHaveTextContent('2026年4月');
    expect(row).toHaveTextContent('完了');
    expect(row).toHaveTextContent('100%');
    const form = screen.getByRole('form', { name: '請求処理を開始する' });
    // the month picker: a year and a month, in Japanese (2026年 / 5月)
    const period = within(form).getByRole('group', { name: '対象月' });
    await user.selectOptions(within(period).getByLabelText('対象月の年'), '2026');
    await user.selectOptions(within(period).getByLabelText('対象月の月'), '05');
    await user.click(within(form).getByRole('button', { name: 'この月の請求処理を開始' }));
    expect(await screen.findByText('2026年5月の請求処理を開始しました。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/billing-runs').map((c) => c.body)).toEqual([
      { period: '2026-05', kind: 'monthly' },
    ]);
    expect(await screen.findByText('実行中')).toBeInTheDocument();
    // still pricing (chunk by chunk): how far it got, not a percentage of a total not known yet
    const running = within(table).getByTestId('run-b8d2f3e4-5c6a-4b7f-9e0d-1c2b3d4e5f6a');
    expect(running).toHaveTextContent('料金計算中（4,000 件済み）');
    expect(running).not.toHaveTextContent('%');
  });

  it('offers only months that have begun (Japan time), and the second-day run from the 2nd', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    // 1 December 10:00 in Japan: December may be billed, January not; options' first month of
    // December not before the 2nd
    vi.setSystemTime(new Date('2026-12-01T10:00:00+09:00'));
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/billing-runs': () => json(200, { items: [aRun()] }),
      'POST /api/v1/admin/billing-runs': () => problem(422, 'BILLING_RUN_TOO_EARLY'),
    });
    const { user } = renderApp({ route: '/billing/runs', fetch });
    const form = await screen.findByRole('form', { name: '請求処理を開始する' });
    const period = within(form).getByRole('group', { name: '対象月' });
    const year = within(period).getByLabelText<HTMLSelectElement>('対象月の年');
    const month = within(period).getByLabelText<HTMLSelectElement>('対象月の月');
    const offered = (select: HTMLSelectElement) =>
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent);
    expect(`${year.value}-${month.value}`).toBe('2026-12');
    expect(offered(year)).toEqual(['2026年']);
    expect(offered(month)).toHaveLength(12);
    expect(offered(month).at(-1)).toBe('12月');

    await user.selectOptions(within(form).getByLabelText('種類'), 'second_day');
    expect(`${year.value}-${month.value}`).toBe('2026-11');
    expect(offered(year)).toEqual(['2025年', '2026年']);
    expect(offered(month)).not.toContain('12月');
    // the year before offers only December (twelve months back from November)
    await user.selectOptions(year, '2025');
    expect(offered(month)).toEqual(['12月']);
    await user.selectOptions(year, '2026');
    expect(`${year.value}-${month.value}`).toBe('2026-11');
    expect(within(form).getByText(/2日（日本時間）から実行できます/)).toBeInTheDocument();

    // a page left open past midnight still cannot bill early: the API's refusal is shown
    await user.click(within(form).getByRole('button', { name: 'この月の請求処理を開始' }));
    expect(await within(form).findByText(/この月はまだ請求できません/)).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/billing-runs').map((c) => c.body)).toEqual([
      { period: '2026-11', kind: 'second_day' },
    ]);
  });

  it("shows an account's declined invoice, retries it, and refuses a credit note larger than the invoice", async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      [`GET /api/v1/admin/accounts/${ACCOUNT}/invoices`]: [
        () => json(200, { items: [anInvoice()], paymentIssue: true }),
        () => json(200, { items: [anInvoice({ status: 'paid', nextAttemptAt: null })], paymentIssue: false }),
      ],
      'POST /api/v1/admin/invoices/c3d4e5f6-0a1b-4c2d-8e3f-4a5b6c7d8e9f/retry': () =>
        json(200, anInvoice({ status: 'paid' })),
      'POST /api/v1/admin/invoices/c3d4e5f6-0a1b-4c2d-8e3f-4a5b6c7d8e9f/credit-notes': () =>
        problem(422, 'CREDIT_NOTE_TOO_LARGE'),
    });
    const { user } = renderApp({ route: `/accounts/${ACCOUNT}/invoices`, fetch });
    expect(
      await screen.findByText('決済に失敗した請求があります。顧客に連絡するか、再決済してください。'),
    ).toBeInTheDocument();
    const card = screen.getByTestId('admin-invoice-BC-00000005');
    expect(card).toHaveTextContent('決済失敗・再試行予定');
    expect(card).toHaveTextContent('insufficient_funds');

    const form = within(card).getByRole('form', { name: 'BC-00000005 の返還請求書' });
    await user.type(within(form).getByLabelText('返還額（税込・円）'), '6000');
    await user.type(within(form).getByLabelText('理由'), '訂正');
    await user.click(within(form).getByRole('button', { name: '返還請求書を発行する' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent('返還額が請求の残額を超えています');

    await user.click(within(card).getByRole('button', { name: '今すぐ再決済する' }));
    expect(await screen.findByText('支払い済み')).toBeInTheDocument();
    expect(
      fetch.callsTo('POST /api/v1/admin/invoices/c3d4e5f6-0a1b-4c2d-8e3f-4a5b6c7d8e9f/retry'),
    ).toHaveLength(1);
  });
});
