import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const session = (role: 'operator' | 'admin') => () => json(200, aSession(aStaffMember({ role })));

const entry = (id: number, kind: string, detail: Record<string, unknown> = {}, actor = {}) => ({
  id: String(id),
  kind,
  occurredAt: `2026-11-${String(10 + id).padStart(2, '0')}T01:00:00.000Z`,
  actorKind: 'staff',
  actorName: '佐藤 花子',
  detail,
  ...actor,
});

const anAccount = (overrides: Record<string, unknown> = {}) => ({
  id: 'acc-1',
  type: 'corporation',
  name: '山田 太郎',
  companyName: '株式会社サンプル',
  state: 'ready_for_number',
  contactPhone: '03-1111-2222',
  postalCode: '100-0005',
  address: '東京都千代田区丸の内1-1-1',
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-02T00:00:00.000Z',
  facts: {
    identityStatus: 'approved',
    identityRejectionReason: null,
    cardRegisteredAt: '2026-11-03T00:00:00.000Z',
    phoneNumber: null,
    phoneNumberDisplay: null,
    noticePostalCode: null,
    noticeAddress: null,
    noticePostedAt: null,
    notificationEmail: null,
  },
  users: [
    {
      id: 'u-1',
      name: '山田 太郎',
      email: 'taro@example.jp',
      role: 'owner',
      emailConfirmed: true,
      emailConfirmedAt: '2026-11-01T00:10:00.000Z',
      lastLoginAt: null,
      createdAt: '2026-11-01T00:00:00.000Z',
    },
  ],
  history: [
    entry(1, 'account.created', { type: 'corporation' }, { actorKind: 'customer', actorName: '山田 太郎' }),
  ],
  ...overrides,
});

const noCard = () => problem(404, 'CARD_NOT_REGISTERED');
const DATES = {
  planChangeEffectiveOn: '2026-12-01',
  cancellationEndsOn: null,
  minimumTermEndsOn: null,
  optionStartsOn: '2026-12-01',
  optionDropEndsOn: '2026-11-30',
};
const notStarted = () =>
  json(200, {
    today: '2026-11-20',
    state: 'not_started',
    planChoice: 'standard',
    plans: [],
    options: [],
    pendingChange: null,
    cancellations: [],
    dates: DATES,
  });

const freeNumbers = {
  items: [
    {
      id: 'n-1',
      e164: '+81312345678',
      display: '03-1234-5678',
      state: 'free',
      accountId: null,
      assignedAt: null,
      quarantinedUntil: null,
      createdAt: '2026-11-20T00:00:00.000Z',
    },
    {
      id: 'n-2',
      e164: '+81312345679',
      display: '03-1234-5679',
      state: 'free',
      accountId: null,
      assignedAt: null,
      quarantinedUntil: null,
      createdAt: '2026-11-20T00:00:00.000Z',
    },
  ],
  nextCursor: null,
  counts: { free: 2, assigned: 0, quarantined: 0, total: 2 },
};
const issued = (numberId: string, display: string) =>
  json(201, {
    accountId: 'acc-1',
    numberId,
    e164: '+81312345679',
    display,
    issuedAt: '2026-11-25T00:00:00.000Z',
  });

describe('account page', () => {
  it('shows the details, the checklist, the users and the links', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('operator'),
      'GET /api/v1/admin/accounts/acc-1/subscription': notStarted,
      'GET /api/v1/admin/accounts/acc-1/card': () =>
        json(200, {
          brand: 'visa',
          brandName: 'Visa',
          last4: '4242',
          expMonth: 3,
          expYear: 2030,
          expired: false,
          registeredAt: '2026-11-03T00:00:00.000Z',
          updatedAt: '2026-11-03T00:00:00.000Z',
        }),
      'GET /api/v1/admin/accounts/acc-1': () =>
        json(
          200,
          anAccount({
            state: 'applied',
            facts: {
              ...anAccount().facts,
              identityStatus: 'rejected',
              identityRejectionReason: '画像が不鮮明です',
              cardRegisteredAt: null,
              notificationEmail: 'info@example.jp',
            },
          }),
        ),
    });
    renderApp({ route: '/accounts/acc-1', fetch });
    expect(
      await screen.findByRole('heading', { level: 1, name: '株式会社サンプル（山田 太郎）' }),
    ).toBeInTheDocument();
    const details = screen.getByTestId('account-details');
    expect(details).toHaveTextContent('法人');
    expect(details).toHaveTextContent('申込受付済み');
    expect(details).toHaveTextContent('〒100-0005 東京都千代田区丸の内1-1-1');
    expect(screen.getByTestId('fact-identity')).toHaveTextContent('差し戻し');
    expect(screen.getByTestId('rejection-reason')).toHaveTextContent('差し戻しの理由：画像が不鮮明です');
    expect(screen.getByTestId('fact-card')).toHaveTextContent('未登録');
    expect(screen.getByTestId('fact-number')).toHaveTextContent('未発行');
    expect(screen.getByTestId('fact-notice')).toHaveTextContent('未発送');
    expect(screen.getByTestId('fact-notification-email')).toHaveTextContent('info@example.jp');
    const users = screen.getByTestId('account-users');
    expect(users).toHaveTextContent('taro@example.jp');
    expect(users).toHaveTextContent('オーナー');
    expect(users).toHaveTextContent('確認済み');
    expect(await screen.findByTestId('account-card')).toHaveTextContent('Visa •••• 4242有効期限 03/2030');
    expect(screen.getByRole('link', { name: '本人確認書類' })).toHaveAttribute(
      'href',
      '/verification/accounts/acc-1',
    );
    expect(screen.getByRole('link', { name: '顧客検索に戻る' })).toHaveAttribute('href', '/accounts');
  });

  it('labels each kind of history entry, newest first; unknown kinds raw', async () => {
    const history = [
      entry(17, 'something.new', { x: 1 }, { actorKind: 'system', actorName: null }),
      entry(16, 'api_key.revoked', { name: '連携用', prefix: 'bc_live_ab12' }),
      entry(15, 'api_key.created', { name: '連携用', prefix: 'bc_live_ab12' }, { actorKind: 'customer' }),
      entry(14, 'member.role_changed', { name: '鈴木', from: 'member', to: 'owner' }),
      entry(13, 'member.removed', { name: '田中', email: 'tanaka@example.jp' }),
      entry(12, 'member.joined', { name: '鈴木', email: 'suzuki@example.jp' }),
      entry(11, 'member.invited', { email: 'suzuki@example.jp', role: 'member' }),
      entry(10, 'card.changed', { brand: 'visa', last4: '4242' }),
      entry(9, 'card.registered', {}),
      entry(8, 'notice_address.changed', {
        usesDocumentAddress: false,
        postalCode: '150-0001',
        address: '東京都渋谷区',
      }),
      entry(7, 'notice.posted', { to: 'document_address' }),
      entry(6, 'number.issued', { number: '+81312345678' }),
      entry(5, 'state.changed', { from: 'ready_for_number', to: 'active' }),
      entry(4, 'document.approved', { documentId: 'd-2', kind: 'passport' }),
      entry(3, 'document.rejected', { documentId: 'd-1', kind: 'drivers_licence', reason: '有効期限切れ' }),
      entry(2, 'document.attached', { documentId: 'd-3', kind: 'brand_new_kind', source: 'fax' }),
      entry(1, 'document.uploaded', {}),
      entry(0, 'account.created', { type: 'corporation' }, { actorKind: 'customer', actorName: '山田 太郎' }),
    ];
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('operator'),
      'GET /api/v1/admin/accounts/acc-1/subscription': notStarted,
      'GET /api/v1/admin/accounts/acc-1/card': noCard,
      'GET /api/v1/admin/accounts/acc-1': () => json(200, anAccount({ state: 'active', history })),
    });
    renderApp({ route: '/accounts/acc-1', fetch });
    const list = await screen.findByTestId('account-history');
    expect(await screen.findByTestId('account-card')).toHaveTextContent('未登録');
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(history.length);
    const text = items.map((i) => i.textContent);
    expect(text[0]).toContain('something.new');
    expect(text[0]).toContain('操作：システム');
    expect(text[1]).toContain('APIキーの無効化 連携用 · bc_live_ab12');
    expect(text[2]).toContain('APIキーの発行');
    expect(text[2]).toContain('操作：お客様（佐藤 花子）');
    expect(text[3]).toContain('メンバーの権限変更 鈴木 · メンバー → オーナー');
    expect(text[4]).toContain('メンバーの削除 田中');
    expect(text[5]).toContain('メンバーの参加 鈴木');
    expect(text[6]).toContain('メンバーの招待 suzuki@example.jp · メンバー');
    expect(text[7]).toContain('クレジットカードの変更 visa •••• 4242');
    expect(text[8]).toContain('クレジットカードの登録');
    expect(text[9]).toContain('通知書送付先の変更 送付先：150-0001 東京都渋谷区');
    expect(text[10]).toContain('取引条件通知書の発送 送付先：本人確認書類の住所');
    expect(text[11]).toContain('電話番号の発行 03-1234-5678');
    expect(text[12]).toContain('状態の変更 番号発行準備中 → ご利用中');
    expect(text[12]).toContain('操作：スタッフ（佐藤 花子）');
    expect(text[13]).toContain('本人確認書類の承認 パスポート');
    expect(text[14]).toContain('本人確認書類の差し戻し 運転免許証 · 理由：有効期限切れ');
    expect(text[15]).toContain('本人確認書類の登録（FAX・郵送） brand_new_kind');
    expect(text[16]).toContain('本人確認書類の提出');
    expect(text[17]).toContain('お申込み（アカウント作成） 法人');
  });

  it('labels the billing entries: plan, options, cancellation, payments, credit notes, the number released', async () => {
    const history = [
      entry(9, 'number.released', { number: '+81312345678', quarantinedUntil: '2027-06-30T15:00:00.000Z' }),
      entry(8, 'invoice.credit_note_issued', { amount: 1100, reason: '二重請求' }),
      entry(7, 'invoice.payment_failed', { number: 'BC-00000012', attempt: 2, failureCode: 'card_declined' }),
      entry(6, 'subscription.cancellation_withdrawn', { endsOn: '2027-03-31' }),
      entry(5, 'subscription.cancellation_requested', { endsOn: '2027-03-31', channel: 'web' }),
      entry(4, 'subscription.option_dropped', { optionCode: 'qa', endsOn: '2027-02-28' }),
      entry(3, 'subscription.option_added', { optionCode: 'qa', startsOn: '2027-01-01' }),
      entry(2, 'subscription.plan_change_withdrawn', { planCode: 'luxury', effectiveOn: '2027-01-01' }),
      entry(1, 'subscription.plan_change_requested', {
        from: 'standard',
        to: 'luxury',
        effectiveOn: '2027-01-01',
      }),
      entry(0, 'subscription.plan_chosen', { planCode: 'standard' }),
    ];
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('operator'),
      'GET /api/v1/admin/accounts/acc-1/subscription': notStarted,
      'GET /api/v1/admin/accounts/acc-1/card': noCard,
      'GET /api/v1/admin/accounts/acc-1': () => json(200, anAccount({ state: 'cancelled', history })),
    });
    renderApp({ route: '/accounts/acc-1', fetch });
    const list = await screen.findByTestId('account-history');
    const text = within(list)
      .getAllByRole('listitem')
      .map((i) => i.textContent);
    expect(text[0]).toContain('電話番号の返却（保留期間へ） 03-1234-5678 · 2027-06-30 まで');
    expect(text[1]).toContain('返金伝票（クレジットノート）の発行 ¥1,100 · 理由：二重請求');
    expect(text[2]).toContain('お支払いの失敗 BC-00000012 · 2 回目 · card_declined');
    expect(text[3]).toContain('解約の取消し 2027-03-31 まで');
    expect(text[4]).toContain('解約の申込み 2027-03-31 まで');
    expect(text[5]).toContain('オプションの解除 qa · 2027-02-28 まで');
    expect(text[6]).toContain('オプションの追加 qa · 2027-01-01 から');
    expect(text[7]).toContain('プラン変更の取消し luxury · 2027-01-01 から');
    expect(text[8]).toContain('プラン変更の申込み standard → luxury · 2027-01-01 から');
    expect(text[9]).toContain('プランの選択 standard');
    expect(text.join('')).not.toContain('subscription.');
  });

  it('labels the history in English too', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('operator'),
      'GET /api/v1/admin/accounts/acc-1/subscription': notStarted,
      'GET /api/v1/admin/accounts/acc-1/card': noCard,
      'GET /api/v1/admin/accounts/acc-1': () =>
        json(
          200,
          anAccount({ history: [entry(5, 'state.changed', { from: 'ready_for_number', to: 'active' })] }),
        ),
    });
    renderApp({ route: '/accounts/acc-1', fetch, language: 'en' });
    expect(await screen.findByTestId('account-history')).toHaveTextContent(
      'State changed Number being prepared → Active',
    );
  });

  it('offers no issue action to operators, nor to admins when the account is not ready', async () => {
    const operatorFetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('operator'),
      'GET /api/v1/admin/accounts/acc-1/subscription': notStarted,
      'GET /api/v1/admin/accounts/acc-1/card': noCard,
      'GET /api/v1/admin/accounts/acc-1': () => json(200, anAccount()),
    });
    const first = renderApp({ route: '/accounts/acc-1', fetch: operatorFetch });
    await screen.findByTestId('account-details');
    expect(screen.queryByRole('button', { name: '番号を発行' })).not.toBeInTheDocument();
    first.unmount();

    const adminFetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('admin'),
      'GET /api/v1/admin/accounts/acc-1/subscription': notStarted,
      'GET /api/v1/admin/accounts/acc-1/card': noCard,
      'GET /api/v1/admin/accounts/acc-1': () => json(200, anAccount({ state: 'verifying' })),
    });
    renderApp({ route: '/accounts/acc-1', fetch: adminFetch });
    await screen.findByTestId('account-details');
    expect(screen.queryByRole('button', { name: '番号を発行' })).not.toBeInTheDocument();
  });

  it('lets an admin issue the next free number; the page then shows the new state', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('admin'),
      'GET /api/v1/admin/accounts/acc-1/subscription': notStarted,
      'GET /api/v1/admin/accounts/acc-1/card': noCard,
      'GET /api/v1/admin/accounts/acc-1': [
        () => json(200, anAccount()),
        () =>
          json(
            200,
            anAccount({
              state: 'active',
              history: [
                entry(3, 'state.changed', { from: 'ready_for_number', to: 'active' }),
                entry(2, 'number.issued', { number: '+81312345678' }),
              ],
            }),
          ),
      ],
      'GET /api/v1/admin/numbers': () => json(200, freeNumbers),
      'POST /api/v1/admin/accounts/acc-1/number': () => issued('n-1', '03-1234-5678'),
    });
    const { user } = renderApp({ route: '/accounts/acc-1', fetch });
    await user.click(await screen.findByRole('button', { name: '番号を発行' }));
    const form = screen.getByRole('form', { name: '株式会社サンプル さんに番号を発行' });
    expect(await within(form).findByText(/03-1234-5678/)).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: '発行する' }));

    expect(
      await screen.findByText('03-1234-5678 を発行しました。アカウントはご利用中になりました。'),
    ).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/accounts/acc-1/number')[0].body).toEqual({});
    expect(await screen.findByTestId('account-state')).toHaveTextContent('ご利用中');
    expect(screen.getByTestId('account-history')).toHaveTextContent('電話番号の発行 03-1234-5678');
    expect(screen.queryByRole('button', { name: '番号を発行' })).not.toBeInTheDocument();
  });

  it('lets an admin issue a chosen free number, and says when it is no longer free', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('admin'),
      'GET /api/v1/admin/accounts/acc-1/subscription': notStarted,
      'GET /api/v1/admin/accounts/acc-1/card': noCard,
      'GET /api/v1/admin/accounts/acc-1': () => json(200, anAccount()),
      'GET /api/v1/admin/numbers': () => json(200, freeNumbers),
      'POST /api/v1/admin/accounts/acc-1/number': [
        () => problem(409, 'NUMBER_NOT_AVAILABLE'),
        () => issued('n-2', '03-1234-5679'),
      ],
    });
    const { user } = renderApp({ route: '/accounts/acc-1', fetch });
    await user.click(await screen.findByRole('button', { name: '番号を発行' }));
    const form = screen.getByRole('form', { name: '株式会社サンプル さんに番号を発行' });
    await user.click(within(form).getByLabelText('空き番号から選ぶ'));
    await user.click(within(form).getByRole('button', { name: '発行する' }));
    expect(within(form).getByText('番号を選んでください。')).toBeInTheDocument();
    await within(form).findByRole('option', { name: '03-1234-5679' });
    await user.selectOptions(within(form).getByLabelText('番号'), 'n-2');
    await user.click(within(form).getByRole('button', { name: '発行する' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'その番号は空いていません。別の番号を選んでください。',
    );
    await user.click(within(form).getByRole('button', { name: '発行する' }));
    expect(await screen.findByText(/03-1234-5679 を発行しました/)).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/accounts/acc-1/number')[1].body).toEqual({ numberId: 'n-2' });
  });

  it('says when the account does not exist', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('operator'),
      'GET /api/v1/admin/accounts/nope': () => problem(404, 'NOT_FOUND'),
    });
    renderApp({ route: '/accounts/nope', fetch });
    expect(
      await screen.findByRole('heading', { level: 1, name: 'このお客様は見つかりません。' }),
    ).toBeInTheDocument();
  });
});

describe('a cancellation asked by phone (R2.6)', () => {
  const active = (cancellations: unknown[] = []) =>
    json(200, {
      today: '2026-11-20',
      state: 'active',
      planChoice: 'standard',
      plans: [{ id: 'p-1', planCode: 'standard', startsOn: '2026-11-01', endsOn: null }],
      options: [],
      pendingChange: null,
      cancellations,
      dates: { ...DATES, cancellationEndsOn: '2026-12-31' },
    });

  it('is recorded by an admin after confirming in a dialog, with an optional note', async () => {
    let recorded = false;
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': session('admin'),
      'GET /api/v1/admin/accounts/acc-1/subscription': () => active(),
      'GET /api/v1/admin/accounts/acc-1/card': noCard,
      'GET /api/v1/admin/accounts/acc-1': () => json(200, anAccount({ state: 'active' })),
      'POST /api/v1/admin/accounts/acc-1/subscription/cancellation': () => {
        recorded = true;
        return active([
          {
            id: 'c-1',
            channel: 'phone',
            endsOn: '2026-12-31',
            askedAt: '2026-11-20T01:00:00.000Z',
            withdrawnAt: null,
            note: '折り返しで確認済み',
          },
        ]);
      },
    });
    const { user } = renderApp({ route: '/accounts/acc-1', fetch });
    const history = await screen.findByRole('table', { name: 'プランの履歴' });
    expect(within(history).getByText('継続中')).toBeInTheDocument();

    await user.click(await screen.findByRole('button', { name: '電話での解約を記録する' }));
    let dialog = screen.getByRole('dialog', { name: '電話での解約を記録する' });
    expect(dialog).toHaveTextContent('2026-12-31で終了します');
    await user.click(within(dialog).getByRole('button', { name: 'やめる' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(recorded).toBe(false);

    await user.click(screen.getByRole('button', { name: '電話での解約を記録する' }));
    dialog = screen.getByRole('dialog', { name: '電話での解約を記録する' });
    await user.type(within(dialog).getByLabelText('メモ（スタッフのみ）'), '折り返しで確認済み');
    await user.click(within(dialog).getByRole('button', { name: '解約を記録する' }));
    expect(await screen.findByText('電話での解約を記録しました。')).toBeInTheDocument();
    expect(
      fetch.callsTo('POST /api/v1/admin/accounts/acc-1/subscription/cancellation').map((c) => c.body),
    ).toEqual([{ endsOn: '2026-12-31', note: '折り返しで確認済み' }]);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});
