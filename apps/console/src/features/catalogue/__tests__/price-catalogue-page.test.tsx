import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const admin = () => json(200, aSession(aStaffMember({ role: 'admin', name: '管理 者' })));
const operator = () => json(200, aSession(aStaffMember({ role: 'operator' })));

const aRow = (overrides: Record<string, unknown> = {}) => ({
  id: 'p-1',
  itemCode: 'standard',
  itemKind: 'plan',
  effectiveFrom: '2026-01-01',
  amount: 5500,
  includedCalls: 40,
  perCallFee: 176,
  taxRatePercent: 10,
  status: 'current',
  createdBy: null,
  createdAt: '2025-12-01T00:00:00.000Z',
  ...overrides,
});
const scheduledStandard = aRow({
  id: 'p-2',
  effectiveFrom: '2027-04-01',
  amount: 6050,
  includedCalls: 50,
  perCallFee: 165,
  status: 'scheduled',
  createdBy: 'staff-1',
});
const qa = aRow({
  id: 'p-3',
  itemCode: 'qa',
  itemKind: 'option',
  amount: 2200,
  includedCalls: null,
  perCallFee: null,
});
const history = (items: unknown[]) => json(200, { today: '2026-11-25', items });

describe('料金表 page', () => {
  it('lists each item with its current price and its scheduled prices, read-only for operators', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/admin/catalogue/prices': () =>
        history([
          aRow({ id: 'p-0', effectiveFrom: '2025-01-01', amount: 5000, status: 'past' }),
          aRow(),
          scheduledStandard,
          qa,
        ]),
    });
    renderApp({ route: '/catalogue', fetch });

    const standard = await screen.findByTestId('prices-standard');
    expect(within(standard).getByTestId('current-standard')).toHaveTextContent('月額 5,500円（税込）');
    expect(within(standard).getByTestId('current-standard')).toHaveTextContent('40件');
    const rows = within(standard).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('過去');
    expect(rows[0]).toHaveTextContent('月額 5,000円（税込）');
    expect(rows[1]).toHaveTextContent('適用中');
    expect(rows[2]).toHaveTextContent('予定');
    expect(rows[2]).toHaveTextContent('月額 6,050円（税込）');
    expect(rows[2]).toHaveTextContent('165円（税込）');
    expect(screen.getByTestId('current-qa')).toHaveTextContent('月額 2,200円（税込）');

    expect(screen.getByText('料金の変更は管理者だけができます。')).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: '新しい料金を予約する' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: '料金表' })).toBeInTheDocument();
  });

  it('lets an admin schedule a plan price and shows it in the list', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/catalogue/prices': [
        () => history([aRow(), qa]),
        () => history([aRow(), scheduledStandard, qa]),
      ],
      'POST /api/v1/admin/catalogue/prices': () => json(201, scheduledStandard),
    });
    const { user } = renderApp({ route: '/catalogue', fetch });
    const form = await screen.findByRole('form', { name: '新しい料金を予約する' });
    expect(screen.queryByText('料金の変更は管理者だけができます。')).not.toBeInTheDocument();
    expect(within(form).getByLabelText('適用開始日')).toHaveAttribute('min', '2026-12-01');

    await user.selectOptions(within(form).getByLabelText('項目'), 'standard');
    await user.type(within(form).getByLabelText('適用開始日'), '2027-04-01');
    await user.type(within(form).getByLabelText('月額（円・税込）'), '6050');
    await user.type(within(form).getByLabelText('月に含まれる通話数（件）'), '50');
    await user.type(within(form).getByLabelText('超過1件あたりの料金（円・税込）'), '165');
    await user.click(within(form).getByRole('button', { name: '料金を予約する' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('スタンダード の');
    expect(fetch.callsTo('POST /api/v1/admin/catalogue/prices')[0].body).toEqual({
      itemCode: 'standard',
      effectiveFrom: '2027-04-01',
      amount: 6050,
      includedCalls: 50,
      perCallFee: 165,
      taxRatePercent: 10,
    });
    const standard = screen.getByTestId('prices-standard');
    expect(await within(standard).findByText('予定')).toBeInTheDocument();
    expect(standard).toHaveTextContent('月額 6,050円（税込）');
  });

  it('sends no plan-only fields for an option', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/catalogue/prices': () => history([aRow(), qa]),
      'POST /api/v1/admin/catalogue/prices': () =>
        json(201, { ...qa, id: 'p-9', effectiveFrom: '2027-01-01', amount: 2420, status: 'scheduled' }),
    });
    const { user } = renderApp({ route: '/catalogue', fetch });
    const form = await screen.findByRole('form', { name: '新しい料金を予約する' });
    await user.selectOptions(within(form).getByLabelText('項目'), 'qa');
    expect(within(form).queryByLabelText('月に含まれる通話数（件）')).not.toBeInTheDocument();
    await user.type(within(form).getByLabelText('適用開始日'), '2027-01-01');
    await user.type(within(form).getByLabelText('月額（円・税込）'), '2420');
    await user.click(within(form).getByRole('button', { name: '料金を予約する' }));
    await within(form).findByRole('status');
    expect(fetch.callsTo('POST /api/v1/admin/catalogue/prices')[0].body).toEqual({
      itemCode: 'qa',
      effectiveFrom: '2027-01-01',
      amount: 2420,
      taxRatePercent: 10,
    });
  });

  it('shows PRICE_NOT_IN_FUTURE on the date field', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      // The API's "today" may already be later than the page's (midnight in Japan).
      'GET /api/v1/admin/catalogue/prices': () => history([aRow(), qa]),
      'POST /api/v1/admin/catalogue/prices': () =>
        problem(422, 'PRICE_NOT_IN_FUTURE', {
          errors: [{ pointer: '/body/effectiveFrom', code: 'PRICE_NOT_IN_FUTURE', detail: 'x' }],
        }),
    });
    const { user } = renderApp({ route: '/catalogue', fetch });
    const form = await screen.findByRole('form', { name: '新しい料金を予約する' });
    await user.selectOptions(within(form).getByLabelText('項目'), 'qa');
    await user.type(within(form).getByLabelText('適用開始日'), '2026-12-01');
    await user.type(within(form).getByLabelText('月額（円・税込）'), '2420');
    await user.click(within(form).getByRole('button', { name: '料金を予約する' }));

    const date = await within(form).findByLabelText('適用開始日');
    await within(form).findByRole('alert');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAccessibleDescription(/料金は翌日以降の日付からしか設定できません。/);
  });

  it('refuses a day other than the 1st before asking the API (R2.4: one price a month)', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/catalogue/prices': () => history([aRow(), qa]),
    });
    const { user } = renderApp({ route: '/catalogue', fetch });
    const form = await screen.findByRole('form', { name: '新しい料金を予約する' });
    await user.selectOptions(within(form).getByLabelText('項目'), 'qa');
    await user.type(within(form).getByLabelText('適用開始日'), '2027-01-15');
    await user.type(within(form).getByLabelText('月額（円・税込）'), '2420');
    await user.click(within(form).getByRole('button', { name: '料金を予約する' }));
    const date = within(form).getByLabelText('適用開始日');
    expect(date).toHaveAttribute('aria-invalid', 'true');
    expect(date).toHaveAccessibleDescription(/料金は月の1日からしか変更できません。/);
    expect(fetch.callsTo('POST /api/v1/admin/catalogue/prices')).toHaveLength(0);
  });
});
