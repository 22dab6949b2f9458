// What the revocation check of issue 15 costs per request.
//
// Every request with an access token asks SessionsService.isCurrent whether the token's session
// still stands (apps/api/src/modules/accounts/sessions.service.ts). The answer is cached in Redis
// for SESSION_STATE_CACHE_SECONDS (5 s), so a request normally pays one Redis GET; once per session
// and 5 s, one request pays the PostgreSQL query instead (plus a SET). This script measures both,
// sequentially, from a separate process against the real seeded database and the key the running
// API wrote, and the end-to-end latency of an authenticated route for context.
//
//   node session-check.mjs            20,000 GETs, 2,000 queries, 2,000 HTTP requests
//   node session-check.mjs --quick    a tenth of each
//
// Exit code: 0 measured, 2 setup error, 130 interrupted.

import {
  apiEnv,
  fmt,
  latencyStats,
  loginOperator,
  parseArgs,
  pgClient,
  prepareDatabase,
  redisClient,
  runBench,
  startApi,
  writeResult,
} from './lib/common.mjs';

const { quick } = parseArgs();
const N_REDIS = quick ? 2_000 : 20_000;
const N_PG = quick ? 200 : 2_000;
const N_HTTP = quick ? 200 : 2_000;

// The query of RefreshTokensRepository.sessionState, verbatim.
const STATE_SQL = `SELECT u.id AS "userId", u.role, u.account_id AS "accountId",
        EXISTS (SELECT 1 FROM refresh_tokens r
                 WHERE r.family_id = $2 AND r.user_id = u.id AND r.revoked_at IS NULL) AS alive
   FROM users u
  WHERE u.id = $1`;

const micros = (start) => Number(process.hrtime.bigint() - start) / 1000;

async function timeEach(n, fn) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    await fn();
    out.push(micros(start));
  }
  return latencyStats(out, { digits: 0 });
}

const show = (label, s) =>
  console.log(
    `${label.padEnd(46)} n=${fmt(s.n)}  p50 ${fmt(s.p50)} µs  p99 ${fmt(s.p99)} µs  mean ${fmt(s.mean)} µs`,
  );

await runBench(async (ctx) => {
  await prepareDatabase(ctx, apiEnv(ctx));
  const api = await startApi(ctx);
  const token = await loginOperator(api.baseUrl);
  const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
  const whoami = () =>
    fetch(`${api.baseUrl}/api/v1/admin/whoami`, { headers: { authorization: `Bearer ${token}` } }).then(
      async (r) => {
        if (r.status !== 200) throw new Error(`whoami answered ${r.status}`);
        await r.arrayBuffer();
      },
    );
  await whoami(); // the API has now cached the session's state

  const redis = await redisClient(ctx.redisUrl);
  const pg = pgClient(ctx.databaseUrl);
  await pg.connect();
  try {
    const key = `${ctx.redisPrefix}:session-state:${claims.sid}`;
    if ((await redis.get(key)) === null) throw new Error(`the API did not cache ${key}`);
    await timeEach(500, () => redis.get(key)); // warm-up
    const hit = await timeEach(N_REDIS, () => redis.get(key));
    await timeEach(100, () => pg.query(STATE_SQL, [claims.sub, claims.sid]));
    const miss = await timeEach(N_PG, () => pg.query(STATE_SQL, [claims.sub, claims.sid]));
    await timeEach(100, whoami);
    const http = await timeEach(N_HTTP, whoami);

    console.log('\nSession check (issue 15): cost per request');
    show('cache hit: Redis GET (almost every request)', hit);
    show('cache miss: PostgreSQL state query (1 per 5 s)', miss);
    show('context: GET /api/v1/admin/whoami end to end', http);
    console.log(
      `\nA request pays p50 ${fmt(hit.p50)} µs for the check (${fmt((hit.p50 / http.p50) * 100, 1)} % of the ` +
        `route's p50); the first request of a session in each 5 s window pays ${fmt(miss.p50)} µs.`,
    );
    const file = writeResult(`session-check-${Date.now()}.json`, { quick, hit, miss, http });
    console.log(`result: ${file}`);
    return 0;
  } finally {
    redis.disconnect();
    await pg.end();
  }
});
