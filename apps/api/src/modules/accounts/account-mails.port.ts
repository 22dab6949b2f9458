/**
 * The mails accounts queues itself, straight away, through this port (the notifications module
 * implements it: notifications/account-mails.adapter.ts), so accounts imports nothing of
 * notifications. These stay off the outbox on purpose: the confirmation and invitation mails carry
 * a one-time link whose token is stored only hashed, and an outbox row would keep it in clear in
 * PostgreSQL; the sign-up notice answers no change at all. Every other lifecycle mail is an outbox
 * event (outbox/events.ts).
 */
export interface AccountMails {
  /** R1.1: the sign-up's confirmation link; `key` (the confirmation id) makes it one mail. */
  confirmEmail(
    to: string,
    data: { name: string; confirmUrl: string; expiresInHours: number },
    key: string,
  ): Promise<void>;
  /** R1.2: an invitation to join an account's team. */
  invitation(
    to: string,
    data: {
      accountName: string;
      inviterName: string | null;
      role: 'owner' | 'member';
      acceptUrl: string;
      expiresInDays: number;
    },
    key: string,
  ): Promise<void>;
  /** Someone signed up with an address that already has a user (ASVS 6.6). */
  signupExistingAccount(to: string, data: { name: string; loginUrl: string }, key: string): Promise<void>;
}

export const ACCOUNT_MAILS = Symbol('ACCOUNT_MAILS');
