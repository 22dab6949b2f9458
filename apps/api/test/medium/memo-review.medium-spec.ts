import type { AuthUser } from '../../src/common/auth/auth-user';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { Clock } from '../../src/modules/billing/clock';
import {
  SubscriptionChangesRepository,
  SubscriptionsRepository,
} from '../../src/modules/billing/subscriptions/subscriptions.repository';
import { SubscriptionsService } from '../../src/modules/billing/subscriptions/subscriptions.service';
import type { SubmitMemoDto } from '../../src/modules/memos/dto/memos.dto';
import { MemosRepository } from '../../src/modules/memos/memos.repository';
import { MemosService } from '../../src/modules/memos/memos.service';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { insertAccount } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';
import { insertPerson, insertStaff } from '../support/people';

// R5.2: what an answer memo may say — each field's length counted as a person sees the text
// (grapheme clusters, not code units), no URLs in any form, at least one field — and R5.1's four
// submissions a Japan month (replaced and withdrawn ones count, one pending at a time, even under
// concurrent submissions), and R8.8's history of approved versions and the windows they are live
// in, against MemosService and its real repository. The routes (422 and 429
// problem bodies with Retry-After, review by staff, the screen pop, the mails) keep their cases
// in memos.e2e-spec.

let m: MediumContext;
let memos: MemosService;

beforeAll(async () => {
  m = await startMedium({
    providers: [
      MemosService,
      MemosRepository,
      SubscriptionsService,
      SubscriptionsRepository,
      SubscriptionChangesRepository,
      Clock,
      AccountsService,
      AccountsRepository,
      UsersRepository,
      OutboxRepository,
    ],
  });
  memos = m.get(MemosService);
});
afterAll(() => m?.close());

const MEMO: SubmitMemoDto = {
  basicInfo: '株式会社テレフォン 東京都千代田区',
  businessHours: '平日 9:00〜18:00',
  freeText: '',
};

async function owner(): Promise<AuthUser> {
  return insertPerson(m, await insertAccount(m, { state: 'active' }));
}
const versions = (accountId: string) =>
  m.sql<{ id: string; status: string }>(
    `SELECT id, status FROM memo_versions WHERE account_id = $1 ORDER BY submitted_at, id`,
    [accountId],
  );
const fieldErrorsOf = (pointer: string, code: string) => ({
  code: 'VALIDATION_FAILED',
  options: { fieldErrors: [expect.objectContaining({ pointer, code })] },
});

describe('what a memo may say (R5.2)', () => {
  let c: AuthUser;
  beforeAll(async () => {
    c = await owner();
  });

  it.each<[what: string, text: string]>([
    ['200 family emoji (1,000 code units)', '👨‍👩‍👧'.repeat(200)],
    ['200 kanji', '漢'.repeat(200)],
    ['200 letters with combining marks', 'か\u3099'.repeat(200)],
  ])('accepts %s: 200 characters as a person counts them', async (_what, freeText) => {
    const filed = await memos.submitMemo(c, { ...MEMO, freeText });
    expect(filed).toMatchObject({ kind: 'memo', status: 'pending', memo: { ...MEMO, freeText } });
  });

  it.each<[what: string, field: keyof SubmitMemoDto, text: string, code: string]>([
    ['201 family emoji', 'freeText', '👨‍👩‍👧'.repeat(201), 'TOO_LONG'],
    ['201 kanji', 'businessHours', '漢'.repeat(201), 'TOO_LONG'],
    ['a full-width URL', 'basicInfo', 'ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｃｏｍ', 'URL_NOT_ALLOWED'],
    ['a bare domain', 'basicInfo', '詳しくは example.co.jp へ', 'URL_NOT_ALLOWED'],
    ['www. without a scheme', 'basicInfo', 'www.example.jp', 'URL_NOT_ALLOWED'],
    ['a URL in the free text', 'freeText', 'https://example.com を見てください', 'URL_NOT_ALLOWED'],
  ])('refuses %s, naming the field, storing nothing', async (_what, field, text, code) => {
    const before = (await versions(c.accountId!)).length;
    await expect(memos.submitMemo(c, { ...MEMO, [field]: text })).rejects.toMatchObject(
      fieldErrorsOf(`/body/${field}`, code),
    );
    expect(await versions(c.accountId!)).toHaveLength(before);
  });

  it('refuses a memo with every field empty (REQUIRED on basicInfo)', async () => {
    await expect(
      memos.submitMemo(c, { basicInfo: '', businessHours: '', freeText: '' }),
    ).rejects.toMatchObject(fieldErrorsOf('/body/basicInfo', 'REQUIRED'));
  });
});

describe('four submissions a Japan month (R5.1)', () => {
  it('replaced and withdrawn versions count; the fifth is refused with the first day of next month', async () => {
    const c = await owner();
    const filed: string[] = [];
    for (let i = 0; i < 3; i++) filed.push((await memos.submitMemo(c, { ...MEMO, freeText: `版 ${i}` })).id);
    // only one pending: each new one replaced the one before
    expect((await versions(c.accountId!)).map((v) => v.status)).toEqual(['replaced', 'replaced', 'pending']);
    await memos.withdraw(c, filed[2]);
    const fourth = await memos.submitMemo(c, MEMO);

    const overview = await memos.overview(c);
    const [y, mo] = overview.memo.quota.month.split('-').map(Number);
    const next = mo === 12 ? `${y + 1}-01-01` : `${y}-${String(mo + 1).padStart(2, '0')}-01`;
    expect(overview.memo.quota).toMatchObject({ used: 4, limit: 4, remaining: 0, nextAllowedDate: next });
    expect(overview.memo.pending?.id).toBe(fourth.id);

    const refused = memos.submitMemo(c, MEMO);
    await expect(refused).rejects.toMatchObject({
      code: 'MEMO_SUBMISSION_LIMIT_REACHED',
      message: expect.stringContaining(next),
      options: { headers: { 'retry-after': expect.stringMatching(/^[1-9]\d*$/) } },
    });
    expect(await versions(c.accountId!)).toHaveLength(4);
  });

  it('keeps the limit and one pending version under concurrent submissions', async () => {
    const c = await owner();
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) => memos.submitMemo(c, { ...MEMO, freeText: `同時 ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
      expect(r.reason).toMatchObject({ code: 'MEMO_SUBMISSION_LIMIT_REACHED' });
    }
    const rows = await versions(c.accountId!);
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(1);
  });
});

describe('approved versions: the history and the windows they are live in (R8.8)', () => {
  let staff: AuthUser;
  beforeAll(async () => {
    staff = await insertStaff(m, 'admin');
  });

  it('keeps every approved version with who approved it; an old one can be re-filed', async () => {
    const c = await owner();
    const v1 = await memos.submitMemo(c, MEMO);
    await memos.approve(v1.id, staff);
    const v2 = await memos.submitMemo(c, { ...MEMO, freeText: '二版' });
    await memos.approve(v2.id, staff);
    const history = await memos.history(c, 'memo');
    expect(history.items.map((v) => v.id)).toEqual([v2.id, v1.id]);
    expect(history.items[1]).toMatchObject({ decidedByName: 'スタッフ', memo: MEMO });

    const refiled = await memos.refile(c, v1.id, {});
    expect(refiled).toMatchObject({ status: 'pending', memo: MEMO, refiledFrom: v1.id });
    await memos.approve(refiled.id, staff);
    expect((await memos.overview(c)).memo.live?.id).toBe(refiled.id);
  });

  it('puts a scheduled version live in its window only; the regular one comes back after its end', async () => {
    const c = await owner();
    const accountId = c.accountId!;
    const regular = await memos.submitMemo(c, MEMO);
    await memos.approve(regular.id, staff);
    const now = Date.now();
    const at = (offsetMs: number) => new Date(now + offsetMs);
    const holiday = { basicInfo: '年末年始休業のお知らせ', businessHours: '1/4から営業', freeText: '' };
    const scheduled = await memos.submitMemo(c, {
      ...holiday,
      liveFrom: at(-60_000).toISOString(),
      liveUntil: at(3_600_000).toISOString(),
    });
    // until approved the regular one stays
    expect((await memos.liveVersion(accountId, 'memo', at(0)))?.id).toBe(regular.id);
    await memos.approve(scheduled.id, staff);
    expect((await memos.liveVersion(accountId, 'memo', at(1_800_000)))?.id).toBe(scheduled.id);
    // after the window, the regular one again
    expect((await memos.liveVersion(accountId, 'memo', at(3_600_001)))?.id).toBe(regular.id);

    // a future window: listed as scheduled, not live yet
    const future = await memos.submitMemo(c, {
      ...holiday,
      freeText: '次の休業',
      liveFrom: at(7_200_000).toISOString(),
      liveUntil: at(10_800_000).toISOString(),
    });
    await memos.approve(future.id, staff);
    const overview = await memos.overview(c);
    expect(overview.memo.live?.id).toBe(scheduled.id);
    expect(overview.memo.scheduled.map((v) => v.id)).toEqual([future.id]);
    expect((await memos.liveVersion(accountId, 'memo', at(9_000_000)))?.id).toBe(future.id);
  });

  it.each<[what: string, window: (now: number) => { liveFrom?: string; liveUntil: string }, code: string]>([
    ['an end already past', (now) => ({ liveUntil: new Date(now - 1000).toISOString() }), 'NOT_IN_FUTURE'],
    [
      'an end before the start',
      (now) => ({
        liveFrom: new Date(now + 7_200_000).toISOString(),
        liveUntil: new Date(now + 3_600_000).toISOString(),
      }),
      'BEFORE_START',
    ],
  ])('refuses a window with %s', async (_what, window, code) => {
    const c = await owner();
    await expect(memos.submitMemo(c, { ...MEMO, ...window(Date.now()) })).rejects.toMatchObject(
      fieldErrorsOf('/body/liveUntil', code),
    );
    expect(await versions(c.accountId!)).toHaveLength(0);
  });
});
