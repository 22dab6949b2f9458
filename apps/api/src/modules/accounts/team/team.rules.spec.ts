import {
  assertInvitationUsable,
  assertKeepsAnOwner,
  assertMayChangeRoles,
  assertMayInvite,
  assertMayRemove,
  invitationState,
} from './team.rules';

const codeOf = (fn: () => void): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    return (err as { code: string }).code;
  }
};

describe('team rules', () => {
  it('lets an owner invite anyone and a member only members', () => {
    expect(codeOf(() => assertMayInvite('owner', 'owner'))).toBeNull();
    expect(codeOf(() => assertMayInvite('owner', 'member'))).toBeNull();
    expect(codeOf(() => assertMayInvite('member', 'member'))).toBeNull();
    expect(codeOf(() => assertMayInvite('member', 'owner'))).toBe('FORBIDDEN');
  });

  it('lets owners remove anyone and anyone leave', () => {
    expect(codeOf(() => assertMayRemove({ userId: 'a', role: 'owner' }, 'b'))).toBeNull();
    expect(codeOf(() => assertMayRemove({ userId: 'a', role: 'member' }, 'a'))).toBeNull();
    expect(codeOf(() => assertMayRemove({ userId: 'a', role: 'member' }, 'b'))).toBe('FORBIDDEN');
  });

  it('lets only owners change roles', () => {
    expect(codeOf(() => assertMayChangeRoles('owner'))).toBeNull();
    expect(codeOf(() => assertMayChangeRoles('member'))).toBe('FORBIDDEN');
  });

  it('never lets the last owner go, by removal or demotion', () => {
    expect(codeOf(() => assertKeepsAnOwner({ role: 'owner' }, null, 1))).toBe('LAST_OWNER');
    expect(codeOf(() => assertKeepsAnOwner({ role: 'owner' }, 'member', 1))).toBe('LAST_OWNER');
    expect(codeOf(() => assertKeepsAnOwner({ role: 'owner' }, 'owner', 1))).toBeNull();
    expect(codeOf(() => assertKeepsAnOwner({ role: 'owner' }, null, 2))).toBeNull();
    expect(codeOf(() => assertKeepsAnOwner({ role: 'member' }, null, 1))).toBeNull();
  });

  it('tells each state of an invitation apart, accepted first', () => {
    const now = new Date('2026-11-25T00:00:00Z');
    const later = new Date('2026-12-02T00:00:00Z');
    const earlier = new Date('2026-11-24T00:00:00Z');
    const base = { acceptedAt: null, revokedAt: null, expiresAt: later };
    expect(invitationState(base, now)).toBe('open');
    expect(invitationState({ ...base, expiresAt: now }, now)).toBe('expired');
    expect(invitationState({ ...base, revokedAt: earlier, expiresAt: earlier }, now)).toBe('revoked');
    expect(invitationState({ ...base, acceptedAt: earlier, expiresAt: earlier }, now)).toBe('accepted');
    expect(codeOf(() => assertInvitationUsable(null, now))).toBe('INVITATION_INVALID');
    expect(codeOf(() => assertInvitationUsable({ ...base, expiresAt: earlier }, now))).toBe(
      'INVITATION_EXPIRED',
    );
    expect(codeOf(() => assertInvitationUsable({ ...base, revokedAt: earlier }, now))).toBe(
      'INVITATION_REVOKED',
    );
    expect(codeOf(() => assertInvitationUsable({ ...base, acceptedAt: earlier }, now))).toBe(
      'INVITATION_USED',
    );
    expect(codeOf(() => assertInvitationUsable(base, now))).toBeNull();
  });
});
