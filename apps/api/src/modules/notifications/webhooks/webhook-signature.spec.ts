import { createHmac } from 'node:crypto';
import { sign, verify } from './webhook-signature';

const secret = 'whsec_test_0123456789abcdef';
const body = JSON.stringify({ id: 'evt_1', type: 'ping', createdAt: '2026-11-25T00:00:00.000Z', data: {} });
const t = 1_795_000_000;

it('signs "<t>.<raw body>" with HMAC-SHA256, hex', () => {
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  expect(sign(body, secret, t)).toBe(`t=${t},v1=${expected}`);
});

it('accepts its own signature within the tolerance', () => {
  expect(verify(body, sign(body, secret, t), secret, 300, t + 299)).toEqual({ ok: true, timestamp: t });
  expect(verify(Buffer.from(body), sign(body, secret, t), secret, 300, t - 10)).toEqual({
    ok: true,
    timestamp: t,
  });
});

it('refuses a tampered body, another secret, an old or future timestamp', () => {
  const header = sign(body, secret, t);
  expect(verify(body.replace('ping', 'pong'), header, secret, 300, t)).toEqual({
    ok: false,
    reason: 'signature_mismatch',
  });
  expect(verify(body, header, 'whsec_other', 300, t).ok).toBe(false);
  expect(verify(body, header, secret, 300, t + 301)).toEqual({
    ok: false,
    reason: 'timestamp_out_of_tolerance',
  });
  expect(verify(body, header, secret, 300, t - 301)).toEqual({
    ok: false,
    reason: 'timestamp_out_of_tolerance',
  });
});

it('refuses a re-dated signature (the timestamp is signed too)', () => {
  const v1 = sign(body, secret, t).split('v1=')[1];
  expect(verify(body, `t=${t + 100},v1=${v1}`, secret, 300, t + 100).ok).toBe(false);
});

it('accepts any one of several v1 values (secret rotation) and ignores unknown schemes', () => {
  const good = sign(body, secret, t).split('v1=')[1];
  const other = sign(body, 'whsec_old', t).split('v1=')[1];
  expect(verify(body, `t=${t},v1=${other},v1=${good}`, secret, 300, t).ok).toBe(true);
  expect(verify(body, `t=${t}, v0=abc, v1=${good}`, secret, 300, t).ok).toBe(true);
  expect(verify(body, `t=${t},v1=${other},v1=${other}`, secret, 300, t).ok).toBe(false);
});

it('refuses malformed headers', () => {
  for (const header of [
    undefined,
    '',
    'nonsense',
    `t=${t}`,
    'v1=' + 'a'.repeat(64),
    `t=abc,v1=${'a'.repeat(64)}`,
    `t=${t},v1=xyz`,
  ]) {
    expect(verify(body, header, secret, 300, t)).toEqual({ ok: false, reason: 'malformed_header' });
  }
});
