import { CountedCallsService } from '../../src/modules/calls/usage/counted-calls.service';
import { insertAbandonedCalls, insertAnsweredCalls } from '../support/answered-calls';
import { insertAccount } from '../support/factories';
import { insertInquiries } from '../support/inquiries';
import { startMedium, type MediumContext } from '../support/medium';

// R2.2 [decided, turn 2]: the counted calls — what billing charges, the usage meter shows and the
// customer's usage list names. The service against real rows; the route (GET /usage/current-month)
// keeps its own e2e case in inquiry-recording.e2e-spec.

let m: MediumContext;
let counted: CountedCallsService;
beforeAll(async () => {
  m = await startMedium({ providers: [CountedCallsService] });
  counted = m.get(CountedCallsService);
});
afterAll(() => m?.close());

/** An instant in Japan time, written as on a Japanese calendar. */
const jst = (local: string) => new Date(`${local}+09:00`);

describe('which calls count, and in which Japan month', () => {
  // each row: a call (when it began, when it was answered, Japan time) → the one month it counts in
  it.each<[what: string, month: string, startedAt: string, answeredAt: string | null]>([
    ['begun and answered on the 1st at 00:00:00.000', '2026-09', '2026-09-01T00:00:00.000', null],
    ['begun one millisecond before September', '2026-08', '2026-08-31T23:59:59.999', null],
    ['begun on the last millisecond of September', '2026-09', '2026-09-30T23:59:59.999', null],
    [
      'begun at 23:59:50 on 31 August, answered after midnight',
      '2026-08',
      '2026-08-31T23:59:50',
      '2026-09-01T00:00:20',
    ],
    ['begun at 08:30 on 1 September (23:30 UTC the day before)', '2026-09', '2026-09-01T08:30:00', null],
    [
      'begun on 31 December, answered on New Year’s Day',
      '2026-12',
      '2026-12-31T23:59:59',
      '2027-01-01T00:00:05',
    ],
  ])('%s: counts in %s', async (_what, month, startedAt, answeredAt) => {
    const account = await insertAccount(m);
    await insertAnsweredCalls(m, account, [
      { startedAt: jst(startedAt), ...(answeredAt ? { answeredAt: jst(answeredAt) } : {}) },
    ]);
    const [y, mo] = month.split('-').map(Number);
    const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    const previous = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
    expect({
      [previous]: await counted.countForMonth(account, previous),
      [month]: await counted.countForMonth(account, month),
      [next]: await counted.countForMonth(account, next),
    }).toEqual({ [previous]: 0, [month]: 1, [next]: 0 });
  });

  it('counts an answered call with or without its inquiry, a withheld number and a call still going on', async () => {
    const account = await insertAccount(m);
    const at = (i: number) => jst(`2026-10-15T10:${String(i).padStart(2, '0')}:00`);
    await insertAnsweredCalls(m, account, [
      { startedAt: at(0), inquiry: { callerName: '記録 あり' } },
      { startedAt: at(1) },
      { startedAt: at(2), fromE164: null },
      { startedAt: at(3), endedAt: null },
    ]);
    expect(await counted.countForMonth(account, '2026-10')).toBe(4);
  });

  it('counts neither a caller who hung up before an answer nor an inquiry typed in without a call', async () => {
    const account = await insertAccount(m);
    await insertAbandonedCalls(m, account, [jst('2026-10-15T10:00:00'), jst('2026-10-15T11:00:00')]);
    await insertInquiries(m, account, [{ receivedAt: jst('2026-10-15T12:00:00') }]);
    expect(await counted.countForMonth(account, '2026-10')).toBe(0);
    expect(await counted.listForMonth(account, '2026-10')).toEqual([]);
  });

  it('counts each account’s own calls only', async () => {
    const [mine, theirs] = [await insertAccount(m), await insertAccount(m)];
    const at = jst('2026-11-02T09:00:00');
    await insertAnsweredCalls(m, mine, [{ startedAt: at }, { startedAt: at }]);
    await insertAnsweredCalls(m, theirs, [{ startedAt: at }]);
    expect(await counted.countForMonth(mine, '2026-11')).toBe(2);
    expect(await counted.countForMonth(theirs, '2026-11')).toBe(1);
  });

  it('refuses a month that is not YYYY-MM', async () => {
    const account = await insertAccount(m);
    for (const bad of ['2026-13', '2026-1', '26-01', '2026-00', '']) {
      await expect(counted.countForMonth(account, bad)).rejects.toThrow(RangeError);
    }
  });
});

describe('billing’s set-based count and the customer’s list agree with the count', () => {
  it('answers every account with calls in the month, and no other, in one read', async () => {
    // a month no other test in this file writes to
    const [a, b, none] = [await insertAccount(m), await insertAccount(m), await insertAccount(m)];
    const at = (d: number) => jst(`2027-03-${String(d).padStart(2, '0')}T12:00:00`);
    await insertAnsweredCalls(m, a, [{ startedAt: at(1) }, { startedAt: at(31) }, { startedAt: at(15) }]);
    await insertAnsweredCalls(m, b, [{ startedAt: at(10) }]);
    await insertAbandonedCalls(m, none, [at(10)]);
    await insertAnsweredCalls(m, none, [{ startedAt: jst('2027-04-01T00:00:00') }]);
    const counts = await counted.countsForMonth('2027-03');
    expect(Object.fromEntries(counts)).toEqual({ [a]: 3, [b]: 1 });
    for (const [account, n] of counts) expect(await counted.countForMonth(account, '2027-03')).toBe(n);
  });

  it('lists the month’s counted calls newest first, with the inquiry when one was saved', async () => {
    const account = await insertAccount(m);
    const [first, second, third] = await insertAnsweredCalls(m, account, [
      { startedAt: jst('2026-10-01T09:00:00'), inquiry: { callerName: '一番目' } },
      { startedAt: jst('2026-10-20T09:00:00'), fromE164: null },
      { startedAt: jst('2026-10-31T23:00:00') },
    ]);
    const list = await counted.listForMonth(account, '2026-10');
    expect(list.map((c) => c.callId)).toEqual([third, second, first]);
    expect(list[1]).toMatchObject({ fromE164: null, inquiryId: null });
    expect(list[2].inquiryId).toEqual(expect.any(String));
    expect(list).toHaveLength(await counted.countForMonth(account, '2026-10'));
    expect(await counted.listForMonth(account, '2026-10', 2)).toHaveLength(2);
  });
});
