// A local SMTP server that keeps what it receives in memory, with a web page and a JSON API to read
// it. For development (scripts/start.sh) and tests (startSmtpSink({ smtpPort: 0, httpPort: 0 })).
// Not a mail server: no TLS, any (or no) login is accepted, nothing is relayed anywhere.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const MAX_MESSAGE_BYTES = 5 * 1024 * 1024;

/**
 * @typedef {object} CaughtMail
 * @property {string} id
 * @property {string} receivedAt ISO time
 * @property {string} envelopeFrom MAIL FROM
 * @property {string[]} envelopeTo RCPT TO, lower case
 * @property {string} from From header, as text
 * @property {string} to To header, as text
 * @property {string} subject decoded
 * @property {string} text plain-text body, decoded ('' when absent)
 * @property {string} html HTML body, decoded ('' when absent)
 * @property {string | null} messageId
 * @property {Record<string, string>} headers lower-case names, decoded values as text
 * @property {string} raw the message as received (MIME source)
 */

/**
 * Starts the sink. Ports 0 pick free ones (read them back from the result).
 * @param {{ smtpPort?: number, httpPort?: number, host?: string, maxMessages?: number, quiet?: boolean }} [options]
 */
export async function startSmtpSink(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const maxMessages = options.maxMessages ?? 500;
  const log = options.quiet ? () => {} : (/** @type {string} */ line) => console.log(line);

  /** @type {CaughtMail[]} newest first */
  let messages = [];
  /** @type {Set<(mail: CaughtMail) => void>} */
  const listeners = new Set();
  /** Replies queued by failNext(): each consumes one incoming message. */
  let failures = /** @type {{ code: number, message: string }[]} */ ([]);

  const smtp = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    banner: 'BusinessCall SMTP sink (local fake)',
    logger: false,
    onAuth(_auth, _session, callback) {
      callback(null, { user: 'sink' });
    },
    onData(stream, session, callback) {
      const chunks = /** @type {Buffer[]} */ ([]);
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('error', (err) => callback(err));
      stream.on('end', () => {
        const failure = failures.shift();
        if (failure) {
          log(`smtp-sink: refused a message with ${failure.code} (${failures.length} more to refuse)`);
          return callback(Object.assign(new Error(failure.message), { responseCode: failure.code }));
        }
        if (stream.sizeExceeded) {
          return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const mail = toCaughtMail(parsed, session.envelope, raw);
            messages = [mail, ...messages].slice(0, maxMessages);
            log(`smtp-sink: ${mail.receivedAt} to ${mail.envelopeTo.join(', ')}: ${mail.subject}`);
            for (const listener of listeners) listener(mail);
            callback(null, `Queued as ${mail.id}`);
          },
          (err) =>
            callback(Object.assign(new Error(`Could not parse: ${err.message}`), { responseCode: 554 })),
        );
      });
    },
  });
  smtp.on('error', (err) => log(`smtp-sink: SMTP error: ${err.message}`));

  const web = http.createServer((req, res) => {
    handleHttp(req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(String(err));
    });
  });

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handleHttp(req, res) {
    const url = new URL(req.url ?? '/', 'http://sink');
    const json = (/** @type {number} */ status, /** @type {unknown} */ body) =>
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));

    if (req.method === 'GET' && url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(renderPage(messages));
    } else if (req.method === 'GET' && url.pathname === '/api/messages') {
      json(200, filterByRecipient(messages, url.searchParams.get('to')));
    } else if (req.method === 'DELETE' && url.pathname === '/api/messages') {
      messages = [];
      res.writeHead(204).end();
    } else if (req.method === 'GET' && url.pathname.startsWith('/api/messages/')) {
      const [id, part] = url.pathname.slice('/api/messages/'.length).split('/');
      const mail = messages.find((m) => m.id === id);
      if (!mail) return json(404, { error: 'not found' });
      if (part === 'raw') res.writeHead(200, { 'content-type': 'message/rfc822' }).end(mail.raw);
      else json(200, mail);
    } else if (req.method === 'POST' && url.pathname === '/api/fail-next') {
      // Body: {"count": 1, "code": 451, "message": "..."}: the next `count` messages get this reply.
      const body = JSON.parse((await readBody(req)) || '{}');
      failNext(Number(body.count ?? 1), Number(body.code ?? 451), body.message);
      json(200, { pending: failures.length });
    } else {
      json(404, { error: 'not found' });
    }
  }

  /**
   * Makes the next `count` messages fail at the end of DATA with `code` (4xx: try again later,
   * 5xx: permanent). Messages refused this way are not kept.
   * @param {number} count
   * @param {number} [code]
   * @param {string} [message]
   */
  function failNext(count, code = 451, message) {
    if (!(code >= 400 && code < 600)) throw new Error(`failNext: code must be 4xx or 5xx, not ${code}`);
    const text = message ?? (code < 500 ? 'Temporary failure, try again later (sink)' : 'Rejected (sink)');
    for (let i = 0; i < count; i++) failures.push({ code, message: text });
  }

  /**
   * Resolves with the first message (already caught or still to come) to `to` that `match` accepts.
   * @param {string} to
   * @param {{ timeoutMs?: number, match?: (mail: CaughtMail) => boolean }} [opts]
   * @returns {Promise<CaughtMail>}
   */
  function waitForMessage(to, opts = {}) {
    const accept = (/** @type {CaughtMail} */ m) =>
      filterByRecipient([m], to).length > 0 && (opts.match ? opts.match(m) : true);
    const found = [...messages].reverse().find(accept);
    if (found) return Promise.resolve(found);
    const timeoutMs = opts.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      const listener = (/** @type {CaughtMail} */ mail) => {
        if (!accept(mail)) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(mail);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error(`smtp-sink: no mail to ${to} within ${timeoutMs} ms`));
      }, timeoutMs);
      listeners.add(listener);
    });
  }

  await new Promise((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(options.smtpPort ?? 1025, host, () => resolve(undefined));
  });
  await new Promise((resolve, reject) => {
    web.once('error', reject);
    web.listen(options.httpPort ?? 1080, host, () => resolve(undefined));
  });
  const smtpPort = /** @type {import('node:net').AddressInfo} */ (smtp.server.address()).port;
  const httpPort = /** @type {import('node:net').AddressInfo} */ (web.address()).port;

  return {
    host,
    smtpPort,
    httpPort,
    url: `http://${host}:${httpPort}`,
    /** Caught messages, newest first; only those to `to` when given. */
    messages: (/** @type {string | undefined} */ to) => filterByRecipient(messages, to),
    clear: () => void (messages = []),
    failNext,
    waitForMessage,
    close: async () => {
      failures = [];
      listeners.clear();
      web.closeAllConnections();
      await Promise.all([
        new Promise((resolve) => smtp.close(() => resolve(undefined))),
        new Promise((resolve) => web.close(() => resolve(undefined))),
      ]);
    },
  };
}

/**
 * @param {import('mailparser').ParsedMail} parsed
 * @param {{ mailFrom: false | { address: string }, rcptTo: { address: string }[] }} envelope
 * @param {Buffer} raw
 * @returns {CaughtMail}
 */
function toCaughtMail(parsed, envelope, raw) {
  const addressText = (/** @type {unknown} */ a) =>
    Array.isArray(a) ? a.map((x) => x.text).join(', ') : a ? /** @type {{ text: string }} */ (a).text : '';
  /** @type {Record<string, string>} */
  const headers = {};
  for (const [name, value] of parsed.headers) {
    headers[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return {
    id: randomUUID(),
    receivedAt: new Date().toISOString(),
    envelopeFrom: envelope.mailFrom ? envelope.mailFrom.address : '',
    envelopeTo: envelope.rcptTo.map((r) => r.address.toLowerCase()),
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    html: typeof parsed.html === 'string' ? parsed.html : '',
    messageId: parsed.messageId ?? null,
    headers,
    raw: raw.toString('utf8'),
  };
}

/**
 * @param {CaughtMail[]} list
 * @param {string | null | undefined} to
 */
function filterByRecipient(list, to) {
  if (!to) return list;
  const want = to.trim().toLowerCase();
  return list.filter((m) => m.envelopeTo.includes(want) || m.to.toLowerCase().includes(want));
}

/** @param {http.IncomingMessage} req */
async function readBody(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** @param {unknown} value */
function esc(value) {
  return String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** The inbox page: newest first, each message opens to its text and (sandboxed) HTML bodies. */
function renderPage(/** @type {CaughtMail[]} */ list) {
  const rows = list
    .map(
      (m) => `
  <details>
    <summary><time>${esc(new Date(m.receivedAt).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }))}</time>
      <span class="to">${esc(m.envelopeTo.join(', '))}</span> <b>${esc(m.subject || '(件名なし)')}</b></summary>
    <dl>
      <dt>From</dt><dd>${esc(m.from)}</dd><dt>To</dt><dd>${esc(m.to)}</dd>
      <dt>Message-ID</dt><dd>${esc(m.messageId ?? '')}</dd>
      <dt>Source</dt><dd><a href="/api/messages/${esc(m.id)}/raw">raw</a> · <a href="/api/messages/${esc(m.id)}">json</a></dd>
    </dl>
    <h3>Text</h3><pre>${esc(m.text || '(なし)')}</pre>
    <h3>HTML</h3>${m.html ? `<iframe sandbox srcdoc="${esc(m.html)}"></iframe>` : '<p>(なし)</p>'}
  </details>`,
    )
    .join('');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>SMTP sink (${list.length})</title>
<style>
  body { font: 14px/1.5 system-ui, sans-serif; margin: 2rem; color: #222; }
  details { border: 1px solid #ddd; border-radius: 6px; margin: .5rem 0; padding: .5rem .75rem; }
  summary { cursor: pointer; } time { color: #666; margin-right: 1rem; } .to { margin-right: 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; } dd { margin: 0; }
  pre { background: #f6f6f6; padding: .75rem; white-space: pre-wrap; }
  iframe { width: 100%; height: 420px; border: 1px solid #ddd; }
</style></head>
<body>
  <h1>SMTP sink <small>${list.length} message(s)</small></h1>
  <p><a href="/">Reload</a> · <button onclick="fetch('/api/messages',{method:'DELETE'}).then(()=>location.reload())">Delete all</button>
     · JSON: <a href="/api/messages">/api/messages</a></p>
  ${rows || '<p>No mail yet.</p>'}
</body></html>`;
}
