import fc from 'fast-check';
import { createHash, randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { startTestApp, type TestApp } from '../support/test-app';
import { GOOD_PASSWORD, signUpCustomer, staffSession, uniqueEmail } from '../support/auth-helpers';
import { insertPerson } from '../support/people';
import { insertInquiries } from '../support/inquiries';
import { startTestPaymentSandbox, type TestPaymentSandbox } from '../support/payment-sandbox';
import {
  deref,
  fillPath,
  isStream,
  operations,
  sample,
  setAt,
  type Operation,
  type Schema,
} from '../support/openapi';
import { PasswordsService } from '../../src/modules/accounts/passwords.service';
import { signWebhook } from '../../src/modules/calls/twilio-webhook';

/**
 * Issue 15, "a test that keeps it so": a property-based fuzzer (fast-check) driven by the committed
 * OpenAPI document. Every operation is sent, as every principal (nobody, a customer's owner, a
 * member, an API key, an operator, an admin), requests whose fields hold hostile values for their
 * type — NUL, lone surrogates, invalid UTF-8 and percent-encoding, huge and tiny numbers, wrong
 * types, unknown fields, deep nesting, long strings, mixed scripts — and must answer below 500,
 * problem+json for every 4xx (429 included); the API must be healthy afterwards and a second
 * account's rows and answers untouched.
 *
 * Bounded in CI: a fixed seed and a few runs per operation and principal. A longer run:
 *   FUZZ_RUNS=200 FUZZ_SEED=$RANDOM pnpm exec jest --selectProjects api-e2e -- fuzz
 * Replaying a failure (printed with its seed): FUZZ_SEED=<seed> FUZZ_ONLY='<METHOD> <path>'.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 15_2026);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
/** Runs where the principal is refused at the door (401/403 to a plausible request): the door is quick. */
const REFUSED_RUNS = Math.max(1, Math.ceil(RUNS / 3));
const ONLY = process.env.FUZZ_ONLY;
const PRINCIPALS = ['none', 'owner', 'member', 'apiKey', 'operator', 'admin'] as const;
type Principal = (typeof PRINCIPALS)[number];

// ------------------------------------------------------------------------------------------------
// Hostile values

/** Sentinels replaced after JSON.stringify: raw nesting 5,000 deep, and invalid UTF-8 bytes. */
const DEEP = '__fuzz_deep_nesting__';
const BAD_UTF8 = '__fuzz_invalid_utf8__';
const DEPTH = 5000;
const deepObject = '{"a":'.repeat(DEPTH) + '1' + '}'.repeat(DEPTH);
const deepArray = '['.repeat(DEPTH) + ']'.repeat(DEPTH);

const NASTY_STRINGS = [
  'a\u0000b',
  '\u0000',
  'a\ud800b',
  '\udfff',
  '\ud800\ud800',
  '%00',
  '%ff%fe',
  '%C0%AE',
  '\ufeff',
  '\u202e逆\u200b',
  'ｱｲｳ漢字한국어العربيةΩ🇯🇵👨‍👩‍👧',
  '𠮷野家',
  "'; DROP TABLE users;--",
  '<script>alert(1)</script>',
  '{{7*7}}${7*7}',
  '../../../etc/passwd',
  '\r\nX-Injected: 1',
  '',
  ' ',
  '1e308',
  'NaN',
  '-0',
  'null',
  'true',
  '[]',
  '{}',
  '__proto__',
];

const loneSurrogates = fc.string({
  unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  minLength: 1,
  maxLength: 4,
});

/** The classes of hostile strings, each as likely as the others (so every run meets most of them). */
const STRING_CLASSES: Record<string, fc.Arbitrary<string>> = {
  nul: fc.tuple(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 })).map(([a, b]) => `${a}\u0000${b}`),
  loneSurrogate: fc.tuple(fc.string({ maxLength: 5 }), loneSurrogates).map(([a, lone]) => `${a}${lone}`),
  percent: fc.constantFrom('%00', '%ff%fe', '%C0%AE', '%ED%A0%80', '%', '100%', '%u0000', '%%'),
  long: fc.oneof(
    fc.constantFrom(300, 5_000, 20_000, 60_000).map((n) => 'x'.repeat(n)),
    fc.constantFrom(1_000, 30_000).map((n) => '漢'.repeat(n)),
  ),
  mixedScripts: fc.oneof(
    fc.constantFrom('ｱｲｳ漢字한국어العربيةΩ🇯🇵👨‍👩‍👧', '𠮷野家', '\u202e逆\u200b', '\ufeffＡＢＣ１２３', 'e\u0301'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  ),
  anyCodePoint: fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }),
  nasty: fc.constantFrom(...NASTY_STRINGS),
};
const hostileString: fc.Arbitrary<string> = fc.oneof(...Object.values(STRING_CLASSES));

const hostileNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    1e308,
    -1e308,
    5e-324,
    -5e-324,
    -0,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53 + 2,
    2 ** 63,
    -1,
    0,
    0.5,
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom('1', '1e999', '0x1f', ' 1 ', '１'),
);

const FORMAT_NONSENSE: Record<string, string[]> = {
  uuid: ['not-a-uuid', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '{}'],
  date: ['2030-02-30', '0000-01-01', '99999-01-01', '2030-13-01', '2030-1-1', '令和8年1月1日'],
  'date-time': ['2030-02-30T25:61:61Z', '0000-00-00T00:00:00Z', '+275760-09-13T00:00:00.001Z', '1e10'],
  email: ['a@b', '@', `${'x'.repeat(300)}@example.jp`, 'a\u0000@example.jp', 'テスト@例え.jp', 'a@b@c'],
};

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, '', [], {}, [null], { a: { b: { c: 1 } } }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant(DEEP),
);

const unknownFields = fc.dictionary(
  fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'accountId', 'role', 'a\u0000'), fc.string()),
  fc.oneof(hostileString, wrongType),
  { maxKeys: 3 },
);

/** A value for a field of this schema: valid, hostile for its type, of the wrong type, or raw trouble. */
function valueArb(raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  const s = deref(raw);
  const valid = fc.constant(sample(s));
  const hostile = hostileFor(s, depth);
  return fc.oneof(
    { weight: 4, arbitrary: valid },
    { weight: 3, arbitrary: hostile },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constantFrom(DEEP, BAD_UTF8) },
  );
}

function hostileFor(s: Schema, depth: number): fc.Arbitrary<unknown> {
  if (s.enum?.length) return fc.oneof(hostileString, fc.constantFrom(...s.enum.map((e) => `${String(e)} `)));
  switch (s.type) {
    case 'integer':
    case 'number':
      return hostileNumber;
    case 'boolean':
      return fc.constantFrom('true', 1, 'yes', null);
    case 'array':
      return fc.oneof(
        depth < 3 ? fc.array(valueArb(s.items, depth + 1), { maxLength: 4 }) : fc.constant([]),
        fc.constantFrom(2_000, 20_000).map((n) => Array.from({ length: n }, () => sample(s.items))),
      );
    case 'object':
      return depth < 3 ? objectArb(s, depth + 1) : unknownFields;
    default: {
      const nonsense = s.format ? FORMAT_NONSENSE[s.format] : undefined;
      return nonsense ? fc.oneof(hostileString, fc.constantFrom(...nonsense)) : hostileString;
    }
  }
}

/** Every property mutated independently, plus unknown ones. */
function objectArb(s: Schema, depth: number): fc.Arbitrary<unknown> {
  const props = Object.fromEntries(
    Object.entries(deref(s).properties ?? {}).map(([k, v]) => [
      k,
      fc.option(valueArb(v, depth), { freq: 6 }),
    ]),
  );
  return fc.tuple(fc.record(props), unknownFields).map(([known, extra]) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(known)) if (v !== null) out[k] = v;
    return { ...out, ...extra };
  });
}

/** Leaf fields of a body schema with their key paths (for one-field-wrong requests). */
function leaves(
  raw: Schema | undefined,
  path: (string | number)[] = [],
  depth = 0,
): { path: (string | number)[]; schema: Schema }[] {
  const s = deref(raw);
  if (depth < 3 && s.type === 'object' && s.properties)
    return Object.entries(s.properties).flatMap(([k, v]) => leaves(v, [...path, k], depth + 1));
  if (depth < 3 && s.type === 'array' && s.items) return leaves(s.items, [...path, 0], depth + 1);
  return path.length ? [{ path, schema: s }] : [];
}

const WHOLE_BODY_TROUBLE = [
  deepObject,
  deepArray,
  'null',
  '[]',
  '"a string"',
  '123',
  'true',
  '{"a":',
  '{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}}}',
  `[${'1,'.repeat(50_000)}1]`,
  '{"a":"\\ud800"}',
  '\ufeff{}',
];

// ------------------------------------------------------------------------------------------------
// Requests

interface FuzzRequest {
  method: string;
  url: string;
  contentType?: string;
  body?: string | Buffer;
  /** Telephony webhooks: signed with the app's (development) auth token, so they reach the handler. */
  sign?: boolean;
}

/** Raw path segments and query values, as they go on the wire (not encoded again). */
const RAW_SEGMENTS = [
  '%ff%fe',
  '%C0%AE',
  '%00',
  '%ED%A0%80',
  'a%',
  '%',
  '..',
  '%2e%2e',
  '0',
  '-1',
  '99999999999999999999',
  'x'.repeat(300),
];
const RAW_QUERY = [
  '%00',
  '%ff%fe',
  '%C0%AE',
  '%ED%A0%80',
  'x%',
  '%uD800',
  '1e308',
  '-99999999999999999999',
  'x'.repeat(3000),
  '',
  '%20',
];

function encodedArb(values: fc.Arbitrary<unknown>): fc.Arbitrary<string> {
  return values.map((v) => {
    try {
      return encodeURIComponent(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
    } catch {
      // a lone surrogate cannot be percent-encoded: sent as the raw %ED%A0%80 bytes instead
      return '%ED%A0%80';
    }
  });
}

function pathParamArb(name: string, path: string, principal: Principal): fc.Arbitrary<string> {
  const known = knownIds(name, path, principal);
  return fc.oneof(
    { weight: 2, arbitrary: fc.uuid() },
    { weight: known.length ? 3 : 0, arbitrary: known.length ? fc.constantFrom(...known) : fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
    { weight: 1, arbitrary: encodedArb(hostileString.filter((s) => s.length < 200)) },
  );
}

function queryArb(op: Operation): fc.Arbitrary<string> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'query');
  const one = (name: string, schema: Schema | undefined) =>
    fc.option(
      fc
        .oneof(
          { weight: 3, arbitrary: encodedArb(fc.constant(sample(schema))) },
          { weight: 3, arbitrary: fc.constantFrom(...RAW_QUERY) },
          { weight: 2, arbitrary: encodedArb(hostileFor(deref(schema), 2)) },
          { weight: 1, arbitrary: fc.constant('a&' + name + '=b') }, // the parameter twice
        )
        .map((v) => `${name}=${v}`),
      { freq: 2 },
    );
  const parts = params.map((p) => one(p.name, p.schema));
  const unknown = fc.option(fc.constantFrom('zz=1', 'q[a]=1', '__proto__[x]=1', '%00=1', 'a=%ff'), {
    freq: 3,
  });
  return fc.tuple(...parts, unknown).map((qs) => {
    const present = qs.filter((q): q is string => q !== null);
    return present.length ? `?${present.join('&')}` : '';
  });
}

/** JSON text of a body value, with the sentinels turned into raw trouble. */
function toJsonText(value: unknown): string | Buffer {
  let text = JSON.stringify(value) ?? 'null';
  text = text.split(JSON.stringify(DEEP)).join(deepObject);
  if (!text.includes(BAD_UTF8)) return text;
  const parts = text.split(BAD_UTF8);
  const bad = Buffer.from([0xff, 0xfe, 0xc0, 0xae, 0xed, 0xa0, 0x80]);
  return Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [Buffer.from(p)] : [bad, Buffer.from(p)])));
}

/**
 * A JSON body. Each request picks one class of trouble — so a few runs meet each class on every
 * operation — and puts it into one field or all fields of a matching type, else the body as a whole.
 */
const BODY_CLASSES = [
  ...Object.keys(STRING_CLASSES),
  'numbers',
  'wrongType',
  'unknownFields',
  'deep',
  'invalidUtf8',
  'wholeBody',
  'everywhere',
] as const;

function jsonBodyArb(schema: Schema): fc.Arbitrary<string | Buffer> {
  const base = sample(schema);
  const fields = leaves(schema);
  const stringFields = fields.filter((f) => !['integer', 'number', 'boolean'].includes(f.schema.type ?? ''));
  const numberFields = fields.filter((f) => ['integer', 'number'].includes(f.schema.type ?? ''));
  /** `value` at one of `targets` (or all of them), or the body itself when there are none. */
  const into = (targets: typeof fields, value: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
    targets.length === 0
      ? value
      : fc
          .tuple(
            fc.integer({ min: -1, max: targets.length - 1 }),
            fc.array(value, { minLength: targets.length, maxLength: targets.length }),
          )
          .map(([i, values]) =>
            i >= 0
              ? setAt(base, targets[i].path, values[0])
              : targets.reduce((body, f, k) => setAt(body, f.path, values[k]), base as unknown),
          );
  return fc.constantFrom(...BODY_CLASSES).chain((cls): fc.Arbitrary<string | Buffer> => {
    if (cls in STRING_CLASSES) return into(stringFields, STRING_CLASSES[cls]).map(toJsonText);
    switch (cls) {
      case 'numbers':
        return into(numberFields.length ? numberFields : fields, hostileNumber).map(toJsonText);
      case 'wrongType':
        return into(fields, wrongType).map(toJsonText);
      case 'unknownFields':
        return unknownFields
          .filter((extra) => Object.keys(extra).length > 0)
          .map((extra) => toJsonText(base && typeof base === 'object' ? { ...base, ...extra } : extra));
      case 'deep':
        return into(fields, fc.constant(DEEP)).map(toJsonText);
      case 'invalidUtf8':
        return into(stringFields, fc.constant(BAD_UTF8)).map(toJsonText);
      case 'wholeBody':
        return fc.constantFrom(...WHOLE_BODY_TROUBLE);
      default:
        return valueArb(schema).map(toJsonText);
    }
  });
}

function formBodyArb(schema: Schema): fc.Arbitrary<string> {
  const props = Object.entries(deref(schema).properties ?? {});
  const field = ([k, v]: [string, Schema]) =>
    fc.option(
      fc
        .oneof(encodedArb(fc.constant(sample(v))), encodedArb(hostileString), fc.constantFrom(...RAW_QUERY))
        .map((value) => `${encodeURIComponent(k)}=${value}`),
      { freq: 5 },
    );
  return fc
    .tuple(
      ...props.map(field),
      fc.option(fc.constantFrom('Extra=%00', 'a[b]=1', 'CallSid=x&CallSid=y'), { freq: 3 }),
    )
    .map((parts) => parts.filter((p): p is string => p !== null).join('&'));
}

function multipartBodyArb(schema: Schema): fc.Arbitrary<{ body: Buffer; contentType: string }> {
  const props = Object.entries(deref(schema).properties ?? {});
  const boundary = 'fuzzboundary7f3a';
  const part = ([k, v]: [string, Schema]) =>
    deref(v).format === 'binary'
      ? fc
          .tuple(
            fc.oneof(
              fc.constantFrom('a.pdf', 'a\u0000.pdf', '../../x.png', '漢字.jpg', 'x'.repeat(500)),
              hostileString,
            ),
            fc.oneof(
              fc.uint8Array({ maxLength: 64 }),
              fc.constant(Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF')),
            ),
          )
          .map(([filename, bytes]) =>
            Buffer.concat([
              Buffer.from(
                `--${boundary}\r\nContent-Disposition: form-data; name="${k}"; filename="${filename.replace(/"/g, '')}"\r\nContent-Type: application/pdf\r\n\r\n`,
              ),
              Buffer.from(bytes),
              Buffer.from('\r\n'),
            ]),
          )
      : valueArb(v).map((value) =>
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${typeof value === 'string' ? value : JSON.stringify(value)}\r\n`,
          ),
        );
  return fc.tuple(...props.map(part)).map((parts) => ({
    body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  }));
}

const WRONG_CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/json; charset=latin1',
  'application/x-www-form-urlencoded',
];

function requestArb(
  method: string,
  path: string,
  op: Operation,
  principal: Principal,
): fc.Arbitrary<FuzzRequest> {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathArb = fc
    .tuple(...names.map((n) => pathParamArb(n, path, principal)))
    .map((values) => fillPath(path, (n) => values[names.indexOf(n)]));
  const content = op.requestBody?.content ?? {};
  let bodyArb: fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType' | 'sign'>> = fc.constant({});
  if (content['application/json']) {
    bodyArb = fc.oneof(
      {
        weight: 9,
        arbitrary: jsonBodyArb(content['application/json'].schema).map((body) => ({
          body,
          contentType: 'application/json',
        })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom(...WRONG_CONTENT_TYPES)
          .map((contentType) => ({ body: '{"a":1}', contentType })),
      },
    );
  } else if (content['application/x-www-form-urlencoded']) {
    bodyArb = fc
      .tuple(formBodyArb(content['application/x-www-form-urlencoded'].schema), fc.boolean())
      .map(([body, sign]) => ({ body, contentType: 'application/x-www-form-urlencoded', sign }));
  } else if (content['multipart/form-data']) {
    bodyArb = fc.oneof(
      multipartBodyArb(content['multipart/form-data'].schema),
      fc.constant({ body: '{"kind":"passport"}', contentType: 'application/json' }),
    );
  } else if (method !== 'get' && method !== 'delete') {
    // no body declared: send one anyway, sometimes
    bodyArb = fc.option(
      fc.constantFrom(...WHOLE_BODY_TROUBLE).map((body) => ({ body, contentType: 'application/json' })),
      { nil: {} },
    ) as fc.Arbitrary<Pick<FuzzRequest, 'body' | 'contentType'>>;
  }
  return fc.tuple(pathArb, queryArb(op), bodyArb).map(([p, q, b]) => ({ method, url: `${p}${q}`, ...b }));
}

// ------------------------------------------------------------------------------------------------
// The app, the principals and the other account

let t: TestApp;
let sandbox: TestPaymentSandbox;
const tokens: Record<Principal, string | undefined> = {
  none: undefined,
  owner: undefined,
  member: undefined,
  apiKey: undefined,
  operator: undefined,
  admin: undefined,
};
/** Ids that exist, by path parameter: the fuzzing account's (A) and the other account's (B). */
const ids = { A: {} as Record<string, string[]>, B: {} as Record<string, string[]> };
let accountA: { accountId: string; ownerEmail: string };
let accountB: { accountId: string; token: string };

/** Real ids for a path parameter. Customers are also tried on B's ids (they must be refused); staff
 * may act on any account by design, so they get A's only. */
function knownIds(name: string, path: string, principal: Principal): string[] {
  const key = name === 'id' ? `${path.split('/')[3]}:id` : name;
  const own = ids.A[key] ?? [];
  const other = ['operator', 'admin'].includes(principal) ? [] : (ids.B[key] ?? []);
  return [...own, ...other];
}

const bearer = (token: string) => `Bearer ${token}`;

async function newMember(accountId: string): Promise<{ email: string; id: string }> {
  const email = uniqueEmail('member');
  const hash = await t.app.get(PasswordsService).hash(GOOD_PASSWORD);
  const { userId: id } = await insertPerson(t, accountId, { role: 'member', email, passwordHash: hash });
  return { email, id };
}

const login = async (email: string) =>
  (await t.http().post('/api/v1/auth/login').send({ email, password: GOOD_PASSWORD }).expect(200)).body
    .accessToken as string;

async function newApiKey(ownerToken: string): Promise<{ key: string; id: string }> {
  const res = await t
    .http()
    .post('/api/v1/api-keys')
    .set('authorization', bearer(ownerToken))
    .send({ name: '連携' })
    .expect(201);
  return { key: res.body.key, id: res.body.id };
}

/** A customer with something in every list the fuzzer can reach by id. */
async function seedCustomer(token: string, accountId: string, into: Record<string, string[]>) {
  const add = (key: string, id: string) => (into[key] ??= []).push(id);
  add('accountId', accountId);
  for (const id of await insertInquiries(t, accountId, [
    { content: '見積もりの件' },
    { content: '納期の件', status: 'handled' },
  ]))
    add('inquiries:id', id);
  const contact = await t
    .http()
    .post('/api/v1/contacts')
    .set('authorization', bearer(token))
    .send({ number: '03-3123-4567', name: '佐藤 一郎' }) // not the schema's example, which the fuzz sends
    .expect(201);
  add('contacts:id', contact.body.id);
  const invitation = await t
    .http()
    .post('/api/v1/team/invitations')
    .set('authorization', bearer(token))
    .send({ email: uniqueEmail('inv'), role: 'member' })
    .expect(201);
  add('invitationId', invitation.body.id);
  const address = await t
    .http()
    .post('/api/v1/notifications/email-addresses')
    .set('authorization', bearer(token))
    .send({ email: uniqueEmail('notify') })
    .expect(201);
  add('addressId', address.body.id);
  add('apiKeyId', (await newApiKey(token)).id); // expendable: may be revoked by the fuzz
}

const VOLATILE = new Set(['serverTime', 'traceId']);

/** Everything account B has: its rows in every table with an account_id, and what its owner sees. */
async function snapshotOf(accountId: string, token: string) {
  const tables: { table_name: string }[] = await t.database.dataSource.query(
    `SELECT table_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_name = 'account_id' ORDER BY table_name`,
  );
  const rows: Record<string, unknown> = {};
  for (const { table_name } of tables) {
    rows[table_name] = await t.database.dataSource.query(
      `SELECT * FROM "${table_name}" WHERE account_id = $1 ORDER BY 1`,
      [accountId],
    );
  }
  rows.accounts = await t.database.dataSource.query(`SELECT * FROM accounts WHERE id = $1`, [accountId]);
  const answers: Record<string, unknown> = {};
  for (const path of [
    '/api/v1/account',
    '/api/v1/inquiries',
    '/api/v1/contacts',
    '/api/v1/team/members',
    '/api/v1/team/invitations',
    '/api/v1/api-keys',
    '/api/v1/notifications/email-addresses',
    '/api/v1/memos',
    '/api/v1/number',
  ]) {
    const res = await t.http().get(path).set('authorization', bearer(token));
    // the clock and the request id differ between two reads; everything else must not
    answers[path] = {
      status: res.status,
      body: JSON.parse(JSON.stringify(res.body, (k, v) => (VOLATILE.has(k) ? undefined : v))),
    };
  }
  return { rows, answers };
}

/** A principal whose token stopped working (the fuzz may log it out or revoke it) gets a new one. */
async function revive(principal: Principal): Promise<void> {
  const token = tokens[principal];
  if (!token) return;
  const probe = ['operator', 'admin'].includes(principal) ? '/api/v1/admin/whoami' : '/api/v1/me/token';
  if ((await t.http().get(probe).set('authorization', bearer(token))).status !== 401) return;
  if (principal === 'owner') tokens.owner = await login(accountA.ownerEmail);
  else if (principal === 'member') tokens.member = await login((await newMember(accountA.accountId)).email);
  else if (principal === 'apiKey') tokens.apiKey = (await newApiKey(tokens.owner!)).key;
  else if (principal === 'operator' || principal === 'admin')
    tokens[principal] = (await staffSession(t, principal)).accessToken;
}

beforeAll(async () => {
  sandbox = await startTestPaymentSandbox();
  // Log-in failures from the fuzz would lock 127.0.0.1 out of the log-ins the fuzz itself needs
  // (revive); the other limits are already far above what a test sends (testConfig).
  t = await startTestApp({ ...sandbox.env, LOGIN_MAX_FAILURES: '1000000' });
  const a = await signUpCustomer(t, { accountType: 'corporation', companyName: '株式会社ファズ' });
  accountA = { accountId: a.session.user.account.id, ownerEmail: String(a.body.email).toLowerCase() };
  tokens.owner = a.session.accessToken;
  tokens.member = await login((await newMember(accountA.accountId)).email);
  tokens.apiKey = (await newApiKey(tokens.owner)).key;
  tokens.operator = (await staffSession(t, 'operator')).accessToken;
  tokens.admin = (await staffSession(t, 'admin')).accessToken;
  await seedCustomer(tokens.owner, accountA.accountId, ids.A);

  const b = await signUpCustomer(t);
  accountB = { accountId: b.session.user.account.id, token: b.session.accessToken };
  await seedCustomer(accountB.token, accountB.accountId, ids.B);
  ids.B.memberId = [b.session.user.id];
}, 120_000);

afterAll(async () => {
  await t?.close();
  await sandbox?.close();
});

// ------------------------------------------------------------------------------------------------
// Sending and judging

interface Answer {
  status: number | string;
  type: string;
  body: string;
}

async function send(r: FuzzRequest, token: string | undefined): Promise<Answer> {
  let req = t.http()[r.method as 'get'](r.url).timeout({ response: 10_000 });
  if (token) req = req.set('authorization', bearer(token));
  if (r.sign && typeof r.body === 'string') {
    const params = Object.fromEntries(new URLSearchParams(r.body));
    req = req.set(
      'x-twilio-signature',
      signWebhook(t.config.telephony.authToken!, `${t.config.telephony.publicBaseUrl}${r.url}`, params),
    );
  }
  if (r.body !== undefined) {
    req = req
      .set('content-type', r.contentType ?? 'application/json')
      .serialize((b: unknown) => b as string)
      .send(r.body as string);
  }
  return req.then(
    (res) => ({ status: res.status, type: String(res.headers['content-type'] ?? ''), body: res.text ?? '' }),
    (err: Error & { timeout?: number }) => ({
      status: err.timeout ? 'no answer in 10 s' : `error: ${err.message}`,
      type: '',
      body: '',
    }),
  );
}

/** What is wrong with an answer, or null. 429 is a valid refusal like any 4xx. */
function violation(a: Answer): string | null {
  if (typeof a.status !== 'number') return String(a.status);
  if (a.status >= 500) return `${a.status}`;
  if (a.status >= 400 && !a.type.startsWith('application/problem+json'))
    return `${a.status} as ${a.type || 'no content type'}`;
  return null;
}

const show = (r: FuzzRequest) => {
  const body =
    r.body === undefined
      ? ''
      : Buffer.isBuffer(r.body)
        ? `base64:${r.body.toString('base64').slice(0, 400)}`
        : JSON.stringify(r.body.slice(0, 400));
  return `${r.method.toUpperCase()} ${r.url.slice(0, 300)}${r.contentType ? ` [${r.contentType}]` : ''}${r.sign ? ' (signed)' : ''} ${body}`;
};

/** The seed of one operation and principal: stable whatever else runs (FUZZ_ONLY replays it). */
function comboSeed(method: string, path: string, principal: Principal): number {
  return createHash('sha256').update(`${SEED}|${method}|${path}|${principal}`).digest().readInt32BE(0);
}

describe('property-based fuzzing of every operation (OpenAPI) as every principal', () => {
  it(
    'never answers 5xx, answers every 4xx as problem+json, stays healthy and leaves another account untouched',
    async () => {
      const ops = operations().filter(
        ({ method, path, op }) =>
          !isStream(op) && (!ONLY || `${method.toUpperCase()} ${path}`.includes(ONLY)),
      );
      const before = await snapshotOf(accountB.accountId, accountB.token);
      const failures: string[] = [];
      let sent = 0;
      const statuses: Record<string, number> = {};
      const started = Date.now();
      for (const { method, path, op } of ops) {
        for (const principal of PRINCIPALS) {
          // At the door first: a plausible request tells whether this principal gets past it.
          const door = await send(
            {
              method,
              url: fillPath(path, () =>
                randomBytes(16)
                  .toString('hex')
                  .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
              ),
            },
            tokens[principal],
          );
          sent++;
          const refused = door.status === 401 || door.status === 403;
          const seed = comboSeed(method, path, principal);
          let last: { r: FuzzRequest; a: Answer } | undefined;
          let saw401 = door.status === 401;
          try {
            await fc.assert(
              fc.asyncProperty(requestArb(method, path, op, principal), async (r) => {
                const a = await send(r, tokens[principal]);
                sent++;
                last = { r, a };
                if (a.status === 401) saw401 = true;
                statuses[String(a.status)] = (statuses[String(a.status)] ?? 0) + 1;
                const wrong = violation(a);
                if (wrong) throw new Error(`${wrong}: ${show(r)} → ${a.body.slice(0, 300)}`);
              }),
              { seed, numRuns: refused ? REFUSED_RUNS : RUNS, endOnFailure: true },
            );
          } catch (err) {
            failures.push(
              `${method.toUpperCase()} ${path} as ${principal} (replay: FUZZ_SEED=${SEED} FUZZ_ONLY='${method.toUpperCase()} ${path}', combo seed ${seed})\n` +
                `  ${last ? `${violation(last.a)}: ${show(last.r)} → ${last.a.body.slice(0, 300)}` : (err as Error).message.slice(0, 600)}`,
            );
          }
          if (saw401) await revive(principal);
        }
      }
      console.log(
        `fuzz: seed ${SEED}, ${RUNS} runs per operation and principal, ${ops.length} operations, ` +
          `${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures.length} failures; ` +
          `answers by status: ${JSON.stringify(statuses)}`,
      );
      if (failures.length) {
        console.error(`fuzz failures (seed ${SEED}):\n${failures.join('\n')}`);
      }
      expect(failures).toEqual([]);

      // healthy afterwards: ready, and a plain request as a customer still works
      await t.http().get('/api/v1/health/ready').expect(200);
      await revive('owner');
      await t.http().get('/api/v1/account').set('authorization', bearer(tokens.owner!)).expect(200);
      // the other account: the same rows and the same answers as before
      const after = await snapshotOf(accountB.accountId, accountB.token);
      for (const [table, rows] of Object.entries(before.rows)) {
        if (!isDeepStrictEqual(rows, after.rows[table]))
          throw new Error(`account B's ${table} changed during the fuzz`);
      }
      expect(after.answers).toEqual(before.answers);
    },
    Math.max(600_000, RUNS * 120_000),
  );
});
