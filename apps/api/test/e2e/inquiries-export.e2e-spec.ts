import { startTestApp, type TestApp } from '../support/test-app';
import { signUpCustomer } from '../support/auth-helpers';
import { insertInquiries } from '../support/inquiries';

/** R4.4: the CSV export of the customer's inquiries. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const BOM = '\uFEFF';
const HEADER = '受付日時 (JST),発信者,会社名,ご用件の相手,折り返し,折り返し先,区分,内容,急ぎ,対応状況';

async function customer() {
  const { session } = await signUpCustomer(t);
  return { token: session.accessToken, accountId: session.user.account.id };
}

function download(token: string, qs = '') {
  return t
    .http()
    .get(`/api/v1/inquiries/export.csv${qs}`)
    .set('authorization', `Bearer ${token}`)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
    });
}

/** A small RFC 4180 reader, to check the quoting from the outside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

it('is UTF-8 with BOM, CRLF, Japanese headers, quoted properly, newest first, own rows only', async () => {
  const a = await customer();
  const b = await customer();
  await insertInquiries(t, a.accountId, [
    {
      receivedAt: '2026-11-24T15:30:00Z', // 2026-11-25 00:30 JST
      callerName: '佐藤 "ハナ" 花子',
      callerCompany: '株式会社A,B',
      forWhom: '田中',
      callbackRequired: true,
      callbackNumber: '+81312345678',
      category: 'sales',
      content: '一行目\n二行目, "引用"',
      urgent: true,
    },
    { receivedAt: '2026-11-20T01:00:00Z', callerName: '古い', status: 'handled', content: '=1+1' },
  ]);
  await insertInquiries(t, b.accountId, [{ callerName: '他社の発信者' }]);

  const res = await download(a.token).expect(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
  const today = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.headers['content-disposition']).toBe(`attachment; filename="inquiries-${today}.csv"`);
  const text = res.body as string;
  expect(text.startsWith(BOM)).toBe(true);
  expect(text.slice(1).startsWith(`${HEADER}\r\n`)).toBe(true);
  expect(text).not.toContain('他社の発信者');
  expect(text.replace(/\r\n/g, '').includes('\r')).toBe(false);

  const rows = parseCsv(text.slice(1));
  expect(rows).toEqual([
    HEADER.split(','),
    [
      '2026-11-25 00:30',
      '佐藤 "ハナ" 花子',
      '株式会社A,B',
      '田中',
      '要',
      '03-1234-5678',
      '営業',
      '一行目\n二行目, "引用"',
      '急ぎ',
      '未対応',
    ],
    ['2026-11-20 10:00', '古い', '', '', '不要', '', '通常', "'=1+1", '', '対応済み'],
  ]);
});

it('applies the filters and refuses bad ones before writing anything', async () => {
  const a = await customer();
  await insertInquiries(t, a.accountId, [
    { callerName: '未対応さん', status: 'unhandled', content: '見積' },
    { callerName: '対応済みさん', status: 'handled', content: '見積' },
    { callerName: '営業さん', category: 'sales', content: '売り込み' },
  ]);
  const names = async (qs: string) =>
    parseCsv(((await download(a.token, qs).expect(200)).body as string).slice(1))
      .slice(1)
      .map((r) => r[1])
      .sort();
  expect(await names('?status=handled')).toEqual(['対応済みさん']);
  expect(await names('?q=' + encodeURIComponent('見積'))).toEqual(['未対応さん', '対応済みさん'].sort());
  expect(await names('?category=sales')).toEqual(['営業さん']);
  const bad = await t
    .http()
    .get('/api/v1/inquiries/export.csv?status=nope')
    .set('authorization', `Bearer ${a.token}`)
    .expect(422);
  expect(bad.body.errors[0].pointer).toBe('/query/status');
  await t.http().get('/api/v1/inquiries/export.csv').expect(401);
});

it('streams a large export (5,000 rows) completely, in order, without duplicates', async () => {
  const a = await customer();
  const base = Date.parse('2026-11-01T00:00:00Z');
  // Many equal timestamps across the 500-row batch boundaries.
  await insertInquiries(
    t,
    a.accountId,
    Array.from({ length: 5000 }, (_, i) => ({
      receivedAt: new Date(base - Math.floor(i / 7) * 1000),
      callerName: `n${i}`,
    })),
  );
  const res = await download(a.token).expect(200);
  const rows = parseCsv((res.body as string).slice(1)).slice(1);
  expect(rows).toHaveLength(5000);
  expect(new Set(rows.map((r) => r[1])).size).toBe(5000);
  const times = rows.map((r) => r[0]);
  expect([...times].sort().reverse()).toEqual(times);
});
