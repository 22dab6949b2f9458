// The load generator process. The orchestrating script forks it and talks to it over IPC, so
// autocannon never shares an event loop (or a core's time slice) with the server it measures, nor
// with the orchestrator that is waiting on child processes and timers.
//
// Messages in:  { type: 'bench', url, method?, headers?, body?, connections, warmupSeconds, measureSeconds }
//               { type: 'shutdown', load: {url, headers, connections}, probes: [...], maxSeconds }
//               { type: 'mark', name }   (shutdown mode: 'sigterm', 'exit' switch the counting phase)
//               { type: 'stop' }         (shutdown mode: end the load and report)
// Messages out: { type: 'result', result } or { type: 'error', message }

import http from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const autocannon = createRequire(join(benchDir, 'package.json'))('autocannon');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function runAutocannon(opts) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ pipelining: 1, timeout: 10, ...opts }, (err, result) =>
      err ? reject(err) : resolve(result),
    );
    opts.onInstance?.(instance);
  });
}

/** The figures we report from an autocannon result (latencies are of 2xx responses, in ms). */
function summarize(r) {
  return {
    durationSeconds: r.duration,
    connections: r.connections,
    reqPerSec: r.requests.average, // mean of the per-second samples, as the CLI's "Req/Sec Avg"
    reqPerSecStddev: r.requests.stddev,
    requestsTotal: r.requests.total,
    requestsSent: r.requests.sent,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: r.latency.mean ?? r.latency.average,
    },
    throughputBytesPerSec: r.throughput.average,
    ok2xx: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    mismatches: r.mismatches,
    resets: r.resets,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
}

async function bench(job) {
  const base = {
    url: job.url,
    method: job.method ?? 'GET',
    headers: job.headers ?? {},
    body: job.body,
    connections: job.connections,
  };
  // Warm-up: JIT, connection set-up and caches; its figures are reported but not used.
  const warm = await runAutocannon({ ...base, duration: job.warmupSeconds });
  const main = await runAutocannon({ ...base, duration: job.measureSeconds });
  return { warmup: summarize(warm), measure: summarize(main) };
}

// ------------------------------------------------------------------------------------------------
// Shutdown mode: a steady autocannon load plus "probe" clients that record every request exactly.
//
// autocannon silently re-sends on a fresh connection when the server ends a keep-alive connection,
// so it can't tell whether a request that was in flight at SIGTERM got its answer. The probes use
// node:http with keep-alive, where every request ends in exactly one response or one error, with
// the times it was sent and settled, so the orchestrator can check the requests in flight at SIGTERM.

let phase = 'before-sigterm';
let stopRequested = false;
const marks = {};

function probeOnce(p, agent) {
  const rec = {
    probe: p.name,
    sentAt: Date.now(),
    doneAt: null,
    status: null,
    error: null,
    reusedSocket: null,
  };
  return new Promise((resolve) => {
    const req = http.request(
      p.url,
      { method: p.method ?? 'GET', headers: p.headers ?? {}, agent, timeout: 15_000 },
      (res) => {
        res.resume();
        res.on('end', () => {
          rec.doneAt = Date.now();
          rec.status = res.statusCode;
          resolve(rec);
        });
        res.on('error', (err) => {
          rec.doneAt = Date.now();
          rec.error = err.code ?? err.message;
          resolve(rec);
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('client timeout'), { code: 'CLIENT_TIMEOUT' })),
    );
    req.on('error', (err) => {
      rec.doneAt = Date.now();
      rec.error = err.code ?? err.message;
      rec.reusedSocket = req.reusedSocket; // a reset on a reused keep-alive socket is the classic close race
      resolve(rec);
    });
    req.end(p.body);
  });
}

async function shutdownLoad(job) {
  const counts = {}; // phase -> { status:<code> | error:<code> -> n }
  const bump = (key) => {
    counts[phase] ??= {};
    counts[phase][key] = (counts[phase][key] ?? 0) + 1;
  };
  let instance;
  const acDone = runAutocannon({
    url: job.load.url,
    headers: job.load.headers ?? {},
    connections: job.load.connections,
    duration: job.maxSeconds,
    onInstance: (i) => {
      instance = i;
      i.on('response', (_client, statusCode) => bump(`status:${statusCode}`));
      i.on('reqError', (err) => bump(`error:${err.code ?? err.message}`));
    },
  });

  const records = [];
  const pending = new Set();
  const loops = [];
  for (const p of job.probes) {
    const agent = new http.Agent({ keepAlive: true, maxSockets: p.loops });
    for (let i = 0; i < p.loops; i++) {
      loops.push(
        (async () => {
          while (!stopRequested) {
            const rec = probeOnce(p, agent);
            pending.add(rec);
            const done = await rec;
            pending.delete(rec);
            records.push(done);
            if (done.error) await sleep(25); // the server is gone: don't spin on ECONNREFUSED
          }
        })(),
      );
    }
  }

  await new Promise((resolve) => {
    process.on('message', (msg) => {
      if (msg?.type === 'stop') resolve();
    });
    setTimeout(resolve, job.maxSeconds * 1000).unref();
  });
  stopRequested = true;
  instance?.stop();
  // Let the probes' last requests settle (they end in an error at once if the server is gone).
  await Promise.race([Promise.all(loops), sleep(3000)]);
  const ac = await acDone;
  return {
    marks,
    autocannon: { ...summarize(ac), byPhase: counts },
    probes: records,
    probesUnsettled: pending.size,
  };
}

process.on('message', async (msg) => {
  try {
    if (msg?.type === 'bench') {
      process.send({ type: 'result', result: await bench(msg) });
    } else if (msg?.type === 'shutdown') {
      process.send({ type: 'result', result: await shutdownLoad(msg) });
    } else if (msg?.type === 'mark') {
      marks[msg.name] = Date.now();
      phase = `after-${msg.name}`;
    }
  } catch (err) {
    process.send({ type: 'error', message: err?.stack ?? String(err) });
  }
});
