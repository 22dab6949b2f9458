import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const refresh = () => json(200, aSession(aCustomer({ account: anAccount({ state: 'active' }) })));

const MEMO = { basicInfo: '株式会社テレフォン', businessHours: '平日 9:00〜18:00', freeText: '' };
const version = (overrides: Record<string, unknown> = {}) => ({
  id: 'v-1',
  kind: 'memo',
  status: 'approved',
  memo: MEMO,
  qa: null,
  announcement: null,
  liveFrom: null,
  liveUntil: null,
  submittedAt: '2026-12-01T01:00:00.000Z',
  submittedByName: '山田 太郎',
  decidedAt: '2026-12-01T02:00:00.000Z',
  decidedByName: '審査 花子',
  rejectReason: null,
  refiledFrom: null,
  ...overrides,
});
const quota = (used = 1) => ({
  month: '2026-12',
  used,
  limit: 4,
  remaining: 4 - used,
  nextAllowedDate: used >= 4 ? '2027-01-01' : '2026-12-01',
});
const kind = (k: string, overrides: Record<string, unknown> = {}) => ({
  kind: k,
  available: k === 'memo',
  live: null,
  pending: null,
  rejected: null,
  scheduled: [],
  quota: quota(0),
  ...overrides,
});
const overview = (overrides: Record<string, unknown> = {}) => ({
  memo: kind('memo'),
  qa: kind('qa'),
  announcement: kind('announcement'),
  defaultAnnouncement:
    'お電話ありがとうございます。只今営業時間外の為、営業時間内におかけ直し頂くようお願い致します',
  serverTime: '2026-12-01T03:00:00.000Z',
  ...overrides,
});
const catalogue = {
  asOf: '2026-12-01',
  plans: [],
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
      name: { ja: '時間外', en: 'Out of hours' },
      monthlyFee: 1100,
      taxRatePercent: 10,
      effectiveFrom: '2026-01-01',
    },
  ],
  initialFee: null,
  support: {},
};

function setUp(body: unknown, routes: Parameters<typeof createFakeFetch>[0] = {}) {
  const fetch = createFakeFetch({
    'POST /api/v1/auth/refresh': refresh,
    'GET /api/v1/memos': () => json(200, body),
    'GET /api/v1/catalogue': () => json(200, catalogue),
    ...routes,
  });
  return { fetch, ...renderApp({ route: '/memo', fetch }) };
}

describe('応答メモ page (R5)', () => {
  it('shows the live and the pending version side by side, the no-guarantee notice and the quota', async () => {
    setUp(
      overview({
        memo: kind('memo', {
          live: version(),
          pending: version({
            id: 'v-2',
            status: 'pending',
            memo: { ...MEMO, freeText: '新しい内容' },
            decidedAt: null,
            decidedByName: null,
          }),
          quota: quota(2),
        }),
      }),
    );
    expect(await screen.findByRole('heading', { level: 1, name: '応答メモ' })).toBeInTheDocument();
    expect(screen.getByText(/保証するものではありません/)).toBeInTheDocument();
    const live = await screen.findByTestId('memo-live');
    expect(live).toHaveTextContent('株式会社テレフォン');
    expect(live).toHaveTextContent('審査 花子');
    expect(screen.getByTestId('memo-pending')).toHaveTextContent('新しい内容');
    expect(screen.getAllByTestId('quota')[0]).toHaveTextContent('今月の申請：2 / 4 回');
    expect(screen.getAllByTestId('quota')[0]).toHaveTextContent(
      '取り下げた申請や差し替えた申請も1回と数えます',
    );
    // the guide's examples beside the fields
    expect(screen.getByRole('complementary', { name: '基本情報 の記載例' })).toHaveTextContent(
      '会社の所在地',
    );
  });

  it('counts characters as a person sees them, refuses a URL before sending, and files the memo', async () => {
    const { user, fetch } = setUp(overview(), {
      'POST /api/v1/memos/memo': () => json(201, version({ status: 'pending' })),
    });
    const form = await screen.findByRole('form', { name: '応答メモ（基本情報・営業時間・自由記載欄）' });
    const free = within(form).getByLabelText('自由記載欄');
    await user.type(free, '👨‍👩‍👧が');
    expect(within(form).getAllByTestId('char-count')[2]).toHaveTextContent('2 / 200 文字');
    await user.clear(free);
    await user.type(free, 'ｗｗｗ．ｅｘａｍｐｌｅ．ｊｐ');
    expect(within(form).getByText('URLは記載できません。')).toBeInTheDocument();
    const submit = within(form).getByRole('button', { name: '登録する' });
    expect(submit).toBeDisabled();
    await user.clear(free);
    await user.type(within(form).getByLabelText('基本情報'), '東京都千代田区');
    await user.click(submit);
    expect(await screen.findByText(/審査に出しました/)).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/memos/memo')[0].body).toEqual({
      basicInfo: '東京都千代田区',
      businessHours: '',
      freeText: '',
      liveFrom: null,
      liveUntil: null,
    });
  });

  it("shows the reviewer's reason for a rejected version and the API's field error", async () => {
    const { user } = setUp(
      overview({
        memo: kind('memo', {
          rejected: version({ id: 'v-3', status: 'rejected', rejectReason: '指示は記載できません' }),
        }),
      }),
      {
        'POST /api/v1/memos/memo': () =>
          problem(422, 'VALIDATION_FAILED', {
            errors: [{ pointer: '/body/basicInfo', code: 'URL_NOT_ALLOWED', message: 'x' }],
          }),
      },
    );
    expect(await screen.findByTestId('memo-rejected')).toHaveTextContent('指示は記載できません');
    const form = screen.getByRole('form', { name: '応答メモ（基本情報・営業時間・自由記載欄）' });
    await user.type(within(form).getByLabelText('基本情報'), 'abc');
    await user.click(within(form).getByRole('button', { name: '登録する' }));
    expect(await within(form).findByText('URLは記載できません。')).toBeInTheDocument();
  });

  it('without the options shows the Q&A and announcement editors disabled, with the price and a link to billing', async () => {
    setUp(overview());
    const qa = await screen.findByRole('form', { name: 'Q&A（よくある質問と回答）' });
    expect(within(qa).getByRole('button', { name: '登録する' })).toBeDisabled();
    expect(within(qa).getByRole('button', { name: '質問と回答を追加' })).toBeDisabled();
    const qaSection = screen.getByRole('region', { name: 'Q&A（よくある質問と回答）' });
    expect(await within(qaSection).findByText('月額 2,200 円（税込）')).toBeInTheDocument();
    expect(within(qaSection).getByRole('link', { name: /オプションを申し込む/ })).toHaveAttribute(
      'href',
      '/billing',
    );
    const ann = screen.getByRole('region', { name: '営業時間外のアナウンス' });
    expect(within(ann).getByLabelText('アナウンスの文面')).toBeDisabled();
    expect(within(ann).getByText('月額 1,100 円（税込）')).toBeInTheDocument();
  });

  it('with the Q&A option adds, edits and removes pairs and files the whole set', async () => {
    const { user, fetch } = setUp(
      overview({
        qa: kind('qa', {
          available: true,
          live: version({
            id: 'q-1',
            kind: 'qa',
            memo: null,
            qa: [{ question: '駐車場は？', answer: 'あります' }],
          }),
        }),
      }),
      { 'POST /api/v1/memos/qa': () => json(201, version({ kind: 'qa', status: 'pending' })) },
    );
    const form = await screen.findByRole('form', { name: 'Q&A（よくある質問と回答）' });
    expect(within(form).getByLabelText('質問 1')).toHaveValue('駐車場は？');
    await user.click(within(form).getByRole('button', { name: '質問と回答を追加' }));
    await user.type(within(form).getByLabelText('質問 2'), '定休日は？');
    await user.type(within(form).getByLabelText('回答 2'), '日曜です');
    await user.click(within(form).getByRole('button', { name: '質問 1 を削除' }));
    await user.click(within(form).getByRole('button', { name: '登録する' }));
    expect(await screen.findByText(/審査に出しました/)).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/memos/qa')[0].body).toEqual({
      items: [{ question: '定休日は？', answer: '日曜です' }],
    });
  });

  it('withdraws the pending version and says when the monthly limit is used up', async () => {
    const { user, fetch } = setUp(
      overview({
        memo: kind('memo', {
          pending: version({ id: 'v-9', status: 'pending', decidedAt: null, decidedByName: null }),
          quota: { month: '2026-12', used: 4, limit: 4, remaining: 0, nextAllowedDate: '2027-01-01' },
        }),
      }),
      { 'DELETE /api/v1/memos/versions/v-9': () => new Response(null, { status: 204 }) },
    );
    const pending = await screen.findByTestId('memo-pending');
    expect(screen.getAllByTestId('quota')[0]).toHaveTextContent('次に申請できるのは 2027/01/01 です');
    const form = screen.getByRole('form', { name: '応答メモ（基本情報・営業時間・自由記載欄）' });
    expect(within(form).getByRole('button', { name: '登録する' })).toBeDisabled();
    await user.click(within(pending).getByRole('button', { name: '審査待ちを取り下げる' }));
    expect(fetch.callsTo('DELETE /api/v1/memos/versions/v-9')).toHaveLength(1);
  });

  it('files a scheduled version with its window as instants', async () => {
    const { user, fetch } = setUp(overview(), {
      'POST /api/v1/memos/memo': () => json(201, version({ status: 'pending' })),
    });
    const form = await screen.findByRole('form', { name: '応答メモ（基本情報・営業時間・自由記載欄）' });
    await user.type(within(form).getByLabelText('基本情報'), '年末年始は休業します');
    await user.click(within(form).getByText('公開期間を指定する（休業日のお知らせなど）'));
    await user.type(within(form).getByLabelText('開始日時'), '2026-12-29T00:00');
    await user.type(within(form).getByLabelText('終了日時'), '2027-01-04T00:00');
    await user.click(within(form).getByRole('button', { name: '登録する' }));
    await screen.findByText(/審査に出しました/);
    expect(fetch.callsTo('POST /api/v1/memos/memo')[0].body).toMatchObject({
      basicInfo: '年末年始は休業します',
      liveFrom: new Date('2026-12-29T00:00').toISOString(),
      liveUntil: new Date('2027-01-04T00:00').toISOString(),
    });
  });

  it('lists approved versions with who approved them and re-files one', async () => {
    const { user, fetch } = setUp(overview({ memo: kind('memo', { live: version() }) }), {
      'GET /api/v1/memos/history': () =>
        json(200, { items: [version(), version({ id: 'v-0', memo: { ...MEMO, basicInfo: '旧住所' } })] }),
      'POST /api/v1/memos/versions/v-0/refile': () => json(201, version({ id: 'v-5', status: 'pending' })),
    });
    const memoSection = await screen.findByRole('region', {
      name: '応答メモ（基本情報・営業時間・自由記載欄）',
    });
    await user.click(within(memoSection).getByText('承認された版の履歴'));
    const list = await within(memoSection).findByTestId('memo-history');
    const old = within(list).getAllByRole('listitem')[1];
    expect(old).toHaveTextContent('旧住所');
    expect(old).toHaveTextContent('審査 花子 が承認');
    await user.click(within(old).getByRole('button', { name: 'この版をもう一度登録する' }));
    expect(await within(memoSection).findAllByText(/審査に出しました/)).not.toHaveLength(0);
    expect(fetch.callsTo('POST /api/v1/memos/versions/v-0/refile')).toHaveLength(1);
  });
});
