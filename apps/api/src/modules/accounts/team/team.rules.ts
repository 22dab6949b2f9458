import type { CustomerRole } from '@bc/domain';
import { DomainError } from '../../../common/errors/domain-error';

/** R1.2: how long a mailed invitation link works. */
export const INVITATION_TTL_DAYS = 7;
/** At most this many open invitations per account (each one mails a stranger). */
export const MAX_OPEN_INVITATIONS = 50;
/** At most this many active (not revoked) API keys per account. */
export const MAX_ACTIVE_API_KEYS = 20;

/**
 * Who may invite whom (and re-send or withdraw that invitation): an owner anyone, a member only
 * members — a member can never hand out more power than they have.
 */
export function assertMayInvite(actorRole: CustomerRole, invitedRole: CustomerRole): void {
  if (invitedRole === 'owner' && actorRole !== 'owner') {
    throw new DomainError('FORBIDDEN', 'Only an owner can invite an owner.');
  }
}

/** Owners remove anyone; anyone may leave (remove themselves). */
export function assertMayRemove(actor: { userId: string; role: CustomerRole }, targetId: string): void {
  if (actor.role !== 'owner' && actor.userId !== targetId) {
    throw new DomainError('FORBIDDEN', 'Only an owner can remove another member.');
  }
}

/** Only owners change roles. */
export function assertMayChangeRoles(actorRole: CustomerRole): void {
  if (actorRole !== 'owner') throw new DomainError('FORBIDDEN', 'Only an owner can change roles.');
}

/**
 * The account always keeps an owner: the last one can be neither removed (nor leave) nor demoted.
 * `ownerCount` must be read under the account's lock so concurrent changes are decided in turn.
 */
export function assertKeepsAnOwner(
  target: { role: CustomerRole },
  nextRole: CustomerRole | null,
  ownerCount: number,
): void {
  const losesOwner = target.role === 'owner' && nextRole !== 'owner';
  if (losesOwner && ownerCount <= 1) {
    throw new DomainError('LAST_OWNER', 'The account must keep at least one owner.');
  }
}

export type InvitationState = 'open' | 'accepted' | 'revoked' | 'expired';

export function invitationState(
  inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now = new Date(),
): InvitationState {
  if (inv.acceptedAt) return 'accepted';
  if (inv.revokedAt) return 'revoked';
  if (inv.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'open';
}

/** Each closed link has its own code, so the invitation page can say plainly what happened. */
export function assertInvitationUsable(
  inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date } | null,
  now = new Date(),
): void {
  if (!inv) throw new DomainError('INVITATION_INVALID', 'This invitation link is not valid.');
  switch (invitationState(inv, now)) {
    case 'accepted':
      throw new DomainError('INVITATION_USED', 'This invitation was already accepted; log in instead.');
    case 'revoked':
      throw new DomainError('INVITATION_REVOKED', 'This invitation was withdrawn.');
    case 'expired':
      throw new DomainError('INVITATION_EXPIRED', 'This invitation has expired; ask for a new one.');
    case 'open':
      return;
  }
}
