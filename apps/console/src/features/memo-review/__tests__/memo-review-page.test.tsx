import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem, type FakeRoutes } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const admin = () => json(200, aSession(aStaffMember({ role: 'admin', name: '管理 太郎' })));
const operator = () => json(200, aSession(aStaffMember({ role: 'operator' })));

const MEMO = { basicInfo: '株式会社テレフォン', businessHours: '平日 9:00〜18:00', freeText: '' };
const version = (overrides: Record<string, unknown> = {}) => ({
  id: 'v-2',
  kind: 'memo',
  status: 'pending',
  memo: { ...MEMO, freeText: '「さとう」と「さいとう」に注意' },
  qa: null,
  announcement: null,
  liveFrom: null,
  liveUntil: null,
  submittedAt: '2026-12-01T01:00:00.000Z',
  submittedByName: '山田 太郎',
  decidedAt: null,
  decidedByName: null,
  rejectReason: null,
  refiledFrom: null,
  ...overrides,
});
const item = (overrides: Record<string, unknown> = {}) => ({
  accountId: 'acc-1',
  accountName: '山田 太郎',
  companyName: '株式会社テレフォン',
  version: version(),
  live: version({ id: 'v-1', status: 'approved', memo: MEMO, decidedAt: '2026-11-30T01:00:00.000Z' }),
  ...overrides,
});

function setUp(session: () => Response, routes: FakeRoutes = {}) {
  let items = [item()];
  const fetch = createFakeFetch({
    'POST /api/v1/admin/auth/refresh': session,
    'GET /api/v1/admin/memo-reviews': () => json(200, { items, total: items.length }),
    ...routes,
  });
  return {
    fetch,
    clear: () => {
      items = [];
    },
    ...renderApp({ route: '/memo-reviews', fetch }),
  };
}

describe('memo review queue (R5.3)', () => {
  it('shows the change against the live version, and approves', async () => {
    const state = { clear: () => {} };
    const { user, fetch, clear } = setUp(admin, {
      'POST /api/v1/admin/memo-reviews/v-2/approve': () => {
        state.clear();
        return json(200, version({ status: 'approved' }));
      },
    });
    state.clear = clear;
    const card = await screen.findByTestId('review-v-2');
    expect(card).toHaveTextContent('応答メモ — 株式会社テレフォン（山田 太郎）');
    const rows = within(card).getAllByRole('row');
    const free = rows.find((r) => r.textContent?.startsWith('自由記載欄'))!;
    expect(free).toHaveAttribute('data-changed', 'true');
    expect(free).toHaveTextContent('「さとう」と「さいとう」に注意');
    const basic = rows.find((r) => r.textContent?.startsWith('基本情報'))!;
    expect(basic).not.toHaveAttribute('data-changed');
    await user.click(within(card).getByRole('button', { name: '承認する' }));
    expect(await screen.findByText('審査待ちはありません。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/memo-reviews/v-2/approve')).toHaveLength(1);
  });

  it('rejects with a reason', async () => {
    const { user, fetch } = setUp(admin, {
      'POST /api/v1/admin/memo-reviews/v-2/reject': () => json(200, version({ status: 'rejected' })),
    });
    const card = await screen.findByTestId('review-v-2');
    await user.click(within(card).getByRole('button', { name: '差し戻す' }));
    const form = within(card).getByRole('form', { name: '差し戻しの理由' });
    expect(within(form).getByRole('button', { name: '差し戻す' })).toBeDisabled();
    await user.type(
      within(form).getByLabelText('差し戻しの理由（お客様に表示されます）'),
      'URLは記載できません',
    );
    await user.click(within(form).getByRole('button', { name: '差し戻す' }));
    await screen.findByTestId('review-v-2');
    expect(fetch.callsTo('POST /api/v1/admin/memo-reviews/v-2/reject')[0].body).toEqual({
      reason: 'URLは記載できません',
    });
  });

  it('says when a version was already decided', async () => {
    const { user } = setUp(admin, {
      'POST /api/v1/admin/memo-reviews/v-2/approve': () => problem(409, 'MEMO_NOT_PENDING'),
    });
    const card = await screen.findByTestId('review-v-2');
    await user.click(within(card).getByRole('button', { name: '承認する' }));
    expect(await within(card).findByRole('alert')).toHaveTextContent('すでに審査が終わっているか');
  });

  it('tells an operator that only admins review', async () => {
    const { fetch } = setUp(operator);
    expect(await screen.findByText('審査は管理者のみが行えます。')).toBeInTheDocument();
    expect(fetch.callsTo('GET /api/v1/admin/memo-reviews')).toHaveLength(0);
  });
});
