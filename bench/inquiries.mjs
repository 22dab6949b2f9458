// Benchmark: the customer's inquiry list at scale (R4.3; issue goals: a page p99 < 20 ms, a bulk
// status update of 100 rows < 50 ms).
//
// Seeds 1,000,000 inquiries over 10,000 accounts with INSERT … SELECT generate_series, the demo
// customer's account holding 200,000 of them (a third handled, timestamps with ties), then measures
// through HTTP on one API process, one request at a time:
//   - the first page of unhandled inquiries (what the dashboard and the list open with);
//   - later pages, following nextCursor deep into the account (unfiltered and unhandled);
//   - a bulk status update of 100 rows (POST /api/v1/inquiries/status), alternating the status;
//   - for information: a keyword search page, and the streamed CSV export of the whole account.
//
// Options: --quick (100,000 rows over 1,000 accounts, 20,000 in the big one; fewer samples).
// Exit code: 0 goals met, 1 missed, 2 setup error, 130 interrupted.

import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import {
  API_DIST,
  HOST,
  apiEnv,
  assertApiBuilt,
  endFacts,
  fail,
  fmt,
  freePort,
  machineFacts,
  parseArgs,
  pgClient,
  printFacts,
  runBench,
  startChild,
  waitForHttp,
  writeResult,
  latencyStats,
  prepareDatabase,
} from './lib/common.mjs';

const GOAL_PAGE_P99_MS = 20;
const GOAL_BULK_P99_MS = 50;
const { quick } = parseArgs();
const SIZE = quick
  ? { total: 100_000, accounts: 1_000, big: 20_000, firstPage: 200, deepPages: 200, bulk: 50, search: 30 }
  : {
      total: 1_000_000,
      accounts: 10_000,
      big: 200_000,
      firstPage: 1_000,
      deepPages: 1_000,
      bulk: 200,
      search: 100,
    };
const PAGE_LIMIT = 50;
const WARMUP = 50;
const DEMO_OWNER = { email: 'owner@example.com', password: 'demo-owner-2026' };
// Production refuses to start without these (NODE_ENV=production, as the other benches run).
const EXTRA_ENV = {
  TWILIO_AUTH_TOKEN: `bench-twilio-token-${randomUUID()}`,
  DOCUMENT_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  WEBHOOK_SECRET_KEY: randomBytes(32).toString('base64'),
};

const stats = (values) => latencyStats(values, { digits: 2 });
const line = (label, s) =>
  `  ${label.padEnd(44)} n=${String(s.n).padStart(5)}  p50 ${fmt(s.p50, 1).padStart(6)}  p90 ${fmt(s.p90, 1).padStart(6)}  p99 ${fmt(s.p99, 1).padStart(6)}  max ${fmt(s.max, 1).padStart(7)} ms`;

/** The accounts and inquiries, generated inside PostgreSQL (no rows cross the wire). */
async function seedInquiries(ctx) {
  const pg = pgClient(ctx.databaseUrl);
  await pg.connect();
  try {
    const { rows } = await pg.query(`SELECT account_id FROM users WHERE email = $1`, [DEMO_OWNER.email]);
    if (!rows[0]?.account_id) fail('the demo customer (owner@example.com) is missing from the seed');
    const bigAccount = rows[0].account_id;
    const started = performance.now();
    await pg.query(
      `INSERT INTO accounts (type, name, state)
       SELECT 'individual', 'ベンチ顧客 ' || g, 'active' FROM generate_series(1, $1) g`,
      [SIZE.accounts - 1],
    );
    // Names, companies and contents from small lists; received_at with ties (every 3 rows share one).
    const generated = (accountExpr, seriesCount, secondsApart) => `
      INSERT INTO inquiries (account_id, received_at, caller_number, caller_name, caller_company, for_whom,
                             callback_required, callback_number, category, content, urgent, status,
                             status_changed_at, status_changed_by_name, search_text)
      SELECT ${accountExpr}, x.received_at, '+8190' || lpad((g % 100000000)::text, 8, '0'), x.name, x.company,
             x.for_whom, g % 4 = 0, CASE WHEN g % 4 = 0 THEN '+813' || lpad((g % 100000000)::text, 8, '0') END,
             (ARRAY['normal','normal','normal','sales','wrong_number','test','silent'])[1 + g % 7], x.content,
             g % 17 = 0, CASE WHEN g % 3 = 0 THEN 'handled' ELSE 'unhandled' END,
             CASE WHEN g % 3 = 0 THEN x.received_at + interval '1 hour' END,
             CASE WHEN g % 3 = 0 THEN '山田 太郎' END,
             lower(normalize(concat_ws(' ', x.name, x.company, x.for_whom, x.content), NFKC))
        FROM generate_series(1, ${seriesCount}) g
        CROSS JOIN LATERAL (SELECT
             now() - ((g / 3) * ${secondsApart}) * interval '1 second' AS received_at,
             (ARRAY['佐藤','鈴木','高橋','田中','伊藤','渡辺','山本','中村','小林','加藤'])[1 + g % 10]
               || ' ' || (ARRAY['花子','太郎','一郎','美咲','健太','さくら','ゆうき'])[1 + g % 7] AS name,
             CASE WHEN g % 2 = 0 THEN (ARRAY['株式会社サンプル','ABC商事','山田工業','東京物産'])[1 + g % 4] END AS company,
             (ARRAY['田中','営業部','総務','社長', NULL])[1 + g % 5] AS for_whom,
             (ARRAY['見積もりの件でお電話ください','カタログを送ってほしいとのこと','納品日の確認',
                    '請求書について','折り返しお願いします 03-1234-5678','採用の件'])[1 + g % 6]
               || ' #' || g AS content) x`;
    await pg.query(generated(`$1::uuid`, SIZE.big, 13), [bigAccount]);
    await pg.query(
      `WITH a AS (SELECT array_agg(id ORDER BY id) AS ids FROM accounts WHERE id <> $1)
       ${generated(`a.ids[1 + g % array_length(a.ids, 1)]`, SIZE.total - SIZE.big, 1).replace(
         'FROM generate_series',
         'FROM a, generate_series',
       )}`,
      [bigAccount],
    );
    await pg.query('ANALYZE inquiries');
    await pg.query('ANALYZE accounts');
    const counts = (
      await pg.query(
        `SELECT count(*)::int AS total, count(*) FILTER (WHERE account_id = $1)::int AS big,
                count(DISTINCT account_id)::int AS accounts FROM inquiries`,
        [bigAccount],
      )
    ).rows[0];
    return { bigAccount, seedSeconds: +((performance.now() - started) / 1000).toFixed(1), ...counts };
  } finally {
    await pg.end();
  }
}

async function startApi(ctx) {
  const port = await freePort();
  const baseUrl = `http://${HOST}:${port}`;
  const handle = startChild('api', process.execPath, [join(API_DIST, 'main.js')], {
    env: apiEnv(ctx, port, EXTRA_ENV),
  });
  handle.baseUrl = baseUrl;
  await waitForHttp(`${baseUrl}/api/v1/health/ready`, { child: handle });
  return handle;
}

async function login(baseUrl) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEMO_OWNER),
  });
  const body = await res.json().catch(() => ({}));
  if (res.status !== 200 || typeof body.accessToken !== 'string') {
    fail(`customer log-in failed: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.accessToken;
}

await runBench(async (ctx) => {
  assertApiBuilt();
  const machine = await machineFacts(ctx);
  printFacts(machine);
  console.log(
    `\ninquiries: ${fmt(SIZE.total)} inquiries over ${fmt(SIZE.accounts)} accounts, ${fmt(SIZE.big)} in the measured one${quick ? ' (--quick)' : ''}`,
  );
  await prepareDatabase(ctx, apiEnv(ctx, undefined, EXTRA_ENV));
  const seeded = await seedInquiries(ctx);
  console.log(
    `seeded ${fmt(seeded.total)} inquiries in ${fmt(seeded.accounts)} accounts (${fmt(seeded.big)} in the big one) in ${seeded.seedSeconds} s`,
  );
  const api = await startApi(ctx);
  let token = await login(api.baseUrl);
  const tokenAt = Date.now();
  const headers = () => ({ authorization: `Bearer ${token}` });
  const refreshIfOld = async () => {
    if (Date.now() - tokenAt > 10 * 60_000) token = await login(api.baseUrl);
  };

  /** One timed request; the body is read fully before the clock stops. */
  async function timed(path, init = {}) {
    const t0 = performance.now();
    const res = await fetch(`${api.baseUrl}${path}`, {
      ...init,
      headers: { ...headers(), ...(init.headers ?? {}) },
    });
    const body = await res.json();
    const ms = performance.now() - t0;
    if (res.status !== 200)
      fail(`${path} answered HTTP ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    return { ms, body };
  }
  const listPath = (query, cursor) =>
    `/api/v1/inquiries?limit=${PAGE_LIMIT}${query ? `&${query}` : ''}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

  // Warm-up: JIT, connection pool, PostgreSQL's caches.
  for (let i = 0; i < WARMUP; i++) await timed(listPath('status=unhandled'));

  const firstPage = [];
  for (let i = 0; i < SIZE.firstPage; i++) firstPage.push((await timed(listPath('status=unhandled'))).ms);

  /** Follows nextCursor from the first page; returns each later page's time and the ids seen. */
  async function walk(query, pages) {
    const times = [];
    const ids = [];
    let cursor = (await timed(listPath(query))).body.nextCursor;
    while (cursor && times.length < pages) {
      const { ms, body } = await timed(listPath(query, cursor));
      times.push(ms);
      if (ids.length < 20_000) ids.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    }
    return { times, ids, depth: (times.length + 1) * PAGE_LIMIT };
  }
  await refreshIfOld();
  const deepAll = await walk('', SIZE.deepPages);
  await refreshIfOld();
  const deepUnhandled = await walk('status=unhandled', Math.floor(SIZE.deepPages / 2));

  const search = [];
  for (let i = 0; i < SIZE.search; i++) {
    search.push((await timed(listPath(`q=${encodeURIComponent('カタログ')}&status=unhandled`))).ms);
  }

  // Bulk: 100 ids at a time from the pages walked, each batch flipped to the other status.
  await refreshIfOld();
  const bulk = [];
  const pool = deepAll.ids;
  let updatedTotal = 0;
  for (let i = 0; i < SIZE.bulk; i++) {
    const start = (i * 100) % Math.max(1, pool.length - 100);
    const ids = pool.slice(start, start + 100);
    const { ms, body } = await timed('/api/v1/inquiries/status', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ids, status: i % 2 === 0 ? 'handled' : 'unhandled' }),
    });
    updatedTotal += body.updatedIds.length;
    bulk.push(ms);
  }

  // The streamed CSV of the whole big account (information, no goal).
  await refreshIfOld();
  const csvStart = performance.now();
  const csvRes = await fetch(`${api.baseUrl}/api/v1/inquiries/export.csv`, { headers: headers() });
  let firstByteMs = null;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of csvRes.body) {
    firstByteMs ??= performance.now() - csvStart;
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  const csv = {
    status: csvRes.status,
    seconds: +((performance.now() - csvStart) / 1000).toFixed(2),
    firstByteMs: +(firstByteMs ?? 0).toFixed(1),
    megabytes: +(bytes / 2 ** 20).toFixed(1),
    // header line plus one per inquiry; content has no line breaks here
    rows: lines - 1,
  };

  const result = {
    firstPageUnhandled: stats(firstPage),
    laterPagesAll: { ...stats(deepAll.times), depthRows: deepAll.depth },
    laterPagesUnhandled: { ...stats(deepUnhandled.times), depthRows: deepUnhandled.depth },
    searchPage: stats(search),
    bulkUpdate100: { ...stats(bulk), updatedTotal },
    csv,
  };
  const pagesP99 = Math.max(
    result.firstPageUnhandled.p99,
    result.laterPagesAll.p99,
    result.laterPagesUnhandled.p99,
  );
  const pagesOk = pagesP99 < GOAL_PAGE_P99_MS;
  const bulkOk = result.bulkUpdate100.p99 < GOAL_BULK_P99_MS;

  console.log(`\nresults (ms, one request at a time over HTTP, limit=${PAGE_LIMIT}):`);
  console.log(line('first page, unhandled', result.firstPageUnhandled));
  console.log(line(`later pages, all (to row ${fmt(deepAll.depth)})`, result.laterPagesAll));
  console.log(
    line(`later pages, unhandled (to row ${fmt(deepUnhandled.depth)})`, result.laterPagesUnhandled),
  );
  console.log(line('search q=カタログ, unhandled (info)', result.searchPage));
  console.log(line('bulk status update, 100 ids', result.bulkUpdate100));
  console.log(
    `  CSV export of the whole account (info): HTTP ${csv.status}, ${fmt(csv.rows)} rows, ${csv.megabytes} MiB in ${csv.seconds} s (first byte after ${csv.firstByteMs} ms)`,
  );
  console.log(
    `\npages p99 ${fmt(pagesP99, 1)} ms (goal < ${GOAL_PAGE_P99_MS}): ${pagesOk ? 'PASS' : 'FAIL'}; ` +
      `bulk p99 ${fmt(result.bulkUpdate100.p99, 1)} ms (goal < ${GOAL_BULK_P99_MS}): ${bulkOk ? 'PASS' : 'FAIL'}`,
  );
  const file = writeResult(`inquiries-${new Date().toISOString().replace(/[:.]/g, '-')}.json`, {
    bench: 'inquiries',
    quick,
    size: SIZE,
    seeded,
    machine: { ...machine, ...endFacts() },
    goals: { pageP99Ms: GOAL_PAGE_P99_MS, bulkP99Ms: GOAL_BULK_P99_MS },
    result,
    pass: pagesOk && bulkOk,
  });
  console.log(`written ${file}`);
  return pagesOk && bulkOk ? 0 : 1;
});
