// One local receiver of the notifications benchmark, in its own process (forked by
// notifications.mjs with IPC): `--kind=smtp` (the SMTP sink of fakes/), `--kind=chatwork` (the
// Chatwork fake of fakes/, with one user, token and room per bench account) or `--kind=webhook`
// (a plain HTTP server answering 200). Each keeps, for every message, its arrival time (wall-clock
// ms, Date.now()) and what identifies it, and sends them over IPC when asked:
//   parent → { type: 'records' }            child → { type: 'records', records: [...] }
//   parent → { type: 'count' }              child → { type: 'count', count }
// On start it sends { type: 'ready', ... } with its port(s).
//
// Runs outside the orchestrating process and outside the API and worker, so a receiver's own
// work (MIME parsing, JSON) never delays the stamping of another's arrivals.

import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAKES_SRC = join(ROOT, 'fakes', 'src');

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? hit.slice(name.length + 3) : fallback;
};
const kind = arg('kind');
const accounts = Number(arg('accounts', '100'));

const send = (msg) => process.send?.(msg);
// The parent went away (crash, Ctrl-C): never outlive it.
process.on('disconnect', () => process.exit(0));

/** Chatwork users of the bench: one per account, each with its own API token and group room. */
export function benchChatworkUsers(n) {
  return Array.from({ length: n }, (_, i) => ({
    account_id: 500_000 + i,
    name: `ベンチ 利用者${i}`,
    chatwork_id: `bench-${i}`,
    organization_id: 600_000 + i,
    organization_name: `ベンチ商事${i}`,
    mail: `cw-${i}@bench.example`,
    login_mail: `cw-${i}@bench.example`,
    apiToken: `bench-api-token-${i}`,
    rooms: [
      { room_id: 700_000 + i, name: 'マイチャット', type: 'my', role: 'admin' },
      { room_id: 800_000 + i, name: `ベンチ商事${i} 電話受付`, type: 'group', role: 'admin' },
    ],
  }));
}

const INQUIRY_IN_URL = /\/inquiries\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/i;

async function startSmtp() {
  const { startSmtpSink } = await import(pathToFileURL(join(FAKES_SRC, 'smtp-sink.js')).href);
  // Default 500 would drop older messages mid-run: keep every one of the run.
  const sink = await startSmtpSink({
    smtpPort: 0,
    httpPort: 0,
    host: HOST,
    quiet: true,
    maxMessages: 1_000_000,
  });
  const records = () =>
    sink.messages().map((m) => ({
      at: Date.parse(m.receivedAt),
      key: m.headers['x-idempotency-key'] ?? null,
      to: m.envelopeTo.join(','),
    }));
  return {
    ready: { smtpPort: sink.smtpPort, httpPort: sink.httpPort },
    records,
    count: () => sink.messages().length,
    close: () => sink.close(),
  };
}

async function startChatwork() {
  const { startChatworkFake } = await import(pathToFileURL(join(FAKES_SRC, 'chatwork-fake.js')).href);
  const fake = await startChatworkFake({
    port: 0,
    host: HOST,
    quiet: true,
    users: benchChatworkUsers(accounts),
  });
  const records = () =>
    fake.messages().map((m) => ({
      at: Date.parse(m.receivedAt),
      room: String(m.room_id),
      inquiryId: INQUIRY_IN_URL.exec(m.body)?.[1] ?? null,
    }));
  return {
    ready: { url: fake.url, port: fake.port },
    records,
    count: () => fake.messages().length,
    close: () => fake.close(),
  };
}

async function startWebhook() {
  const received = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      let inquiryId = null;
      try {
        inquiryId = JSON.parse(Buffer.concat(chunks).toString('utf8'))?.data?.id ?? null;
      } catch {
        /* counted with a null id */
      }
      received.push({
        at,
        path: req.url ?? '/',
        eventId: req.headers['businesscall-event-id'] ?? null,
        inquiryId,
      });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise((r) => server.listen(0, HOST, r));
  return {
    ready: { port: server.address().port, url: `http://${HOST}:${server.address().port}` },
    records: () => received,
    count: () => received.length,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

const starters = { smtp: startSmtp, chatwork: startChatwork, webhook: startWebhook };
if (!starters[kind]) {
  console.error(`notify-receivers: --kind must be one of ${Object.keys(starters).join(', ')}`);
  process.exit(2);
}
const receiver = await starters[kind]();
process.on('message', (msg) => {
  if (msg?.type === 'records') send({ type: 'records', records: receiver.records() });
  if (msg?.type === 'count') send({ type: 'count', count: receiver.count() });
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void Promise.resolve(receiver.close()).finally(() => process.exit(0));
  });
}
send({ type: 'ready', kind, ...receiver.ready });
