// Benchmark 2 (goal R5 of /work/shared/docs/perf-reliability.md): graceful shutdown.
//
// On SIGTERM the API stops accepting connections, lets in-flight requests finish and exits; the
// worker lets its active job finish and exits; both within 10 s (the code's own deadline is 9 s,
// after which it exits with code 1). Four scenarios, each with a fresh process:
//
//   api-idle             start the API, SIGTERM, time to exit.
//   api-under-load       autocannon -c 20 on GET /api/v1/admin/me (one DB read per request) plus
//                        "probe" clients (log-ins, which hash with argon2 and so are slow, and /me)
//                        that record every request exactly; SIGTERM after 4 s of load. Every request
//                        in flight at SIGTERM must get a 2xx. Requests sent after SIGTERM may be
//                        refused (connection refused, or 503 from Fastify while closing): reported.
//   worker-idle          start the worker, SIGTERM, time to exit.
//   worker-job-in-flight a maintenance job (purge-expired-refresh-tokens) is made to block on a
//                        table lock the benchmark holds, so it is certainly active at SIGTERM; the
//                        lock is released 3 s later. The job must complete, then the worker exit.
//
// Exit code: 0 all scenarios meet the goal, 1 one does not, 2 setup error, 130 interrupted.

import { join } from 'node:path';
import {
  API_DIST,
  apiEnv,
  apiRequire,
  assertApiBuilt,
  fail,
  fmt,
  loginOperator,
  endFacts,
  machineFacts,
  parseArgs,
  pgClient,
  prepareDatabase,
  printFacts,
  requireAutocannonPath,
  runBench,
  sleep,
  startApi,
  startChild,
  startLoadRunner,
  stopChild,
  writeResult,
  DEMO_OPERATOR,
} from './lib/common.mjs';

const GOAL_MS = 10_000;
const KILL_AFTER_MS = 15_000; // past the goal: a process still alive then is SIGKILLed and fails
const LOAD_BEFORE_SIGTERM_MS = 4_000;
const LOCK_HOLD_AFTER_SIGTERM_MS = 3_000;
const BORDERLINE_MS = 2; // a request sent this close before SIGTERM may reach a closing server

parseArgs(); // no options yet; keeps the interface of framework-overhead.mjs

/** SIGTERM a child and time its exit; SIGKILL it if it outlives KILL_AFTER_MS. */
async function terminateAndTime(handle, { duringWait } = {}) {
  const t0 = performance.now();
  const t0Epoch = Date.now();
  handle.child.kill('SIGTERM');
  let killed = false;
  const killer = setTimeout(() => {
    killed = true;
    handle.child.kill('SIGKILL');
  }, KILL_AFTER_MS);
  const during = duringWait?.();
  const exit = await handle.exited;
  clearTimeout(killer);
  await during;
  const ms = exit.at - t0;
  // Nest re-raises the signal after its shutdown hooks ran, so a clean exit is "killed by SIGTERM"
  // (shell status 143) or code 0; code 1 means the 9 s deadline in src/shutdown.ts fired.
  const clean = !killed && (exit.code === 0 || exit.signal === 'SIGTERM');
  return {
    t0Epoch,
    exitEpoch: t0Epoch + ms,
    msToExit: Math.round(ms),
    exitCode: exit.code,
    exitSignal: exit.signal,
    shellStatus: exit.code ?? (exit.signal === 'SIGTERM' ? 143 : exit.signal === 'SIGKILL' ? 137 : null),
    killedByBench: killed,
    clean,
    output: handle.tail().split('\n').slice(-8),
  };
}

function describeExit(r) {
  return `${fmt(r.msToExit)} ms to exit, ${r.exitCode !== null ? `exit code ${r.exitCode}` : `signal ${r.exitSignal} (status ${r.shellStatus})`}${r.killedByBench ? ', SIGKILLed by the benchmark' : ''}`;
}

// ------------------------------------------------------------------------------------------------

async function apiIdle(ctx) {
  const api = await startApi(ctx, 'api-idle');
  const r = await terminateAndTime(api);
  const pass = r.clean && r.msToExit < GOAL_MS;
  return { scenario: 'api-idle', pass, ...r };
}

function classifyProbes(records, t0, exitAt) {
  const key = (r) =>
    r.error ? `error:${r.error}${r.reusedSocket ? '(reused socket)' : ''}` : `status:${r.status}`;
  const tally = (list) => list.reduce((acc, r) => ((acc[key(r)] = (acc[key(r)] ?? 0) + 1), acc), {});
  const before = records.filter((r) => r.doneAt !== null && r.doneAt <= t0);
  const inFlight = records.filter(
    (r) => r.sentAt < t0 - BORDERLINE_MS && (r.doneAt === null || r.doneAt > t0),
  );
  const borderline = records.filter((r) => r.sentAt >= t0 - BORDERLINE_MS && r.sentAt <= t0 && r.doneAt > t0);
  const after = records.filter((r) => r.sentAt > t0);
  const ok = (r) => !r.error && r.status >= 200 && r.status < 300;
  const inFlightFailed = inFlight.filter((r) => !ok(r));
  return {
    beforeSigterm: {
      count: before.length,
      outcomes: tally(before),
      failed: before.filter((r) => !ok(r)).length,
    },
    inFlightAtSigterm: {
      count: inFlight.length,
      byProbe: inFlight.reduce((acc, r) => ((acc[r.probe] = (acc[r.probe] ?? 0) + 1), acc), {}),
      outcomes: tally(inFlight),
      failed: inFlightFailed.length,
      failures: inFlightFailed.slice(0, 20),
      slowestMsAfterSigterm: inFlight.length
        ? Math.max(...inFlight.map((r) => (r.doneAt ?? exitAt) - t0))
        : 0,
    },
    borderline: { count: borderline.length, outcomes: tally(borderline) },
    sentAfterSigterm: {
      count: after.length,
      beforeExit: tally(after.filter((r) => r.sentAt < exitAt)),
      afterExit: tally(after.filter((r) => r.sentAt >= exitAt)),
    },
  };
}

async function apiUnderLoad(ctx) {
  const api = await startApi(ctx, 'api-under-load');
  const token = await loginOperator(api.baseUrl);
  const auth = { authorization: `Bearer ${token}` };
  const runner = startLoadRunner();
  runner.send({
    type: 'shutdown',
    maxSeconds: 40,
    load: { url: `${api.baseUrl}/api/v1/admin/me`, headers: auth, connections: 20 },
    probes: [
      {
        name: 'login',
        loops: 4,
        method: 'POST',
        url: `${api.baseUrl}/api/v1/admin/auth/login`,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(DEMO_OPERATOR),
      },
      { name: 'me', loops: 4, url: `${api.baseUrl}/api/v1/admin/me`, headers: auth },
    ],
  });
  await sleep(LOAD_BEFORE_SIGTERM_MS);
  if (api.child.exitCode !== null) fail(`the API died under load before SIGTERM:\n${api.tail()}`);
  runner.send({ type: 'mark', name: 'sigterm' });
  const r = await terminateAndTime(api);
  runner.send({ type: 'mark', name: 'exit' });
  await sleep(500); // let the clients see the closed port
  runner.send({ type: 'stop' });
  const load = await runner.result;
  await stopChild(runner, 1000);

  const probes = classifyProbes(load.probes, r.t0Epoch, r.exitEpoch);
  const ac = load.autocannon;
  const pass =
    r.clean &&
    r.msToExit < GOAL_MS &&
    probes.inFlightAtSigterm.failed === 0 &&
    probes.beforeSigterm.failed === 0;
  return {
    scenario: 'api-under-load',
    pass,
    ...r,
    inFlightRequestsFinished: probes.inFlightAtSigterm.failed === 0,
    probes,
    probesUnsettled: load.probesUnsettled,
    autocannon: {
      connections: ac.connections,
      route: 'GET /api/v1/admin/me',
      requestsTotal: ac.requestsTotal,
      ok2xx: ac.ok2xx,
      non2xx: ac.non2xx,
      errors: ac.errors,
      timeouts: ac.timeouts,
      statusCodes: ac.statusCodes,
      byPhase: ac.byPhase, // before-sigterm, after-sigterm (until exit), after-exit
    },
  };
}

// ------------------------------------------------------------------------------------------------

function newQueue(ctx) {
  const { Queue } = apiRequire('bullmq');
  const u = new URL(ctx.redisUrl);
  return new Queue('maintenance', {
    prefix: ctx.redisPrefix,
    connection: { host: u.hostname, port: Number(u.port || 6379), maxRetriesPerRequest: null },
  });
}

async function startWorker(ctx, label, queue) {
  const worker = startChild(label, process.execPath, [join(API_DIST, 'worker.js')], { env: apiEnv(ctx) });
  const deadline = Date.now() + 30_000;
  while ((await queue.getWorkersCount()) === 0) {
    if (worker.child.exitCode !== null) fail(`${label} exited during start-up:\n${worker.tail()}`);
    if (Date.now() > deadline)
      fail(`${label} did not register a BullMQ worker within 30 s:\n${worker.tail()}`);
    await sleep(100);
  }
  return worker;
}

async function workerIdle(ctx, queue) {
  const worker = await startWorker(ctx, 'worker-idle', queue);
  await sleep(500);
  const r = await terminateAndTime(worker);
  return { scenario: 'worker-idle', pass: r.clean && r.msToExit < GOAL_MS, ...r };
}

async function workerJobInFlight(ctx, queue) {
  const worker = await startWorker(ctx, 'worker-job-in-flight', queue);
  // Hold an exclusive lock on refresh_tokens, so the job's DELETE waits: it is active, for sure, at SIGTERM.
  const locker = pgClient(ctx.databaseUrl);
  await locker.connect();
  let job;
  let lockReleasedAt = null;
  let workerAliveAtRelease = null;
  try {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE refresh_tokens IN ACCESS EXCLUSIVE MODE');
    job = await queue.add(
      'purge-expired-refresh-tokens',
      {},
      { attempts: 1, removeOnComplete: false, removeOnFail: false },
    );
    const deadline = Date.now() + 10_000;
    while ((await job.getState()) !== 'active') {
      if (Date.now() > deadline) fail(`the job did not become active within 10 s:\n${worker.tail()}`);
      await sleep(50);
    }
    await sleep(200); // the DELETE is now waiting on the lock
    const r = await terminateAndTime(worker, {
      duringWait: async () => {
        await sleep(LOCK_HOLD_AFTER_SIGTERM_MS);
        workerAliveAtRelease = worker.child.exitCode === null && worker.child.signalCode === null;
        lockReleasedAt = LOCK_HOLD_AFTER_SIGTERM_MS;
        await locker.query('COMMIT');
      },
    });
    const fresh = await queue.getJob(job.id);
    const state = fresh ? await fresh.getState() : 'missing';
    const jobResult = {
      id: job.id,
      state,
      attemptsMade: fresh?.attemptsMade ?? null,
      returnvalue: fresh?.returnvalue ?? null,
      failedReason: fresh?.failedReason ?? null,
      finishedAfterSigtermMs: fresh?.finishedOn ? fresh.finishedOn - r.t0Epoch : null,
    };
    const pass = r.clean && r.msToExit < GOAL_MS && state === 'completed' && workerAliveAtRelease === true;
    return {
      scenario: 'worker-job-in-flight',
      pass,
      ...r,
      lockReleasedMsAfterSigterm: lockReleasedAt,
      workerWaitedForJob: workerAliveAtRelease,
      job: jobResult,
    };
  } finally {
    await locker.query('ROLLBACK').catch(() => {});
    await locker.end().catch(() => {});
  }
}

// ------------------------------------------------------------------------------------------------

await runBench(async (ctx) => {
  const started = performance.now();
  requireAutocannonPath();
  assertApiBuilt();
  const machine = await machineFacts(ctx);
  printFacts(machine);
  console.log(`goal: SIGTERM -> in-flight work finishes, process exits in < ${GOAL_MS / 1000} s\n`);
  console.log(`setting up database ${ctx.dbName} and Redis prefix ${ctx.redisPrefix} ...`);
  await prepareDatabase(ctx);

  const results = [];
  const report = (res, extra = '') => {
    results.push(res);
    console.log(`${res.pass ? 'PASS' : 'FAIL'}  ${res.scenario.padEnd(22)} ${describeExit(res)}${extra}`);
    if (!res.pass && res.output?.some((l) => l.trim()))
      console.log(`      last output:\n        ${res.output.join('\n        ')}`);
  };

  report(await apiIdle(ctx));

  const load = await apiUnderLoad(ctx);
  const p = load.probes;
  report(
    load,
    `\n      in flight at SIGTERM (probes): ${p.inFlightAtSigterm.count} ${JSON.stringify(p.inFlightAtSigterm.byProbe)}, ` +
      `failed ${p.inFlightAtSigterm.failed}, last answered ${fmt(p.inFlightAtSigterm.slowestMsAfterSigterm)} ms after SIGTERM` +
      `\n      probes before SIGTERM: ${p.beforeSigterm.count} done, ${p.beforeSigterm.failed} failed; ` +
      `sent after SIGTERM: ${JSON.stringify(p.sentAfterSigterm.beforeExit)} before exit, ${JSON.stringify(p.sentAfterSigterm.afterExit)} after` +
      (p.borderline.count
        ? `\n      borderline (sent < ${BORDERLINE_MS} ms before SIGTERM): ${JSON.stringify(p.borderline.outcomes)}`
        : '') +
      `\n      autocannon -c ${load.autocannon.connections} ${load.autocannon.route}: ${fmt(load.autocannon.requestsTotal)} responses, ` +
      `non2xx ${load.autocannon.non2xx}, errors ${load.autocannon.errors}, timeouts ${load.autocannon.timeouts}; by phase ${JSON.stringify(load.autocannon.byPhase)}`,
  );

  const queue = newQueue(ctx);
  try {
    report(await workerIdle(ctx, queue));
    const w = await workerJobInFlight(ctx, queue);
    report(
      w,
      `\n      job ${w.job.id}: ${w.job.state}${w.job.failedReason ? ` (${w.job.failedReason})` : ''}, ` +
        `finished ${w.job.finishedAfterSigtermMs ?? '?'} ms after SIGTERM (lock released at ${w.lockReleasedMsAfterSigterm} ms), ` +
        `worker waited for it: ${w.workerWaitedForJob}`,
    );
  } finally {
    await queue.close().catch(() => {});
  }

  const allPass = results.every((r) => r.pass);
  console.log(
    `\n${allPass ? 'PASS' : 'FAIL'}: graceful shutdown, goal < ${GOAL_MS / 1000} s with in-flight work finished`,
  );
  const totalSeconds = (performance.now() - started) / 1000;
  const file = writeResult('shutdown.json', {
    benchmark: 'shutdown',
    date: new Date().toISOString(),
    goal: { maxMsToExit: GOAL_MS, inFlightMustFinish: true, source: 'perf-reliability.md R5' },
    machine: { ...machine, ...endFacts() },
    config: { LOAD_BEFORE_SIGTERM_MS, LOCK_HOLD_AFTER_SIGTERM_MS, KILL_AFTER_MS, BORDERLINE_MS },
    verdict: allPass ? 'PASS' : 'FAIL',
    scenarios: results,
    totalSeconds,
  });
  console.log(`results: ${file}  (total ${totalSeconds.toFixed(0)} s)`);
  return allPass ? 0 : 1;
});
