import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from '../support/test-app';
import { signUpCustomer, staffSession } from '../support/auth-helpers';
import { insertInquiries } from '../support/inquiries';
import { fillPath, isStream, openApi as doc, sample, setAt, type Operation } from '../support/openapi';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * Issue 15: no hostile request gets a 5xx. Every operation of the committed OpenAPI document is sent
 * a few payloads an attacker would try (NUL, lone surrogates, invalid UTF-8, deep nesting, broken
 * percent-encoding) with a valid session; every answer must be below 500, every 4xx problem+json,
 * and the API must still be healthy at the end.
 */

/** JSON pointers (as key paths) of every string leaf in a sample body. */
function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringPaths(v, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

function leafPaths(
  value: unknown,
  keep: (v: unknown) => boolean,
  path: (string | number)[] = [],
): (string | number)[][] {
  if (keep(value)) return [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => leafPaths(v, keep, [...path, i]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => leafPaths(v, keep, [...path, k]));
  return [];
}

const DEPTH = 5000;
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);

/** Hostile path segments: raw, as they go on the wire. */
const HOSTILE_SEGMENTS = ['%ff%fe', '%C0%AE', '%00', '%ED%A0%80', 'a%'];
/** Hostile query values, raw. */
const HOSTILE_QUERY_VALUES = ['%00', '%ff%fe', '%C0%AE', '%ED%A0%80', 'x%', '%uD800'];

interface HostileRequest {
  label: string;
  method: string;
  url: string;
  body?: string | Buffer;
  contentType?: string;
}

/** The requests sent to one operation. */
function hostileRequests(method: string, path: string, op: Operation): HostileRequest[] {
  const out: HostileRequest[] = [];
  const queryNames = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const validUrl = fillPath(path, () => randomUUID());
  const hasPathParams = path.includes('{');
  const json = op.requestBody?.content['application/json'];
  const body = json ? sample(json.schema) : undefined;
  const bodyText = body === undefined ? undefined : JSON.stringify(body);
  const withBody = (r: Omit<HostileRequest, 'method'>): HostileRequest => ({
    method,
    ...(bodyText !== undefined && r.body === undefined
      ? { body: bodyText, contentType: 'application/json' }
      : {}),
    ...r,
  });

  if (hasPathParams) {
    for (const seg of HOSTILE_SEGMENTS) {
      out.push(withBody({ label: `path ${seg}`, url: fillPath(path, () => seg) }));
    }
  }
  for (const v of [...HOSTILE_QUERY_VALUES, '1e308', '-99999999999999999999', 'x'.repeat(3000)]) {
    const names = [...new Set(['q', ...queryNames])];
    out.push(
      withBody({ label: `query ${v}`, url: `${validUrl}?${names.map((n) => `${n}=${v}`).join('&')}` }),
    );
  }
  if (json) {
    for (const p of stringPaths(body)) {
      for (const [what, value] of [
        ['NUL', 'a\u0000b'],
        ['lone surrogate', 'a\ud800b'],
      ] as const) {
        out.push({
          label: `${what} at /${p.join('/')}`,
          method,
          url: validUrl,
          body: JSON.stringify(setAt(body, p, value)),
          contentType: 'application/json',
        });
      }
      // invalid UTF-8 bytes inside the string, raw on the wire
      const marker = '__INVALID_UTF8__';
      const text = JSON.stringify(setAt(body, p, marker));
      const [before, after] = text.split(marker);
      out.push({
        label: `invalid UTF-8 at /${p.join('/')}`,
        method,
        url: validUrl,
        body: Buffer.concat([Buffer.from(before), Buffer.from([0xff, 0xfe, 0xc0, 0xae]), Buffer.from(after)]),
        contentType: 'application/json',
      });
    }
    for (const p of leafPaths(body, (v) => typeof v === 'number')) {
      for (const value of [1e308, -1e308, 2 ** 31, 2 ** 63, 1.5, -1, '1']) {
        out.push({
          label: `number ${value} at /${p.join('/')}`,
          method,
          url: validUrl,
          body: JSON.stringify(setAt(body, p, value)),
          contentType: 'application/json',
        });
      }
    }
    for (const p of stringPaths(body)) {
      for (const value of [12345, 'x'.repeat(20_000), ['a'], { a: 'b' }, 'ｱｲｳ漢字한국어العربية🇯🇵']) {
        out.push({
          label: `wrong or odd value at /${p.join('/')}`,
          method,
          url: validUrl,
          body: JSON.stringify(setAt(body, p, value)),
          contentType: 'application/json',
        });
      }
    }
    const first = stringPaths(body)[0];
    if (first) {
      const marker = '"__DEEP__"';
      const text = JSON.stringify(setAt(body, first, '__DEEP__'));
      out.push({
        label: `deep nesting at /${first.join('/')}`,
        method,
        url: validUrl,
        body: text.replace(marker, deepObject),
        contentType: 'application/json',
      });
    }
    out.push({
      label: 'deep array body',
      method,
      url: validUrl,
      body: deepArray,
      contentType: 'application/json',
    });
    out.push({
      label: 'deep object body',
      method,
      url: validUrl,
      body: deepObject,
      contentType: 'application/json',
    });
    out.push({
      label: 'NUL in a key',
      method,
      url: validUrl,
      body: JSON.stringify({ ...(body as object), 'a\u0000': 1 }),
      contentType: 'application/json',
    });
  }
  return out;
}

let t: TestApp;
let customerToken: string;
let customerAccountId: string;
let staffToken: string;
beforeAll(async () => {
  t = await startTestApp();
  const { session } = await signUpCustomer(t);
  customerToken = session.accessToken;
  customerAccountId = session.user.account.id;
  staffToken = (await staffSession(t, 'admin')).accessToken;
});
afterAll(() => t.close());

function send(r: HostileRequest, token: string | undefined) {
  let req = t.http()[r.method as 'get'](r.url).timeout({ response: 10_000 });
  if (token) req = req.set('authorization', `Bearer ${token}`);
  // raw bytes as given: superagent would otherwise serialise a Buffer as {"type":"Buffer",…}
  if (r.body !== undefined)
    req = req
      .set('content-type', r.contentType ?? 'application/json')
      .serialize((b: unknown) => b as string)
      .send(r.body);
  return req.then(
    (res) => ({ status: res.status, type: String(res.headers['content-type'] ?? ''), body: res.text }),
    (err: Error & { timeout?: number }) => ({
      status: err.timeout ? 'timeout' : `error ${err.message}`,
      type: '',
      body: '',
    }),
  );
}

describe('every operation of the OpenAPI document, given hostile input', () => {
  it('never answers 5xx, answers every 4xx as problem+json, and stays healthy', async () => {
    const failures: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (isStream(op)) continue;
        const staff = path.startsWith('/api/v1/admin/') || path.startsWith('/api/v1/operator/');
        const token = op.security?.length ? (staff ? staffToken : customerToken) : undefined;
        for (const r of hostileRequests(method, path, op)) {
          const res = await send(r, token);
          sent++;
          const status = typeof res.status === 'number' ? res.status : 0;
          // The payment sandbox is not started for this file: a well-formed card token reaches it and
          // is answered 503 (the provider is down), which is the right answer and not a failure here.
          if (status === 503 && res.body.includes('PAYMENT_PROVIDER_UNAVAILABLE')) continue;
          if (status === 0 || status >= 500) {
            failures.push(
              `${method.toUpperCase()} ${path} [${r.label}] → ${res.status} ${res.body.slice(0, 120)}`,
            );
          } else if (status >= 400 && !res.type.startsWith('application/problem+json')) {
            failures.push(
              `${method.toUpperCase()} ${path} [${r.label}] → ${status} as ${res.type || 'no type'}`,
            );
          }
        }
      }
    }
    expect(sent).toBeGreaterThan(500);
    expect(failures).toEqual([]);
    await t.http().get('/api/v1/health/ready').expect(200);
  }, 120_000);
});

const bearer = () => `Bearer ${customerToken}`;

function expectProblem(
  res: { status: number; headers: Record<string, string>; body: unknown },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status, code });
}

describe('what no field may hold', () => {
  it('refuses NUL in a body field with a 422 naming the field, and stores nothing', async () => {
    const res = await t
      .http()
      .post('/api/v1/api-keys')
      .set('authorization', bearer())
      .send({ name: 'a\u0000b' });
    expectProblem(res, 422, 'VALIDATION_FAILED');
    expect(res.body.errors).toEqual([
      { pointer: '/body/name', code: 'INVALID_CHARACTERS', message: expect.any(String) },
    ]);
    const list = await t.http().get('/api/v1/api-keys').set('authorization', bearer()).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('\\u0000');
  });

  it('refuses an unpaired surrogate but takes an emoji (a proper pair) and kanji', async () => {
    const lone = await t
      .http()
      .post('/api/v1/api-keys')
      .set('authorization', bearer())
      .set('content-type', 'application/json')
      .send('{"name":"a\\ud800b"}');
    expectProblem(lone, 422, 'VALIDATION_FAILED');
    expect(lone.body.errors[0]).toMatchObject({ pointer: '/body/name', code: 'INVALID_CHARACTERS' });
    const ok = await t
      .http()
      .post('/api/v1/api-keys')
      .set('authorization', bearer())
      .send({ name: '📞 顧客管理' });
    expect(ok.status).toBe(201);
    expect(ok.body.name).toBe('📞 顧客管理');
  });

  it('refuses NUL in a log-in e-mail with 422, not a database error', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ email: 'a\u0000@example.jp', password: 'x' });
    expectProblem(res, 422, 'VALIDATION_FAILED');
  });

  it('refuses a body that is not UTF-8 as malformed JSON', async () => {
    const res = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .serialize((b: unknown) => b as string)
      .send(
        Buffer.concat([
          Buffer.from('{"email":"'),
          Buffer.from([0xff, 0xfe]),
          Buffer.from('@example.jp","password":"x"}'),
        ]),
      );
    expectProblem(res, 400, 'MALFORMED_JSON');
  });

  it('refuses JSON nested deeper than 64 levels, also inside a field that should be a string', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const res = await t
      .http()
      .post('/api/v1/api-keys')
      .set('authorization', bearer())
      .set('content-type', 'application/json')
      .send(`{"name":${deep}}`);
    expectProblem(res, 400, 'NESTING_TOO_DEEP');
    const array = await t
      .http()
      .post('/api/v1/auth/signup')
      .set('content-type', 'application/json')
      .send('['.repeat(100_000 - 2) + ']'.repeat(0));
    expect([400, 413]).toContain(array.status);
    expect(array.headers['content-type']).toMatch(/^application\/problem\+json/);
    // 60 levels is still parsed, and then refused by validation as the wrong type
    const shallow = '{"a":'.repeat(60) + '1' + '}'.repeat(60);
    const fine = await t
      .http()
      .post('/api/v1/api-keys')
      .set('authorization', bearer())
      .set('content-type', 'application/json')
      .send(`{"name":${shallow}}`);
    expectProblem(fine, 422, 'VALIDATION_FAILED');
  });

  it('answers the CSV export with ?q=%00 at once with 422', async () => {
    await insertInquiries(t, customerAccountId, [{ content: '見積もりの件' }, { content: '納期の件' }]);
    const started = Date.now();
    const res = await t
      .http()
      .get('/api/v1/inquiries/export.csv?q=%00')
      .set('authorization', bearer())
      .timeout(5000);
    expectProblem(res, 422, 'VALIDATION_FAILED');
    expect(res.body.errors[0]).toMatchObject({ pointer: '/query/q', code: 'INVALID_CHARACTERS' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses NUL in a route parameter', async () => {
    const res = await t.http().get('/api/v1/inquiries/%00').set('authorization', bearer());
    expectProblem(res, 422, 'VALIDATION_FAILED');
    expect(res.body.errors[0]).toMatchObject({ pointer: '/param/id' });
  });
});

describe('malformed URLs', () => {
  it.each([
    '/api/v1/inquiries/%ff%fe',
    '/api/v1/inquiries/%C0%AE',
    '/api/v1/inquiries?q=%ff%fe',
    '/api/v1/inquiries?q=%C0%AE',
    '/api/v1/inquiries?q=100%',
  ])('%s → 400 MALFORMED_URL', async (url) => {
    const res = await t.http().get(url).set('authorization', bearer());
    expectProblem(res, 400, 'MALFORMED_URL');
    expect(res.body.traceId).toBe(res.headers['x-request-id']);
  });
});

describe("the framework's own refusals are problem+json too", () => {
  it('414 for a route parameter over the length limit', async () => {
    const res = await t
      .http()
      .get(`/api/v1/inquiries/${'a'.repeat(500)}`)
      .set('authorization', bearer());
    expectProblem(res, 414, 'URI_TOO_LONG');
  });

  it('413 for a body over 100 kB, 415 for text, 404 for an unknown route', async () => {
    const big = await t
      .http()
      .post('/api/v1/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'x'.repeat(200_000) }));
    expectProblem(big, 413, 'PAYLOAD_TOO_LARGE');
    const text = await t.http().post('/api/v1/auth/login').set('content-type', 'text/plain').send('hello');
    expectProblem(text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await t.http().get('/api/v1/nothing-here/%00'), 404, 'NOT_FOUND');
  });

  it('400 for a request line or header Node cannot parse', async () => {
    const server = t.app.getHttpServer();
    if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const raw = await new Promise<string>((resolveRaw, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write('GET /api/v1/health/live HTTP/1.1\r\nHost: x\r\nX-Bad: a\u0000b\r\n\r\n');
      });
      let data = '';
      socket.on('data', (d) => (data += d.toString('latin1')));
      socket.on('end', () => resolveRaw(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toMatch(/content-type: application\/problem\+json/i);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 400,
      code: 'BAD_REQUEST',
    });
  });
});
