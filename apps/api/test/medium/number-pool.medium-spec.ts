import type { HistoryActor } from '../../src/modules/accounts/account-history.service';
import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { AccountLifecycleService } from '../../src/modules/accounts/account-lifecycle.service';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import type { UpdateNumberUsageDto } from '../../src/modules/numbers/dto/numbers.dto';
import { NumbersRepository } from '../../src/modules/numbers/numbers.repository';
import { NumbersService } from '../../src/modules/numbers/numbers.service';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { insertAccount, type AccountSeed } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';
import { freshTokyoNumber, insertFreeNumbers } from '../support/pool-numbers';

// R3.1 and R3.2: the number pool — which numbers it takes (and each refusal's reason), issuing
// the next free or a chosen number, concurrent issues, quarantine, and how a customer uses the
// number — against NumbersService and its real repositories on a database of this file's own (so
// "the pool is empty" is simply true here). The routes (status codes, problem bodies, request
// shapes, who may call) keep their cases in numbers.e2e-spec.

let m: MediumContext;
let numbers: NumbersService;
const STAFF: HistoryActor = { kind: 'staff', id: null, name: 'テスト 管理者' };

beforeAll(async () => {
  m = await startMedium({
    providers: [
      NumbersService,
      NumbersRepository,
      OutboxRepository,
      AccountLifecycleService,
      AccountHistoryService,
      AccountsRepository,
      UsersRepository,
    ],
    env: { NUMBER_QUARANTINE_DAYS: '90' },
  });
  numbers = m.get(NumbersService);
});
afterAll(() => m?.close());

const readyAccount = (state: AccountSeed['state'] = 'ready_for_number') => insertAccount(m, { state });
const accountState = async (id: string) =>
  (await m.sql<{ state: string }>(`SELECT state FROM accounts WHERE id = $1`, [id]))[0].state;
const numberRow = async (id: string) =>
  (
    await m.sql<{ state: string; account_id: string | null; quarantined_until: Date | null }>(
      `SELECT state, account_id, quarantined_until FROM phone_numbers WHERE id = $1`,
      [id],
    )
  )[0];
const numbersOf = (accountId: string) =>
  m.sql<{ id: string }>(`SELECT id FROM phone_numbers WHERE account_id = $1`, [accountId]);
/** Every outbox event about these accounts (issuing writes one, number.issued; a refusal none). */
const outboxEventsOf = (accountIds: string[]) =>
  m.sql(`SELECT type FROM outbox_events WHERE payload->>'accountId' = ANY($1)`, [accountIds]);
/** Every number free now leaves the pool's "free" set for a day (a later test finds none). */
const hideFreeNumbers = () =>
  m.sql(
    `UPDATE phone_numbers SET state = 'quarantined', quarantined_until = now() + interval '1 day'
     WHERE state = 'free'`,
  );

describe('adding numbers to the pool (R3.1)', () => {
  it('adds Tokyo 03 numbers and refuses every other kind with its reason', async () => {
    const a = freshTokyoNumber();
    const b = freshTokyoNumber();
    const res = await numbers.addToPool([
      a.national,
      b.e164.replace('+81', '+81 '),
      '0120-123-456',
      '0800-123-4567',
      '0570-064-556',
      '090-1234-5678',
      '050-1234-5678',
      '06-1234-5678',
      '+1 212 555 1234',
      '03-1234',
      'not a number',
      a.national,
    ]);
    expect(res.results).toEqual([
      { input: a.national, outcome: 'added', e164: a.e164, display: a.national, reason: null },
      expect.objectContaining({ outcome: 'added', e164: b.e164, display: b.national }),
      expect.objectContaining({ outcome: 'refused', reason: 'TOLL_FREE', e164: null }),
      expect.objectContaining({ outcome: 'refused', reason: 'TOLL_FREE' }),
      expect.objectContaining({ outcome: 'refused', reason: 'NAVI_DIAL' }),
      expect.objectContaining({ outcome: 'refused', reason: 'MOBILE' }),
      expect.objectContaining({ outcome: 'refused', reason: 'IP_PHONE' }),
      expect.objectContaining({ outcome: 'refused', reason: 'NOT_TOKYO_03' }),
      expect.objectContaining({ outcome: 'refused', reason: 'NOT_JAPANESE' }),
      expect.objectContaining({ outcome: 'refused', reason: 'INVALID_NUMBER' }),
      expect.objectContaining({ outcome: 'refused', reason: 'INVALID_NUMBER' }),
      expect.objectContaining({ outcome: 'already_in_pool', e164: a.e164 }),
    ]);
    expect(res).toMatchObject({ added: 2, alreadyInPool: 1, refused: 9 });
    const stored = await m.sql(`SELECT e164, state FROM phone_numbers WHERE e164 = ANY($1)`, [
      [a.e164, b.e164],
    ]);
    expect(stored).toHaveLength(2);
    expect(stored.every((r) => r.state === 'free')).toBe(true);

    const again = await numbers.addToPool([b.national]);
    expect(again.results[0]).toMatchObject({ outcome: 'already_in_pool', e164: b.e164 });
  });
});

describe('issuing a number (R3.1)', () => {
  it('issues a chosen free number: the account active, the number assigned to it', async () => {
    const [, chosen] = await insertFreeNumbers(m, 2);
    const accountId = await readyAccount();
    const issued = await numbers.issue(accountId, chosen.id, STAFF);
    expect(issued).toMatchObject({ accountId, numberId: chosen.id, e164: chosen.e164 });
    expect(await accountState(accountId)).toBe('active');
    expect(await numberRow(chosen.id)).toMatchObject({ state: 'assigned', account_id: accountId });
  });

  it('refuses a taken, unknown or not-ready case with its code and changes nothing', async () => {
    const [n1, n2] = await insertFreeNumbers(m, 2);
    const first = await readyAccount();
    await numbers.issue(first, n1.id, STAFF);

    // the chosen number is taken
    const second = await readyAccount();
    await expect(numbers.issue(second, n1.id, STAFF)).rejects.toMatchObject({ code: 'NUMBER_NOT_AVAILABLE' });
    expect(await accountState(second)).toBe('ready_for_number');
    // an unknown number
    await expect(numbers.issue(second, '00000000-0000-4000-8000-000000000000', STAFF)).rejects.toMatchObject({
      code: 'NUMBER_NOT_FOUND',
    });

    // accounts not ready: applied, verifying, cancelled, and active (already issued)
    for (const state of ['applied', 'verifying', 'cancelled'] as const) {
      const other = await readyAccount(state);
      await expect(numbers.issue(other, n2.id, STAFF)).rejects.toMatchObject({
        code: 'NUMBER_ACCOUNT_NOT_READY',
      });
      expect(await accountState(other)).toBe(state);
    }
    await expect(numbers.issue(first, undefined, STAFF)).rejects.toMatchObject({
      code: 'NUMBER_ACCOUNT_NOT_READY',
    });

    // an account back in ready_for_number that still has a number
    await m.sql(`UPDATE accounts SET state = 'ready_for_number' WHERE id = $1`, [first]);
    await expect(numbers.issue(first, n2.id, STAFF)).rejects.toMatchObject({ code: 'NUMBER_ALREADY_ISSUED' });
    expect(await accountState(first)).toBe('ready_for_number');
    expect(await numbersOf(first)).toHaveLength(1);

    // n2 is still free, and no event was written for any refusal
    expect((await numberRow(n2.id)).state).toBe('free');
    expect(await outboxEventsOf([first, second])).toEqual([{ type: 'number.issued' }]);

    // an unknown account
    await expect(
      numbers.issue('00000000-0000-4000-8000-000000000000', undefined, STAFF),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers NUMBER_POOL_EMPTY when there is no free number', async () => {
    await hideFreeNumbers();
    const accountId = await readyAccount();
    await expect(numbers.issue(accountId, undefined, STAFF)).rejects.toMatchObject({
      code: 'NUMBER_POOL_EMPTY',
    });
    expect(await accountState(accountId)).toBe('ready_for_number');
  });
});

describe('concurrent issues (R3.1)', () => {
  beforeEach(hideFreeNumbers);

  it('five parallel issues to one account: exactly one succeeds, one number assigned', async () => {
    await insertFreeNumbers(m, 5);
    const accountId = await readyAccount();
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => numbers.issue(accountId, undefined, STAFF)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x): x is PromiseRejectedResult => x.status === 'rejected')) {
      expect(['NUMBER_ACCOUNT_NOT_READY', 'NUMBER_ALREADY_ISSUED']).toContain(r.reason.code);
    }
    expect(await numbersOf(accountId)).toHaveLength(1);
    expect(await accountState(accountId)).toBe('active');
    expect(await outboxEventsOf([accountId])).toEqual([{ type: 'number.issued' }]);
  });

  it('one chosen number to five accounts at once: exactly one gets it', async () => {
    const [n] = await insertFreeNumbers(m, 1);
    const accounts = await Promise.all(Array.from({ length: 5 }, () => readyAccount()));
    const results = await Promise.allSettled(accounts.map((a) => numbers.issue(a, n.id, STAFF)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(
      results
        .filter((x): x is PromiseRejectedResult => x.status === 'rejected')
        .every((r) => r.reason.code === 'NUMBER_NOT_AVAILABLE'),
    ).toBe(true);
    const winner = accounts[results.findIndex((r) => r.status === 'fulfilled')];
    expect(await numberRow(n.id)).toMatchObject({ state: 'assigned', account_id: winner });
    const states = await Promise.all(accounts.map(accountState));
    expect(states.filter((s) => s === 'active')).toHaveLength(1);
  });

  it('"next free" to six accounts at once: every one gets a different number', async () => {
    await insertFreeNumbers(m, 6);
    const accounts = await Promise.all(Array.from({ length: 6 }, () => readyAccount()));
    const issued = await Promise.all(accounts.map((a) => numbers.issue(a, undefined, STAFF)));
    expect(new Set(issued.map((r) => r.numberId)).size).toBe(6);
    const [dupes] = await m.sql<{ n: string }>(
      `SELECT count(*) AS n FROM (SELECT account_id FROM phone_numbers WHERE account_id IS NOT NULL
       GROUP BY account_id HAVING count(*) > 1) d`,
    );
    expect(Number(dupes.n)).toBe(0);
  });
});

describe('quarantine (R3.1)', () => {
  it('a released number rests for NUMBER_QUARANTINE_DAYS (90) and is free only after that date', async () => {
    const [n] = await insertFreeNumbers(m, 1);
    const accountId = await readyAccount();
    await numbers.issue(accountId, n.id, STAFF);

    const released = await numbers.release(accountId);
    expect(released).toMatchObject({ id: n.id, e164: n.e164 });
    const days = (released!.quarantinedUntil.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    expect(await numbers.release(accountId)).toBeNull();

    await expect(numbers.getMine(accountId)).rejects.toMatchObject({ code: 'NUMBER_NOT_ISSUED' });
    const other = await readyAccount();
    await expect(numbers.issue(other, n.id, STAFF)).rejects.toMatchObject({ code: 'NUMBER_NOT_AVAILABLE' });
    const quarantined = await numbers.listPool(100, undefined, 'quarantined');
    expect(quarantined.items).toContainEqual(
      expect.objectContaining({ id: n.id, state: 'quarantined', accountId: null }),
    );

    // the date passes
    await m.sql(`UPDATE phone_numbers SET quarantined_until = now() - interval '1 minute' WHERE id = $1`, [
      n.id,
    ]);
    const free = await numbers.listPool(100, undefined, 'free');
    expect(free.items).toContainEqual(
      expect.objectContaining({ id: n.id, state: 'free', quarantinedUntil: null }),
    );
    await numbers.issue(other, n.id, STAFF);
    expect(await numberRow(n.id)).toEqual({ state: 'assigned', account_id: other, quarantined_until: null });
  });
});

describe('how the customer uses the number (R3.2)', () => {
  let accountId: string;
  let display: string;
  beforeAll(async () => {
    const [n] = await insertFreeNumbers(m, 1);
    accountId = await readyAccount();
    display = (await numbers.issue(accountId, n.id, STAFF)).display;
  });
  const use = (dto: UpdateNumberUsageDto) => numbers.updateUsage(accountId, dto);

  it.each<[what: string, dto: () => UpdateNumberUsageDto, code: string]>([
    [
      'B from letters',
      () => ({ method: 'B', carrier: 'NTT東日本', forwardedFrom: 'abc' }),
      'PHONE_NUMBER_INVALID',
    ],
    [
      'B from an American number',
      () => ({ method: 'B', carrier: 'NTT東日本', forwardedFrom: '+1 212 555 1234' }),
      'PHONE_NUMBER_INVALID',
    ],
    [
      'B from a free dial',
      () => ({ method: 'B', carrier: 'NTT東日本', forwardedFrom: '0120-123-456' }),
      'FORWARD_FROM_NOT_A_LINE',
    ],
    [
      'C from a fixed line',
      () => ({ method: 'C', carrier: 'NTT東日本', forwardedFrom: '06-1234-5678' }),
      'FORWARD_FROM_NOT_FREE_DIAL',
    ],
    [
      'B from the issued number itself',
      () => ({ method: 'B', carrier: 'NTT東日本', forwardedFrom: display }),
      'FORWARD_FROM_SELF',
    ],
  ])('refuses %s (%s on /body/forwardedFrom)', async (_what, dto, code) => {
    await expect(use(dto())).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      options: { fieldErrors: [{ pointer: '/body/forwardedFrom', code }] },
    });
  });

  it('stores A without a carrier, B from a fixed or mobile line, C from a free dial; the last one counts', async () => {
    expect((await use({ method: 'A' })).usage).toMatchObject({
      method: 'A',
      carrier: null,
      forwardedFrom: null,
    });
    expect(
      (await use({ method: 'B', carrier: 'NTT東日本', forwardedFrom: '06-1234-5678' })).usage,
    ).toMatchObject({
      method: 'B',
      carrier: 'NTT東日本',
      forwardedFrom: '+81612345678',
      forwardedFromDisplay: '06-1234-5678',
    });
    expect(
      (await use({ method: 'B', carrier: 'ドコモ', forwardedFrom: '090-1234-5678' })).usage,
    ).toMatchObject({
      method: 'B',
      forwardedFrom: '+819012345678',
    });
    expect((await use({ method: 'C', carrier: 'KDDI', forwardedFrom: '0570-064-556' })).usage).toMatchObject({
      method: 'C',
      forwardedFromDisplay: '0570-064-556',
    });
    expect((await numbers.getMine(accountId)).usage).toMatchObject({
      method: 'C',
      carrier: 'KDDI',
      forwardedFrom: '+81570064556',
    });
    expect(await m.sql(`SELECT method FROM number_usages WHERE account_id = $1`, [accountId])).toEqual([
      { method: 'C' },
    ]);
  });
});
