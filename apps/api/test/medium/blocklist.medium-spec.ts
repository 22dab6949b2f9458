import type { AuthUser } from '../../src/common/auth/auth-user';
import { BlocklistService } from '../../src/modules/calls/blocklist.service';
import { CallerBlocksRepository } from '../../src/modules/calls/caller-blocks.repository';
import { insertAccount } from '../support/factories';
import { insertPerson } from '../support/people';
import { startMedium, type MediumContext } from '../support/medium';

// R4.9: a customer's blocklist — numbers in any usual notation stored once each, and each
// account's list its own — against BlocklistService and its real repository. That a blocked caller
// reaches no one (the webhook), the request's shape and who may call keep their cases in
// telephony.e2e-spec.

let m: MediumContext;
let blocklist: BlocklistService;
beforeAll(async () => {
  m = await startMedium({ providers: [BlocklistService, CallerBlocksRepository] });
  blocklist = m.get(BlocklistService);
});
afterAll(() => m?.close());

/** The owner of a new customer account, as the token would show them. */
async function customerOwner(): Promise<AuthUser> {
  return insertPerson(m, await insertAccount(m));
}

it('stores a number in any usual notation as E.164, once: the same number again is CALLER_ALREADY_BLOCKED', async () => {
  const x = await customerOwner();
  const entry = await blocklist.add(x, { number: '03-1111-2222', note: '営業電話' });
  expect(entry).toMatchObject({ e164: '+81311112222', display: '03-1111-2222', note: '営業電話' });
  for (const number of ['0311112222', '+81 3 1111 2222']) {
    await expect(blocklist.add(x, { number })).rejects.toMatchObject({ code: 'CALLER_ALREADY_BLOCKED' });
  }
  expect((await blocklist.list(x)).items).toEqual([
    expect.objectContaining({ id: entry.id, e164: '+81311112222' }),
  ]);
});

it.each(['12345', 'abc', '+1 212 555 1234'])(
  'refuses %s (PHONE_NUMBER_INVALID on /body/number)',
  async (number) => {
    const x = await customerOwner();
    await expect(blocklist.add(x, { number })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      options: {
        fieldErrors: [expect.objectContaining({ pointer: '/body/number', code: 'PHONE_NUMBER_INVALID' })],
      },
    });
    expect((await blocklist.list(x)).items).toEqual([]);
  },
);

it("keeps each account's list to itself: another account neither sees nor removes an entry", async () => {
  const x = await customerOwner();
  const y = await customerOwner();
  const entry = await blocklist.add(x, { number: '090-5555-1234' });
  // the same number on another account's list is that account's own entry
  const theirs = await blocklist.add(y, { number: '090-5555-1234' });
  expect(theirs.id).not.toBe(entry.id);
  await expect(blocklist.remove(y, entry.id)).rejects.toMatchObject({ code: 'CALLER_BLOCK_NOT_FOUND' });
  expect((await blocklist.list(x)).items.map((e) => e.id)).toEqual([entry.id]);

  await blocklist.remove(x, entry.id);
  expect((await blocklist.list(x)).items).toEqual([]);
  await expect(blocklist.remove(x, entry.id)).rejects.toMatchObject({ code: 'CALLER_BLOCK_NOT_FOUND' });
  expect((await blocklist.list(y)).items.map((e) => e.id)).toEqual([theirs.id]);
});
