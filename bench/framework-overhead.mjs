// Benchmark 1 (goal P1 of /work/shared/docs/perf-reliability.md): framework overhead.
//
// A trivial authenticated JSON route of the real API (Nest 12 on the Fastify adapter, built and run
// as in production) against a bare Fastify 5 server that verifies the same JWT and returns the same
// JSON, measured side by side in one run. Goal: Nest >= 65 % of bare Fastify's req/s.
//
// Method (perf-reliability.md §7): autocannon in a separate process; per target and round a 5 s
// warm-up then a 15 s measurement at -c 50; 3 rounds interleaved (nest, bare, bare-plain, nest, ...)
// so slow drift of a shared 2-core machine hits every target alike; the median round counts.
// Absolute req/s move by up to 2x between runs on this machine: compare the ratio, not the numbers.
//
//   node framework-overhead.mjs            full run, about 3.5 minutes
//   node framework-overhead.mjs --quick    1 round, 3 s + 5 s: a smoke test, not a measurement
//   node framework-overhead.mjs --with-live   adds Nest's public GET /api/v1/health/live (no JWT)
//   node framework-overhead.mjs --with-plugins   adds bare Fastify + the API's plugins (helmet,
//                                            cookie, CORS, request id): what Nest itself costs
//   node framework-overhead.mjs --with-alt-secret   adds bare Fastify verifying with the other way
//                                            of passing the secret (see bare-fastify.mjs)
//       each extra line adds 20 s per round, which takes a full run over 4 minutes
//   node framework-overhead.mjs --bare-secret=string|keyobject   override the detection below
//
// Same JWT work on both sides: jsonwebtoken's cost depends on whether the secret is passed as a
// string (slow: a failed createPublicKey per verify) or a KeyObject. We read the API's build to see
// which it does and make the bare server do the same; the choice is printed and recorded.
//
// Exit code: 0 goal met, 1 goal missed or the run had errors, 2 setup error, 130 interrupted.

import { existsSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { join } from 'node:path';
import {
  API_DIST,
  BENCH_DIR,
  HOST,
  assertApiBuilt,
  fail,
  fmt,
  freePort,
  loginOperator,
  endFacts,
  machineFacts,
  measure,
  median,
  parseArgs,
  prepareDatabase,
  printFacts,
  requireAutocannonPath,
  runBench,
  startApi,
  startChild,
  waitForHttp,
  writeResult,
} from './lib/common.mjs';

const GOAL_RATIO = 0.65;
const WHOAMI = '/api/v1/admin/whoami';

const { quick, flags } = parseArgs();

/** How the API hands its secret to passport-jwt/jsonwebtoken, read from its build. */
function detectApiSecretMode() {
  const forced = [...flags].find((f) => f.startsWith('--bare-secret='))?.split('=')[1];
  if (forced) {
    if (!['string', 'keyobject'].includes(forced)) fail('--bare-secret must be string or keyobject');
    return { mode: forced, how: 'forced by --bare-secret' };
  }
  const file = join(API_DIST, 'common', 'auth', 'jwt.strategy.js');
  if (!existsSync(file)) return { mode: 'string', how: `${file} not found; assuming a string secret` };
  const src = readFileSync(file, 'utf8');
  return /createSecretKey|KeyObject/.test(src)
    ? { mode: 'keyobject', how: 'the API build creates a KeyObject (createSecretKey) for passport-jwt' }
    : { mode: 'string', how: 'the API build passes the secret to passport-jwt as a string' };
}

const config = {
  connections: 50,
  rounds: quick ? 1 : 3,
  warmupSeconds: quick ? 3 : 5,
  measureSeconds: quick ? 5 : 15,
  withLive: flags.has('--with-live'),
  withAltSecret: flags.has('--with-alt-secret'),
  withPlugins: flags.has('--with-plugins'),
};

await runBench(async (ctx) => {
  const started = performance.now();
  const secretMode = detectApiSecretMode();
  const altMode = secretMode.mode === 'string' ? 'keyobject' : 'string';
  config.bareJwtSecretMode = secretMode.mode;
  config.bareJwtSecretModeReason = secretMode.how;
  requireAutocannonPath();
  assertApiBuilt();
  const machine = await machineFacts(ctx);
  printFacts(machine);
  console.log(
    `method: autocannon -c ${config.connections}, ${config.warmupSeconds} s warm-up + ${config.measureSeconds} s measure, ` +
      `${config.rounds} interleaved round(s)${quick ? ' (--quick: smoke test only)' : ''}\n`,
  );

  console.log(`setting up database ${ctx.dbName} and Redis prefix ${ctx.redisPrefix} ...`);
  await prepareDatabase(ctx);
  const api = await startApi(ctx);
  const token = await loginOperator(api.baseUrl);

  const barePort = await freePort();
  const barePluginsPort = config.withPlugins ? await freePort() : null;
  const bare = startChild('bare-fastify', process.execPath, [join(BENCH_DIR, 'bare-fastify.mjs')], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      BARE_PORT: String(barePort),
      JWT_SECRET: ctx.jwtSecret,
      BARE_JWT_SECRET_MODE: secretMode.mode,
      ...(barePluginsPort && { BARE_PLUGINS_PORT: String(barePluginsPort) }),
    },
  });
  console.log(`bare server verifies with the secret as a ${secretMode.mode} (${secretMode.how})`);
  const bareUrl = `http://${HOST}:${barePort}`;
  await waitForHttp(`${bareUrl}/api/v1/plain`, { child: bare });

  const auth = { authorization: `Bearer ${token}` };
  const targets = [
    {
      key: 'nest',
      label: `Nest+Fastify  GET ${WHOAMI} (JWT)`,
      url: `${api.baseUrl}${WHOAMI}`,
      headers: auth,
    },
    {
      key: 'bareJwt',
      label: `bare Fastify  GET ${WHOAMI} (JWT, ${secretMode.mode})`,
      url: `${bareUrl}${WHOAMI}`,
      headers: auth,
    },
    {
      key: 'barePlain',
      label: 'bare Fastify  GET /api/v1/plain (no JWT)',
      url: `${bareUrl}/api/v1/plain`,
      headers: {},
    },
  ];
  if (config.withPlugins) {
    targets.push({
      key: 'barePlugins',
      label: `bare Fastify+plugins  GET ${WHOAMI} (JWT, ${secretMode.mode})`,
      url: `http://${HOST}:${barePluginsPort}${WHOAMI}`,
      headers: auth,
    });
  }
  if (config.withAltSecret) {
    targets.push({
      key: 'bareJwtAlt',
      label: `bare Fastify  GET ${WHOAMI} (JWT, ${altMode})`,
      url: `${bareUrl}${WHOAMI}-${altMode}`,
      headers: auth,
    });
  }
  if (config.withLive) {
    targets.push({
      key: 'nestLive',
      label: 'Nest+Fastify  GET /api/v1/health/live (no JWT)',
      url: `${api.baseUrl}/api/v1/health/live`,
      headers: {},
    });
  }

  // Both sides must answer 200 with the same body, or the comparison means nothing.
  const bodies = {};
  for (const t of targets) {
    const res = await fetch(t.url, { headers: t.headers });
    const text = await res.text();
    if (res.status === 404 && t.key === 'nest') {
      fail(
        `GET ${WHOAMI} answered 404: this build of the API has no such route. The benchmark needs a trivial ` +
          'authenticated route: GET /api/v1/admin/whoami, guarded by @StaffRoute() like every console route, ' +
          'returning the token claims {userId, role, accountId} without touching the database. ' +
          'Rebuild apps/api after adding it.',
      );
    }
    if (res.status !== 200) fail(`${t.label} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    bodies[t.key] = JSON.parse(text);
    // Response size matters at these rates (helmet adds about a dozen headers): record it.
    t.responseHeaders = [...res.headers.keys()].length;
    t.responseBodyBytes = Buffer.byteLength(text);
  }
  if (!isDeepStrictEqual(bodies.nest, bodies.bareJwt)) {
    fail(
      `the two whoami routes answer differently:\n nest: ${JSON.stringify(bodies.nest)}\n bare: ${JSON.stringify(bodies.bareJwt)}`,
    );
  }
  console.log(`both whoami routes answer ${JSON.stringify(bodies.nest)}\n`);

  const runs = Object.fromEntries(targets.map((t) => [t.key, []]));
  for (let round = 1; round <= config.rounds; round++) {
    for (const t of targets) {
      const r = await measure({
        url: t.url,
        headers: t.headers,
        connections: config.connections,
        warmupSeconds: config.warmupSeconds,
        measureSeconds: config.measureSeconds,
      });
      runs[t.key].push({ round, ...r.measure, warmupReqPerSec: r.warmup.reqPerSec });
      const m = r.measure;
      console.log(
        `round ${round}/${config.rounds}  ${t.label.padEnd(62)} ${fmt(m.reqPerSec).padStart(7)} req/s  ` +
          `p50 ${m.latencyMs.p50} p99 ${m.latencyMs.p99} max ${m.latencyMs.max} ms  ` +
          `errors ${m.errors} non2xx ${m.non2xx} timeouts ${m.timeouts}`,
      );
    }
  }

  // Per target: the median req/s, and the latencies of the round that had it (coherent figures).
  const summary = {};
  for (const t of targets) {
    const list = runs[t.key];
    const med = median(list.map((r) => r.reqPerSec));
    const sorted = [...list].sort((a, b) => a.reqPerSec - b.reqPerSec);
    const medianRound = sorted[Math.floor((sorted.length - 1) / 2)];
    summary[t.key] = {
      label: t.label,
      url: t.url.replace(/:\d+\//, ':<port>/'),
      responseHeaders: t.responseHeaders,
      responseBodyBytes: t.responseBodyBytes,
      reqPerSecMedian: med,
      reqPerSecRounds: list.map((r) => r.reqPerSec),
      latencyMsOfMedianRound: medianRound.latencyMs,
      errors: list.reduce((s, r) => s + r.errors, 0),
      non2xx: list.reduce((s, r) => s + r.non2xx, 0),
      timeouts: list.reduce((s, r) => s + r.timeouts, 0),
      requestsTotal: list.reduce((s, r) => s + r.requestsTotal, 0),
    };
  }
  const ratio = summary.nest.reqPerSecMedian / summary.bareJwt.reqPerSecMedian;
  const ratios = {
    nestOverBareJwt: ratio,
    nestOverBareJwtPerRound: runs.nest.map((r, i) => r.reqPerSec / runs.bareJwt[i].reqPerSec),
    nestOverBarePlain: summary.nest.reqPerSecMedian / summary.barePlain.reqPerSecMedian,
    bareJwtOverBarePlain: summary.bareJwt.reqPerSecMedian / summary.barePlain.reqPerSecMedian,
    ...(summary.nestLive && {
      nestLiveOverBarePlain: summary.nestLive.reqPerSecMedian / summary.barePlain.reqPerSecMedian,
    }),
    ...(summary.barePlugins && {
      nestOverBarePlugins: summary.nest.reqPerSecMedian / summary.barePlugins.reqPerSecMedian,
      barePluginsOverBareJwt: summary.barePlugins.reqPerSecMedian / summary.bareJwt.reqPerSecMedian,
    }),
    ...(summary.bareJwtAlt && {
      nestOverBareJwtAlt: summary.nest.reqPerSecMedian / summary.bareJwtAlt.reqPerSecMedian,
    }),
  };
  const dirty = ['nest', 'bareJwt'].some(
    (k) => summary[k].errors || summary[k].non2xx || summary[k].timeouts,
  );
  const verdict = dirty ? 'INVALID' : ratio >= GOAL_RATIO ? 'PASS' : 'FAIL';

  console.log(
    `\n${'target'.padEnd(62)} ${'req/s'.padStart(8)} ${'p50'.padStart(5)} ${'p99'.padStart(5)} ${'max'.padStart(6)} ${'errors'.padStart(7)} ${'non2xx'.padStart(7)}`,
  );
  for (const t of targets) {
    const s = summary[t.key];
    const l = s.latencyMsOfMedianRound;
    console.log(
      `${t.label.padEnd(62)} ${fmt(s.reqPerSecMedian).padStart(8)} ${String(l.p50).padStart(5)} ${String(l.p99).padStart(5)} ` +
        `${String(l.max).padStart(6)} ${String(s.errors + s.timeouts).padStart(7)} ${String(s.non2xx).padStart(7)}`,
    );
  }
  console.log('(req/s: median of the rounds; latencies in ms, of the median round)\n');
  console.log(
    `Nest / bare Fastify (same JWT work, secret as ${secretMode.mode}): ${(ratio * 100).toFixed(1)} %  ` +
      `(rounds: ${ratios.nestOverBareJwtPerRound.map((x) => `${(x * 100).toFixed(1)} %`).join(', ')})`,
  );
  console.log(`Nest / bare Fastify without JWT:     ${(ratios.nestOverBarePlain * 100).toFixed(1)} %`);
  console.log(
    `bare JWT / bare without JWT:          ${(ratios.bareJwtOverBarePlain * 100).toFixed(1)} %  (cost of HS256 verification alone)`,
  );
  if (ratios.nestOverBarePlugins) {
    console.log(
      `bare+plugins / bare (cost of helmet, cookie, CORS, request id): ${(ratios.barePluginsOverBareJwt * 100).toFixed(1)} %`,
    );
    console.log(
      `Nest / bare+plugins (cost of Nest itself): ${(ratios.nestOverBarePlugins * 100).toFixed(1)} %`,
    );
  }
  if (ratios.nestOverBareJwtAlt) {
    console.log(
      `Nest / bare Fastify, JWT secret as ${altMode}: ${(ratios.nestOverBareJwtAlt * 100).toFixed(1)} %`,
    );
  }
  if (ratios.nestLiveOverBarePlain) {
    console.log(`Nest /health/live / bare without JWT: ${(ratios.nestLiveOverBarePlain * 100).toFixed(1)} %`);
  }
  console.log(
    `\n${verdict}: goal Nest >= ${GOAL_RATIO * 100} % of bare Fastify` +
      (verdict === 'INVALID' ? ' — the run had errors, non-2xx or timeouts; its figures do not count' : '') +
      (quick ? ' (--quick: indicative only)' : ''),
  );

  const totalSeconds = (performance.now() - started) / 1000;
  const file = writeResult('framework-overhead.json', {
    benchmark: 'framework-overhead',
    date: new Date().toISOString(),
    goal: {
      metric: 'median req/s Nest / bare Fastify, same JWT work',
      minRatio: GOAL_RATIO,
      source: 'perf-reliability.md P1',
    },
    quick,
    config,
    machine: { ...machine, ...endFacts() },
    summary,
    ratios,
    verdict,
    runs,
    totalSeconds,
  });
  console.log(`results: ${file}  (total ${totalSeconds.toFixed(0)} s)`);
  return verdict === 'PASS' ? 0 : 1;
});
