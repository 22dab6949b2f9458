import { AccountHistoryService } from '../../src/modules/accounts/account-history.service';
import { AccountSearchService } from '../../src/modules/accounts/account-search.service';
import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { insertAccount, type AccountSeed } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';
import { insertPerson } from '../support/people';

// The console's account search: a text matched in part and in any case against the name, the
// company name and any user's e-mail, % and _ taken literally, the issued number in any usual
// notation, the state filter, and paging newest first — against AccountSearchService and its real
// query. The route (GET /admin/accounts: 422 problem bodies, the item's shape, who may call)
// keeps its cases in accounts-admin.e2e-spec.

let m: MediumContext;
let accounts: AccountSearchService;

beforeAll(async () => {
  m = await startMedium({
    providers: [AccountSearchService, AccountsRepository, UsersRepository, AccountHistoryService],
  });
  accounts = m.get(AccountSearchService);
});
afterAll(() => m?.close());

/** A word no other test's data contains, so each search sees only its own accounts. */
let words = 0;
const tag = () => `zq${String(++words).padStart(4, '0')}x`;

/** An account with its owner (the owner's e-mail given or made up). */
async function account(seed: AccountSeed & { email?: string } = {}): Promise<string> {
  const id = await insertAccount(m, { type: 'individual', ...seed });
  await insertPerson(m, id, { role: 'owner', email: seed.email });
  return id;
}
const idsFor = async (query: { q?: string; state?: 'applied' | 'verifying' | 'active' }) =>
  (await accounts.searchAccounts({ limit: 100, ...query })).items.map((i) => i.id);

describe('the text', () => {
  it('finds accounts by part of the name, company name or a user e-mail, case-insensitively', async () => {
    const word = tag();
    const byName = await account({ name: `山田 ${word}太郎` });
    const byCompany = await account({ type: 'corporation', name: '佐藤 花子' });
    await m.sql(`UPDATE accounts SET company_name = $2 WHERE id = $1`, [
      byCompany,
      `株式会社${word.toUpperCase()}商事`,
    ]);
    const byEmail = await account({ email: `${word}.owner@example.jp` });
    const other = await account({ name: '無関係 一郎' });

    const all = await idsFor({ q: word });
    expect(all.sort()).toEqual([byName, byCompany, byEmail].sort());

    // partial and case-insensitive
    expect((await idsFor({ q: word.slice(0, 5).toUpperCase() })).sort()).toEqual(
      [byName, byCompany, byEmail].sort(),
    );
    expect(await idsFor({ q: `${word}太郎` })).toEqual([byName]);
    expect(await idsFor({ q: `${word.toUpperCase()}商事` })).toEqual([byCompany]);
    expect(await idsFor({ q: `${word}.OWNER@example` })).toEqual([byEmail]);
    // any user of the account counts, not only the owner
    const member = await insertPerson(m, other, { role: 'member', email: `${tag()}-member@example.jp` });
    expect(await idsFor({ q: member.email.slice(0, 12) })).toEqual([other]);
    // the leading and trailing blanks of the text are ignored
    expect(await idsFor({ q: `  ${word}太郎 ` })).toEqual([byName]);
  });

  it('takes % and _ literally', async () => {
    const word = tag();
    const percent = await account({ name: `${word}100%達成` });
    const underscore = await account({ name: `${word}a_b` });
    const plain = await account({ name: `${word}100x達成 axb` });
    expect(await idsFor({ q: `${word}100%` })).toEqual([percent]);
    expect(await idsFor({ q: '100%達成' })).toEqual([percent]);
    expect(await idsFor({ q: `${word}a_b` })).toEqual([underscore]);
    expect(await idsFor({ q: `${word}%` })).toEqual([]);
    expect(await idsFor({ q: '%' })).toContain(percent);
    expect(await idsFor({ q: '%' })).not.toContain(plain);
    expect(await idsFor({ q: '\\' })).toEqual([]);
  });
});

describe('the issued number', () => {
  let numbered: string;
  let unnumbered: string;
  beforeAll(async () => {
    numbered = await account({ name: `番号 ${tag()}`, state: 'active' });
    unnumbered = await account({ name: `番号なし ${tag()}` });
    // what issuing the number leaves on the account (issuing itself is tested in numbers.e2e-spec)
    await m.sql(`UPDATE accounts SET phone_number = '+81361234567' WHERE id = $1`, [numbered]);
  });

  it.each([
    ['the national notation', '03-6123-4567'],
    ['the digits alone', '0361234567'],
    ['E.164', '+81361234567'],
    ['E.164 with a blank', '+81 361234567'],
    ['a run of its digits', '6123-4567'],
  ])('finds it by %s (%s)', async (_what, q) => {
    expect(await idsFor({ q })).toEqual([numbered]);
  });

  it('shows it on the item; another valid number finds nothing', async () => {
    const page = await accounts.searchAccounts({ limit: 100, q: '0361234567' });
    expect(page.items[0]).toMatchObject({
      id: numbered,
      state: 'active',
      phoneNumber: '+81361234567',
      phoneNumberDisplay: '03-6123-4567',
    });
    expect(page.items.map((i) => i.id)).not.toContain(unnumbered);
    expect(await idsFor({ q: '03-6999-0000' })).toEqual([]);
  });
});

describe('the state and paging', () => {
  it('filters by state, alone and combined with the text', async () => {
    const word = tag();
    const applied = await account({ name: `${word} 一`, state: 'applied' });
    const verifying = await account({ name: `${word} 二`, state: 'verifying' });
    const elsewhere = await account({ name: '状態だけ 三', state: 'verifying' });

    expect(await idsFor({ q: word, state: 'verifying' })).toEqual([verifying]);
    expect(await idsFor({ q: word, state: 'applied' })).toEqual([applied]);
    expect(await idsFor({ q: word, state: 'active' })).toEqual([]);
    const verifyingOnly = await accounts.searchAccounts({ limit: 100, state: 'verifying' });
    expect(verifyingOnly.items.map((i) => i.id)).toEqual(expect.arrayContaining([verifying, elsewhere]));
    expect(verifyingOnly.items.every((i) => i.state === 'verifying')).toBe(true);
  });

  it('pages newest first with the cursor, without gaps or repeats', async () => {
    const word = tag();
    const created: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const id = await account({ name: `${word} ${i}` });
      // a second apart, as five sign-ups are (rows inserted within one millisecond would tie)
      await m.sql(`UPDATE accounts SET created_at = now() + make_interval(secs => $2) WHERE id = $1`, [
        id,
        i,
      ]);
      created.push(id);
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await accounts.searchAccounts({ q: word, limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
  });
});
