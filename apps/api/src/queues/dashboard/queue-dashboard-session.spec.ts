import { isTicket, newTicket, signSession, verifySession } from './queue-dashboard-session';

const SECRET = 'a-jwt-secret-that-is-long-enough-0123456789';
const USER = '6f1c2a57-1e1b-4a43-9b41-3c2d9d0a1b2c';

describe('queue dashboard session cookie', () => {
  const now = 1_800_000_000;

  it('accepts its own value until it expires', () => {
    const value = signSession(SECRET, USER, now + 60);
    expect(verifySession(SECRET, value, now)).toBe(USER);
    expect(verifySession(SECRET, value, now + 61)).toBeNull();
  });

  it('refuses a changed user, expiry or signature, another secret, and junk', () => {
    const value = signSession(SECRET, USER, now + 60);
    const [, exp, sig] = value.split('.');
    expect(verifySession(SECRET, `${USER.replace('6', '7')}.${exp}.${sig}`, now)).toBeNull();
    expect(verifySession(SECRET, `${USER}.${Number(exp) + 3600}.${sig}`, now)).toBeNull();
    expect(verifySession(SECRET, `${USER}.${exp}.${sig!.slice(0, -2)}AA`, now)).toBeNull();
    expect(verifySession(`${SECRET}x`, value, now)).toBeNull();
    for (const junk of [undefined, '', 'a.b.c', `${value}.x`, 42])
      expect(verifySession(SECRET, junk, now)).toBeNull();
  });

  it('makes tickets of 256 random bits, url-safe', () => {
    const a = newTicket();
    expect(isTicket(a)).toBe(true);
    expect(a).not.toBe(newTicket());
    expect(isTicket('short')).toBe(false);
    expect(isTicket(`${a.slice(0, -1)}/`)).toBe(false);
  });
});
