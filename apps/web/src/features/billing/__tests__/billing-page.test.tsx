import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem, type FakeRoutes } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import { aSubscription, aUsage, PLANS } from './billing-data';

const session =
  (role: 'owner' | 'member' = 'owner') =>
  () =>
    json(200, aSession(aCustomer({ role, account: anAccount({ state: 'active' }) })));

const calls = () =>
  json(200, {
    month: '2027-03',
    items: [
      {
        callId: 'call-3',
        receivedAt: '2027-03-26T02:00:00.000Z',
        answeredAt: '2027-03-26T02:00:04.000Z',
        callerNumberDisplay: '080-1111-2222',
        inquiryId: null,
        callerName: null,
      },
      {
        callId: 'call-2',
        receivedAt: '2027-03-25T01:30:00.000Z',
        answeredAt: '2027-03-25T01:30:05.000Z',
        callerNumberDisplay: '090-1234-5678',
        inquiryId: 'inq-2',
        callerName: '佐藤 花子',
      },
      {
        callId: 'call-1',
        receivedAt: '2027-03-02T00:05:00.000Z',
        answeredAt: '2027-03-02T00:05:05.000Z',
        callerNumberDisplay: null,
        inquiryId: 'inq-1',
        callerName: '田中 一郎',
      },
    ],
  });

function routes(extra: FakeRoutes = {}): FakeRoutes {
  return {
    'POST /api/v1/auth/refresh': session(),
    'GET /api/v1/billing/subscription': () => json(200, aSubscription()),
    'GET /api/v1/billing/usage': () => json(200, aUsage()),
    'GET /api/v1/billing/usage/calls': calls,
    ...extra,
  };
}

describe('ご請求・プラン page', () => {
  it('shows the plan, usage, options, card, the link to the billing list and the counted calls', async () => {
    renderApp({ route: '/billing', fetch: createFakeFetch(routes()) });

    expect(await screen.findByRole('heading', { level: 1, name: 'ご請求・プラン' })).toBeInTheDocument();
    const plan = await screen.findByTestId('current-plan');
    expect(plan).toHaveTextContent('スタンダード');
    expect(plan).toHaveTextContent('月額 5,500円（税込）・月40件まで・超過1件 176円（税込）');
    const meter = await screen.findByTestId('usage-meter');
    expect(meter).toHaveTextContent('45件 / 40件');
    expect(meter).toHaveTextContent('超過 5件 × 176円 = 880円');
    expect(meter).toHaveTextContent('今月のご請求見込み: 8,580円');
    expect(screen.getByTestId('taken-options')).toHaveTextContent('Q&A対応 月額 2,200円');
    expect(screen.getByTestId('available-options')).toHaveTextContent('住所貸し 月額 1,650円');
    expect(screen.getByTestId('card-summary')).toHaveTextContent('Visa •••• 4242（有効期限 08/29）');
    expect(screen.getByRole('link', { name: 'カードを変更する' })).toHaveAttribute('href', '/card');
    expect(screen.getByRole('link', { name: '請求一覧を見る' })).toHaveAttribute('href', '/billing/invoices');
    const list = await screen.findByTestId('counted-calls');
    const links = within(list).getAllByRole('link');
    expect(links[0]).toHaveAttribute('href', '/inquiries/inq-2');
    expect(links[0]).toHaveTextContent('佐藤 花子');
    // an answered call whose inquiry is not saved yet counts too, shown without a link
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent('080-1111-2222');
    expect(items[0]).toHaveTextContent('記録作成中');
    expect(within(items[0]).queryByRole('link')).toBeNull();
    expect(screen.getByRole('link', { name: 'ご請求・プラン' })).toHaveAttribute('href', '/billing'); // nav
  });

  it('states the month a plan change takes effect before confirming, and sends that month', async () => {
    const fetch = createFakeFetch(
      routes({
        'POST /api/v1/billing/plan-change': () =>
          json(
            201,
            aSubscription({
              pendingChange: {
                plan: PLANS.luxury,
                effectiveOn: '2027-05-01',
                requestedAt: '2027-03-26T01:00:00.000Z',
              },
            }),
          ),
        'DELETE /api/v1/billing/plan-change': () => json(200, aSubscription()),
      }),
    );
    const { user } = renderApp({ route: '/billing', fetch });

    await user.click(await screen.findByRole('button', { name: 'ラグジュアリーに変更する' }));
    const dialog = screen.getByRole('dialog', { name: 'プラン変更の確認' });
    expect(dialog).toHaveTextContent(
      'スタンダードからラグジュアリーへの変更は、2027年5月1日から適用されます（2027年5月分から）。',
    );
    expect(fetch.callsTo('POST /api/v1/billing/plan-change')).toHaveLength(0); // nothing sent before confirming
    await user.click(within(dialog).getByRole('button', { name: 'ラグジュアリーへの変更を申し込む' }));

    expect(await screen.findByTestId('pending-change')).toHaveTextContent(
      '2027年5月1日からラグジュアリーに変わります。',
    );
    expect(fetch.callsTo('POST /api/v1/billing/plan-change').map((c) => c.body)).toEqual([
      { planCode: 'luxury', effectiveMonth: '2027-05' },
    ]);
    await user.click(screen.getByRole('button', { name: 'プラン変更を取り消す' }));
    expect(await screen.findByRole('button', { name: 'ラグジュアリーに変更する' })).toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/billing/plan-change')).toHaveLength(1);
  });

  it('shows the refusal of a second pending change in Japanese', async () => {
    const fetch = createFakeFetch(
      routes({ 'POST /api/v1/billing/plan-change': () => problem(409, 'PLAN_CHANGE_PENDING') }),
    );
    const { user } = renderApp({ route: '/billing', fetch });
    await user.click(await screen.findByRole('button', { name: 'ラグジュアリーに変更する' }));
    await user.click(screen.getByRole('button', { name: 'ラグジュアリーへの変更を申し込む' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('プラン変更をすでに受け付けています');
  });

  it('states the end date of a cancellation before confirming, then offers to withdraw it', async () => {
    const scheduled = aSubscription({
      state: 'cancellation_scheduled',
      cancellation: { endsOn: '2027-04-30', requestedAt: '2027-03-26T01:00:00.000Z', channel: 'web' },
    });
    const fetch = createFakeFetch(
      routes({
        'POST /api/v1/billing/cancellation': () => json(201, scheduled),
        'DELETE /api/v1/billing/cancellation': () => json(200, aSubscription()),
      }),
    );
    const { user } = renderApp({ route: '/billing', fetch });

    await user.click(await screen.findByRole('button', { name: '解約を申し込む' }));
    const dialog = screen.getByRole('dialog', { name: '解約の確認' });
    expect(dialog).toHaveTextContent('ご契約は2027年4月30日で終了します。');
    expect(dialog).toHaveTextContent('最低利用期間（3か月）が終わる2027年4月30日より前には終了できません。');
    await user.click(within(dialog).getByRole('button', { name: '解約を申し込む' }));

    expect(await screen.findByTestId('cancellation')).toHaveTextContent(
      'ご契約は2027年4月30日で終了します。',
    );
    expect(fetch.callsTo('POST /api/v1/billing/cancellation').map((c) => c.body)).toEqual([
      { endsOn: '2027-04-30' },
    ]);
    // while it stands, plan and options cannot be changed
    expect(screen.queryByRole('button', { name: 'ラグジュアリーに変更する' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '住所貸しを追加する' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '解約を取り消す' }));
    expect(await screen.findByRole('button', { name: '解約を申し込む' })).toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/billing/cancellation')).toHaveLength(1);
  });

  it('states when an option starts and when a dropped one ends before confirming', async () => {
    const fetch = createFakeFetch(
      routes({
        'POST /api/v1/billing/options': () => json(201, aSubscription()),
        'DELETE /api/v1/billing/options/qa': () => json(200, aSubscription()),
      }),
    );
    const { user } = renderApp({ route: '/billing', fetch });

    await user.click(await screen.findByRole('button', { name: '住所貸しを追加する' }));
    const add = screen.getByRole('dialog', { name: 'オプションの追加' });
    expect(add).toHaveTextContent('住所貸しは2027年4月1日から開始し');
    await user.click(within(add).getByRole('button', { name: '追加を申し込む' }));
    expect(fetch.callsTo('POST /api/v1/billing/options').map((c) => c.body)).toEqual([
      { optionCode: 'rental_address' },
    ]);

    await user.click(await screen.findByRole('button', { name: '解約する' }));
    const drop = screen.getByRole('dialog', { name: '解約する' });
    expect(drop).toHaveTextContent('Q&A対応は2027年3月31日までご利用いただけ');
    await user.click(within(drop).getByRole('button', { name: 'オプションを解約する' }));
    expect(fetch.callsTo('DELETE /api/v1/billing/options/qa')).toHaveLength(1);
  });

  it('before the number is issued, the owner picks the plan the service starts with', async () => {
    const notStarted = aSubscription({
      state: 'not_started',
      serviceStartedOn: null,
      plan: null,
      options: [],
      dates: { ...aSubscription().dates, cancellationEndsOn: null, minimumTermEndsOn: null },
    });
    const fetch = createFakeFetch(
      routes({
        'GET /api/v1/billing/subscription': () => json(200, notStarted),
        'PUT /api/v1/billing/plan-choice': () => json(200, { ...notStarted, planChoice: 'luxury' }),
      }),
    );
    const { user } = renderApp({ route: '/billing', fetch });
    const choice = await screen.findByTestId('plan-choice');
    expect(within(choice).getByText('選択中')).toBeInTheDocument();
    await user.click(within(choice).getByRole('button', { name: 'ラグジュアリーにする' }));
    expect(await within(choice).findByRole('button', { name: 'スタンダードにする' })).toBeInTheDocument();
    expect(fetch.callsTo('PUT /api/v1/billing/plan-choice').map((c) => c.body)).toEqual([
      { planCode: 'luxury' },
    ]);
    expect(screen.queryByRole('button', { name: '解約を申し込む' })).not.toBeInTheDocument();
  });

  it('members read it all but cannot change anything', async () => {
    renderApp({
      route: '/billing',
      fetch: createFakeFetch(routes({ 'POST /api/v1/auth/refresh': session('member') })),
    });
    expect(await screen.findByTestId('current-plan')).toHaveTextContent('スタンダード');
    expect(
      screen.getByText('プランやオプションの変更、解約のお手続きは、アカウントのオーナーのみ行えます。'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'ラグジュアリーに変更する' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '解約を申し込む' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '住所貸しを追加する' })).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'カードを見る' })).toHaveAttribute('href', '/card');
  });
});

describe('usage meter', () => {
  it('suggests the other plan before the 25th, with the saving and the date it would start', async () => {
    renderApp({
      route: '/billing',
      fetch: createFakeFetch(
        routes({
          'GET /api/v1/billing/usage': () =>
            json(
              200,
              aUsage({
                suggestion: {
                  planCode: 'luxury',
                  name: PLANS.luxury.name,
                  months: ['2026-12', '2027-01', '2027-02'],
                  currentPlanTotal: 58740,
                  otherPlanTotal: 41580,
                  saving: 17160,
                  effectiveOn: '2027-04-01',
                },
              }),
            ),
        }),
      ),
    });
    expect(await screen.findByTestId('plan-suggestion')).toHaveTextContent(
      '過去3か月のご利用なら、ラグジュアリーのほうが17,160円お得でした。今申し込むと2027年4月1日から変更されます。',
    );
  });
});
