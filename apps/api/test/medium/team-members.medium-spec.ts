import type { AuthUser } from '../../src/common/auth/auth-user';
import { InvitationAcceptanceService } from '../../src/modules/accounts/team/invitation-acceptance.service';
import { TeamService } from '../../src/modules/accounts/team/team.service';
import { GOOD_PASSWORD } from '../support/auth-helpers';
import { insertAccount } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';
import { insertPerson } from '../support/people';
import { insertInvitation, TEAM_IMPORTS, TEAM_PROVIDERS } from '../support/team';

// R1.2: the account always keeps an owner — who may change roles and remove people, the last
// owner, concurrent removals and demotions decided one after the other — and the states of an
// invitation link (used, unknown, expired, withdrawn), against TeamService and
// InvitationAcceptanceService with their real repositories. The routes (status codes, problem
// bodies, the mailed link, sessions ending, another account's ids) keep their cases in
// team.e2e-spec.

let m: MediumContext;
let team: TeamService;
let invitations: InvitationAcceptanceService;

beforeAll(async () => {
  m = await startMedium({ providers: TEAM_PROVIDERS, imports: TEAM_IMPORTS });
  team = m.get(TeamService);
  invitations = m.get(InvitationAcceptanceService);
});
afterAll(() => m?.close());

const newAccount = () => insertAccount(m, { state: 'active' });
const ownerCount = async (accountId: string) =>
  (await m.sql(`SELECT 1 FROM users WHERE account_id = $1 AND role = 'owner'`, [accountId])).length;
const roleOf = async (userId: string) =>
  (await m.sql<{ role: string }>(`SELECT role FROM users WHERE id = $1`, [userId]))[0]?.role;

describe('roles and the last owner', () => {
  it('only owners change roles or remove others (FORBIDDEN)', async () => {
    const accountId = await newAccount();
    const owner = await insertPerson(m, accountId, { role: 'owner' });
    const member = await insertPerson(m, accountId, { role: 'member' });
    await expect(team.changeRole(member, owner.userId, 'member')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(team.changeRole(member, member.userId, 'owner')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(team.removeMember(member, owner.userId)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await roleOf(owner.userId)).toBe('owner');
    expect(await roleOf(member.userId)).toBe('member');
  });

  it('the last owner can be neither demoted nor removed, even by themselves (LAST_OWNER)', async () => {
    const accountId = await newAccount();
    const owner = await insertPerson(m, accountId, { role: 'owner' });
    await insertPerson(m, accountId, { role: 'member' });
    await expect(team.changeRole(owner, owner.userId, 'member')).rejects.toMatchObject({
      code: 'LAST_OWNER',
    });
    await expect(team.removeMember(owner, owner.userId)).rejects.toMatchObject({ code: 'LAST_OWNER' });
    expect(await roleOf(owner.userId)).toBe('owner');
  });

  it('once another owner is made, the first may step down; the history has both changes', async () => {
    const accountId = await newAccount();
    const owner = await insertPerson(m, accountId, { role: 'owner' });
    const member = await insertPerson(m, accountId, { role: 'member' });
    expect(await team.changeRole(owner, member.userId, 'owner')).toMatchObject({
      id: member.userId,
      role: 'owner',
    });
    await team.changeRole(owner, owner.userId, 'member');
    expect([await roleOf(owner.userId), await roleOf(member.userId)]).toEqual(['member', 'owner']);
    const history = await m.sql<{ detail: { from: string; to: string } }>(
      `SELECT detail FROM account_history WHERE account_id = $1 AND kind = 'member.role_changed' ORDER BY id`,
      [accountId],
    );
    expect(history.map((h) => [h.detail.from, h.detail.to])).toEqual([
      ['member', 'owner'],
      ['owner', 'member'],
    ]);
  });

  it('a member may leave, which the history tells apart from a removal', async () => {
    const accountId = await newAccount();
    const owner = await insertPerson(m, accountId, { role: 'owner' });
    const leaver = await insertPerson(m, accountId, { role: 'member' });
    const removed = await insertPerson(m, accountId, { role: 'member', name: '佐藤 次郎' });
    await team.removeMember(leaver, leaver.userId);
    await team.removeMember(owner, removed.userId);
    const history = await m.sql<{ detail: { userId: string; left: boolean } }>(
      `SELECT detail FROM account_history WHERE account_id = $1 AND kind = 'member.removed' ORDER BY id`,
      [accountId],
    );
    expect(history.map((h) => [h.detail.userId, h.detail.left])).toEqual([
      [leaver.userId, true],
      [removed.userId, false],
    ]);
    expect((await team.listMembers(owner)).map((x) => x.id)).toEqual([owner.userId]);
  });
});

describe('two owners at once: the account keeps one', () => {
  async function twoOwners(): Promise<[string, AuthUser, AuthUser]> {
    const accountId = await newAccount();
    return [
      accountId,
      await insertPerson(m, accountId, { role: 'owner' }),
      await insertPerson(m, accountId, { role: 'owner', name: '鈴木 花子' }),
    ];
  }

  it('of two owners removing each other, exactly one succeeds; the other gets LAST_OWNER', async () => {
    for (let i = 0; i < 3; i++) {
      const [accountId, a, b] = await twoOwners();
      const results = await Promise.allSettled([
        team.removeMember(a, b.userId),
        team.removeMember(b, a.userId),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason).toMatchObject({
        code: 'LAST_OWNER',
      });
      expect(await ownerCount(accountId)).toBe(1);
    }
  });

  it('of two demotions of the two owners, exactly one succeeds', async () => {
    for (let i = 0; i < 3; i++) {
      const [accountId, a, b] = await twoOwners();
      const results = await Promise.allSettled([
        team.changeRole(a, b.userId, 'member'),
        team.changeRole(a, a.userId, 'member'),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!.reason).toMatchObject({
        code: 'LAST_OWNER',
      });
      expect(await ownerCount(accountId)).toBe(1);
    }
  });
});

describe('invitation links', () => {
  const acceptWith = (token: string) =>
    invitations.accept({ token, name: '招待 太郎', password: GOOD_PASSWORD });
  const usersWith = (email: string) => m.sql(`SELECT 1 FROM users WHERE email = $1`, [email]);

  it('an open link shows the account and joins once; used again it is INVITATION_USED', async () => {
    const accountId = await insertAccount(m, { type: 'corporation', state: 'active' });
    const used = await insertInvitation(m, accountId, { role: 'member' });
    expect(await invitations.preview(used.token)).toMatchObject({
      role: 'member',
      email: used.email,
      invitedByName: '山田 太郎',
    });
    const joined = await acceptWith(used.token);
    expect(joined.me).toMatchObject({ email: used.email, role: 'member', account: { id: accountId } });
    await expect(acceptWith(used.token)).rejects.toMatchObject({ code: 'INVITATION_USED' });
    await expect(invitations.preview(used.token)).rejects.toMatchObject({ code: 'INVITATION_USED' });
    expect(await usersWith(used.email)).toHaveLength(1);
  });

  it.each<[state: string, seed: { expiresAt?: Date; revoked?: boolean }, code: string]>([
    ['expired a minute ago', { expiresAt: new Date(Date.now() - 60_000) }, 'INVITATION_EXPIRED'],
    ['withdrawn', { revoked: true }, 'INVITATION_REVOKED'],
  ])('a link %s answers %s and creates nobody', async (_state, seed, code) => {
    const invited = await insertInvitation(m, await newAccount(), seed);
    await expect(invitations.preview(invited.token)).rejects.toMatchObject({ code });
    await expect(acceptWith(invited.token)).rejects.toMatchObject({ code });
    expect(await usersWith(invited.email)).toHaveLength(0);
  });

  it('an unknown link is INVITATION_INVALID', async () => {
    await expect(acceptWith('made-up-token')).rejects.toMatchObject({ code: 'INVITATION_INVALID' });
    await expect(invitations.preview('made-up-token')).rejects.toMatchObject({ code: 'INVITATION_INVALID' });
  });

  it('a link used twice at the same time joins once', async () => {
    const invited = await insertInvitation(m, await newAccount());
    const results = await Promise.allSettled([acceptWith(invited.token), acceptWith(invited.token)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    // both answer 409: the link was used, or its address has just become a user
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')!;
    expect(['INVITATION_USED', 'EMAIL_TAKEN']).toContain(lost.reason.code);
    expect(await usersWith(invited.email)).toHaveLength(1);
  });
});
