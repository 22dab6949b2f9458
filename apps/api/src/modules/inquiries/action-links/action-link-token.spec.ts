import { randomUUID } from 'node:crypto';
import { signActionLink, verifyActionLink, type ActionLinkClaims } from './action-link-token';

const key = Buffer.alloc(32, 7);
const claims: ActionLinkClaims = {
  purpose: 'mark-handled',
  inquiryId: randomUUID(),
  accountId: randomUUID(),
  nonce: randomUUID(),
  exp: 1_800_000_000,
};

describe('action link tokens (R8.4)', () => {
  it('round-trips the claims', () => {
    expect(verifyActionLink(key, signActionLink(key, claims))).toEqual(claims);
  });

  it('refuses a token signed with another key', () => {
    expect(verifyActionLink(Buffer.alloc(32, 8), signActionLink(key, claims))).toBeNull();
  });

  it('refuses a payload changed to another inquiry, keeping the old signature', () => {
    const [, signature] = signActionLink(key, claims).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        p: 'mark-handled',
        i: randomUUID(),
        a: claims.accountId,
        n: claims.nonce,
        e: claims.exp,
      }),
    ).toString('base64url');
    expect(verifyActionLink(key, `${forged}.${signature}`)).toBeNull();
  });

  it('refuses another purpose even when correctly signed', () => {
    const other = signActionLink(key, { ...claims, purpose: 'delete' as 'mark-handled' });
    expect(verifyActionLink(key, other)).toBeNull();
  });

  it.each(['', '.', 'abc', 'a.b.c', 'not base64!.x'])('refuses the malformed token %p', (token) => {
    expect(verifyActionLink(key, token)).toBeNull();
  });
});
