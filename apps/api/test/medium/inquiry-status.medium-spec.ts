import type { AuthUser } from '../../src/common/auth/auth-user';
import { CustomerInquiriesService } from '../../src/modules/inquiries/customer/customer-inquiries.service';
import { CUSTOMER_INQUIRY_PROVIDERS } from '../support/customer-inquiries';
import { insertAccount } from '../support/factories';
import { insertInquiries } from '../support/inquiries';
import { startMedium, type MediumContext } from '../support/medium';
import { insertPerson } from '../support/people';

// R4.3 and R8.7: an inquiry's status with its history (who and when, nothing written when
// unchanged, the bulk action on the caller's own rows only) and the inbox's assignee, against
// CustomerInquiriesService and its real repositories. The routes (PATCH /inquiries/:id,
// POST /inquiries/status, PUT /inquiries/:id/assignee: status codes, 422 problem bodies, another
// account's ids, API keys) keep their cases in inquiries.e2e-spec.

let m: MediumContext;
let service: CustomerInquiriesService;

beforeAll(async () => {
  m = await startMedium({ providers: CUSTOMER_INQUIRY_PROVIDERS });
  service = m.get(CustomerInquiriesService);
});
afterAll(() => m?.close());

/** A new account with its owner (山田 太郎) and a member (鈴木 一郎). */
async function team() {
  const accountId = await insertAccount(m, { state: 'active' });
  const owner = await insertPerson(m, accountId, { role: 'owner' });
  const member = await insertPerson(m, accountId, { role: 'member' });
  return { accountId, owner, member };
}

const statusRows = (ids: string[]) =>
  m.sql<{ id: string; status: string; changed: boolean }>(
    `SELECT id, status, status_changed_at IS NOT NULL AS changed FROM inquiries WHERE id = ANY($1::uuid[])`,
    [ids],
  );
const historyOf = (ids: string[]) =>
  m.sql<{ inquiry_id: string; to_status: string; actor_id: string }>(
    `SELECT inquiry_id, to_status, actor_id FROM inquiry_status_changes
      WHERE inquiry_id = ANY($1::uuid[]) ORDER BY changed_at, id`,
    [ids],
  );
const outboxEventsFor = async (ids: string[]) =>
  (
    await m.sql<{ inquiry_id: string }>(
      `SELECT payload->>'inquiryId' AS inquiry_id FROM outbox_events
        WHERE type = 'inquiry.status_changed' AND payload->>'inquiryId' = ANY($1)`,
      [ids],
    )
  ).map((r) => r.inquiry_id);

describe('status changes and their history (R4.3)', () => {
  it('writes who and when, nothing when unchanged, and each later change by its own person', async () => {
    const { accountId, owner, member } = await team();
    const [id] = await insertInquiries(m, accountId, [{}]);

    const handled = await service.updateStatus(owner, id, 'handled');
    expect(handled).toMatchObject({ status: 'handled', statusChangedByName: '山田 太郎' });
    expect(handled.statusHistory).toEqual([
      expect.objectContaining({
        fromStatus: 'unhandled',
        toStatus: 'handled',
        actorKind: 'customer',
        actorName: '山田 太郎',
      }),
    ]);
    // the same status again: nothing written
    await service.updateStatus(owner, id, 'handled');
    expect(await historyOf([id])).toEqual([{ inquiry_id: id, to_status: 'handled', actor_id: owner.userId }]);
    expect(await outboxEventsFor([id])).toEqual([id]);

    const back = await service.updateStatus(member, id, 'unhandled');
    expect(back.statusHistory.map((h) => [h.toStatus, h.actorName])).toEqual([
      ['handled', '山田 太郎'],
      ['unhandled', '鈴木 一郎'],
    ]);
    expect(back.statusChangedByName).toBe('鈴木 一郎');
  });

  it("never changes another account's inquiry by id (INQUIRY_NOT_FOUND), writing nothing", async () => {
    const a = await team();
    const b = await team();
    const [theirs] = await insertInquiries(m, b.accountId, [{}]);
    await expect(service.updateStatus(a.owner, theirs, 'handled')).rejects.toMatchObject({
      code: 'INQUIRY_NOT_FOUND',
    });
    expect(await statusRows([theirs])).toEqual([{ id: theirs, status: 'unhandled', changed: false }]);
    expect(await historyOf([theirs])).toEqual([]);
  });

  it("the bulk action changes the caller's own rows that differ, once each, and answers their ids", async () => {
    const a = await team();
    const b = await team();
    const mine = await insertInquiries(m, a.accountId, [{}, {}, {}, { status: 'handled' }]);
    const theirs = await insertInquiries(m, b.accountId, [{}, {}]);

    const res = await service.bulkUpdateStatus(
      a.owner,
      // another account's, an unknown id, and one of mine twice (once in capitals)
      [...mine, ...theirs, '00000000-0000-4000-8000-000000000000', mine[0].toUpperCase()],
      'handled',
    );
    expect([...res.updatedIds].sort()).toEqual(mine.slice(0, 3).sort());
    for (const row of await statusRows([...mine, ...theirs])) {
      expect(row.status).toBe(mine.includes(row.id) ? 'handled' : 'unhandled');
    }
    expect((await historyOf([...mine, ...theirs])).map((h) => h.inquiry_id).sort()).toEqual(
      mine.slice(0, 3).sort(),
    );
    expect((await statusRows(theirs)).filter((r) => r.changed)).toEqual([]);
    expect((await outboxEventsFor([...mine, ...theirs])).sort()).toEqual(mine.slice(0, 3).sort());
  });
});

describe('the inbox assignee (R8.7)', () => {
  it('lists the owners and members who can be assigned, by name', async () => {
    const { accountId, owner, member } = await team();
    const other = await team();
    const people = await service.assignees(member);
    expect(people.items.map((p) => p.id).sort()).toEqual([owner.userId, member.userId].sort());
    expect(people.items.map((p) => p.id)).not.toContain(other.owner.userId);
    expect(accountId).toBe(member.accountId);
  });

  it('assigns to a member of the same account, filters by assignee, and unassigns', async () => {
    const { accountId, owner, member } = await team();
    const [first, second] = await insertInquiries(m, accountId, [{}, {}]);

    expect(await service.assign(owner, first, member.userId)).toMatchObject({
      assigneeUserId: member.userId,
      assigneeName: '鈴木 一郎',
    });
    const ids = async (user: AuthUser, assignee: string) =>
      (await service.list(user, { assignee, limit: 100 })).items.map((i) => i.id);
    expect(await ids(member, 'me')).toEqual([first]);
    expect(await ids(owner, 'me')).toEqual([]);
    expect(await ids(owner, member.userId)).toEqual([first]);
    expect(await ids(owner, member.userId.toUpperCase())).toEqual([first]);
    expect(await ids(owner, 'unassigned')).toEqual([second]);

    expect(await service.assign(owner, first, null)).toMatchObject({
      assigneeUserId: null,
      assigneeName: null,
    });
    expect((await ids(owner, 'unassigned')).sort()).toEqual([first, second].sort());
  });

  it("refuses another account's person (ASSIGNEE_NOT_MEMBER) and another account's inquiry (INQUIRY_NOT_FOUND)", async () => {
    const a = await team();
    const b = await team();
    const [mine] = await insertInquiries(m, a.accountId, [{}]);
    const [theirs] = await insertInquiries(m, b.accountId, [{}]);
    await expect(service.assign(a.owner, mine, b.member.userId)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      options: {
        fieldErrors: [expect.objectContaining({ pointer: '/body/userId', code: 'ASSIGNEE_NOT_MEMBER' })],
      },
    });
    await expect(service.assign(a.owner, theirs, a.owner.userId)).rejects.toMatchObject({
      code: 'INQUIRY_NOT_FOUND',
    });
    expect(
      await m.sql(`SELECT assignee_user_id FROM inquiries WHERE id = ANY($1::uuid[])`, [[mine, theirs]]),
    ).toEqual([{ assignee_user_id: null }, { assignee_user_id: null }]);
  });

  it('an API key cannot ask for "me": it is not a person', async () => {
    const { owner } = await team();
    await expect(
      service.list(
        { ...owner, apiKeyId: '00000000-0000-4000-8000-000000000001' },
        { assignee: 'me', limit: 20 },
      ),
    ).rejects.toMatchObject({
      options: {
        fieldErrors: [
          expect.objectContaining({ pointer: '/query/assignee', code: 'ASSIGNEE_ME_WITH_API_KEY' }),
        ],
      },
    });
  });
});
