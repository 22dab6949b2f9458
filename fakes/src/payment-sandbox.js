// A local stand-in for the payment provider (Stripe): a real HTTP server that speaks the subset of
// Stripe's REST API we use, in Stripe's wire format. For development (scripts/start.sh, port 12111)
// and tests (startPaymentSandbox({ port: 0 })). Nothing leaves the machine; everything lives in
// memory and is forgotten on close.
//
// Wire format (as Stripe's v1 API):
//   - bodies are application/x-www-form-urlencoded with bracket keys (card[number]=…, metadata[k]=…);
//   - `Authorization: Bearer sk_test_…` (secret key) or `pk_test_…` (publishable key: tokens only);
//     HTTP Basic with the key as user name works too;
//   - answers are JSON; errors are `{ error: { type, code, message, param, decline_code? } }` with
//     Stripe's statuses (400 invalid request, 401 bad key, 402 card error, 403 wrong key kind,
//     404 unknown object, 500 api error);
//   - `Idempotency-Key` on POST: the same key with the same parameters replays the stored answer
//     (header `Idempotent-Replayed: true`); with other parameters it is a 400 idempotency_error.
//
// Endpoints:
//   POST /v1/tokens                 card[number|exp_month|exp_year|cvc|name] → token (CORS for localhost)
//   GET  /v1/tokens/:id
//   POST /v1/customers              source=tok_…, metadata[…], email, name, description
//   GET  /v1/customers/:id
//   POST /v1/customers/:id          source=tok_… replaces the default card
//   POST /v1/payment_intents        amount, currency, customer, confirm, off_session, metadata[…]
//   GET  /v1/payment_intents/:id
//   Test-only (no key needed):
//   GET    /v1/_sandbox/requests    what was called (card numbers and CVCs never appear)
//   DELETE /v1/_sandbox/requests
//   POST   /v1/_sandbox/fail-next   {"count":1,"mode":"error"|"hang"|"reset","method"?,"path"?: regex}:
//                                    the next N API calls (of that method / path) fail
//
// Test cards (any future expiry, any 3-digit CVC, 4 digits for American Express):
//   4242424242424242 Visa · 4000056655665556 Visa (debit) · 5555555555554444 Mastercard
//   5200828282828210 Mastercard (debit) · 3566002020360505 JCB · 378282246310005 American Express
//   36227206271667 Diners Club · 6011111111111117 Discover · 6200000000000005 UnionPay
//   4000000000000002 declined (card_declined, generic_decline) when attached or charged
//   4000000000000069 expired (expired_card) when attached or charged
//   4000000000000127 wrong CVC (incorrect_cvc) when attached or charged
//   4000000000009995 attaches, then declined for insufficient funds when charged
// Any other number that passes the Luhn check is accepted, its brand taken from its prefix.
import http from 'node:http';
import { createHash, randomBytes } from 'node:crypto';

const DECLINES = {
  4000000000000002: {
    code: 'card_declined',
    decline_code: 'generic_decline',
    message: 'Your card was declined.',
    on: 'attach',
  },
  4000000000000069: {
    code: 'expired_card',
    decline_code: 'expired_card',
    message: 'Your card has expired.',
    param: 'exp_month',
    on: 'attach',
  },
  4000000000000127: {
    code: 'incorrect_cvc',
    decline_code: 'incorrect_cvc',
    message: "Your card's security code is incorrect.",
    param: 'cvc',
    on: 'attach',
  },
  4000000000009995: {
    code: 'card_declined',
    decline_code: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
    on: 'charge',
  },
};
const DEBIT = new Set(['4000056655665556', '5200828282828210']);

/** Stripe's brand names, from the number's prefix (IIN ranges). */
export function brandOf(/** @type {string} */ number) {
  const p = (/** @type {number} */ n) => Number(number.slice(0, n));
  if (number.startsWith('4')) return 'Visa';
  if ((p(2) >= 51 && p(2) <= 55) || (p(4) >= 2221 && p(4) <= 2720)) return 'MasterCard';
  if (p(2) === 34 || p(2) === 37) return 'American Express';
  if (p(4) >= 3528 && p(4) <= 3589) return 'JCB';
  if (p(2) === 36 || p(2) === 38 || p(2) === 39 || (p(3) >= 300 && p(3) <= 305)) return 'Diners Club';
  if (p(4) === 6011 || p(2) === 65 || (p(3) >= 644 && p(3) <= 649)) return 'Discover';
  if (p(2) === 62 || p(2) === 81) return 'UnionPay';
  return 'Unknown';
}

/** The Luhn check digit test every card number passes. */
export function luhnValid(/** @type {string} */ number) {
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let d = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/**
 * Parses a Stripe form body (or query string): `a[b][c]=v` nests, `a[]=v` appends.
 * @param {string} text
 * @returns {Record<string, any>}
 */
export function parseStripeForm(text) {
  /** @type {Record<string, any>} */
  const out = {};
  for (const [rawKey, value] of new URLSearchParams(text)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(rawKey);
    if (!m) continue;
    const path = [m[1], ...[...m[2].matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1])];
    /** @type {any} */
    let node = out;
    for (let i = 0; i < path.length; i++) {
      const key = path[i];
      const last = i === path.length - 1;
      if (key === '') {
        if (!Array.isArray(node)) break;
        if (last) node.push(value);
        else node.push((node = {}));
        continue;
      }
      if (last) node[key] = value;
      else {
        const nextIsArray = path[i + 1] === '';
        if (typeof node[key] !== 'object' || node[key] === null) node[key] = nextIsArray ? [] : {};
        node = node[key];
      }
    }
  }
  return out;
}

class StripeHttpError extends Error {
  /**
   * @param {number} status
   * @param {Record<string, unknown>} error the `error` object of the body
   */
  constructor(status, error) {
    super(String(error.message));
    this.status = status;
    this.error = error;
  }
}

const invalid = (/** @type {string} */ message, extra = {}, status = 400) =>
  new StripeHttpError(status, { type: 'invalid_request_error', message, ...extra });
const cardError = (/** @type {string} */ code, /** @type {string} */ message, extra = {}) =>
  new StripeHttpError(402, { type: 'card_error', code, message, ...extra });
const missing = (/** @type {string} */ param) =>
  invalid(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
const noSuch = (
  /** @type {string} */ what,
  /** @type {string} */ id,
  /** @type {string} */ param,
  status = 404,
) => invalid(`No such ${what}: '${id}'`, { code: 'resource_missing', param }, status);

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Ids shaped like Stripe's: a prefix, an underscore, then letters and digits only. */
// Random bytes drawn from a pool: one randomBytes call per 170 ids, not per id (the sandbox makes
// three ids a charge, and the billing benchmark sends 100,000 charges).
let pool = Buffer.alloc(0);
let poolAt = 0;
const newId = (/** @type {string} */ prefix) => {
  if (poolAt + 24 > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  let id = `${prefix}_`;
  for (let i = 0; i < 24; i++) id += ID_CHARS[pool[poolAt++] % ID_CHARS.length];
  return id;
};
const now = () => Math.floor(Date.now() / 1000);

/** A localhost page (any port) may call the token endpoint from the browser. */
function localOrigin(/** @type {string | undefined} */ origin) {
  if (!origin) return null;
  try {
    const { hostname, protocol } = new URL(origin);
    const local =
      ['localhost', '127.0.0.1', '[::1]', '::1'].includes(hostname) || hostname.endsWith('.localhost');
    return local && (protocol === 'http:' || protocol === 'https:') ? origin : null;
  } catch {
    return null;
  }
}

/**
 * Starts the sandbox. Port 0 picks a free one (read it back from the result).
 * @param {{ port?: number, host?: string, quiet?: boolean, secretKey?: string, publishableKey?: string }} [options]
 *   With `secretKey`/`publishableKey`, only those keys are accepted; otherwise any `sk_test_…`/`pk_test_…`.
 */
export async function startPaymentSandbox(options = {}) {
  const host = options.host ?? '127.0.0.1';
  const log = options.quiet ? () => {} : (/** @type {string} */ line) => console.log(line);

  /** @type {Map<string, any>} */ const tokens = new Map();
  /** @type {Map<string, string>} card id → full number (kept to decide declines; never answered) */
  const cardNumbers = new Map();
  /** @type {Map<string, any>} */ const customers = new Map();
  /** @type {Map<string, any>} */ const paymentIntents = new Map();
  /** @type {Map<string, { fingerprint: string, status: number, body: unknown }>} */
  const idempotent = new Map();
  /** @type {any[]} newest last */ let requests = [];
  /** @type {{ mode: 'error' | 'hang' | 'reset', method?: string, path?: RegExp }[]} */ let failures = [];
  /** @type {Set<http.ServerResponse>} */ const hanging = new Set();

  function authenticate(/** @type {http.IncomingMessage} */ req) {
    const header = req.headers.authorization ?? '';
    let key = '';
    if (header.startsWith('Bearer ')) key = header.slice(7).trim();
    else if (header.startsWith('Basic '))
      key = Buffer.from(header.slice(6), 'base64').toString().split(':')[0];
    if (!key) {
      throw invalid(
        "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
        {},
        401,
      );
    }
    const masked = `${key.slice(0, 8)}${'*'.repeat(Math.max(0, key.length - 12))}${key.slice(-4)}`;
    const secret = options.secretKey ? key === options.secretKey : /^sk_test_\w+$/.test(key);
    const publishable = options.publishableKey ? key === options.publishableKey : /^pk_test_\w+$/.test(key);
    if (!secret && !publishable) throw invalid(`Invalid API Key provided: ${masked}`, {}, 401);
    return { kind: secret ? 'secret' : 'publishable', key };
  }

  function secretOnly(/** @type {{ kind: string }} */ auth) {
    if (auth.kind !== 'secret') {
      throw invalid(
        'This API call cannot be made with a publishable API key. Please use a secret API key.',
        {},
        403,
      );
    }
  }

  function createToken(/** @type {Record<string, any>} */ params) {
    const card = params.card;
    if (typeof card !== 'object' || card === null) throw missing('card');
    for (const field of ['number', 'exp_month', 'exp_year']) {
      if (card[field] === undefined || card[field] === '') throw missing(`card[${field}]`);
    }
    const number = String(card.number).replace(/[\s-]/g, '');
    if (!/^\d{12,19}$/.test(number)) {
      throw cardError('invalid_number', 'Your card number is incorrect.', { param: 'number' });
    }
    if (!luhnValid(number)) {
      throw cardError('incorrect_number', 'Your card number is incorrect.', { param: 'number' });
    }
    const month = Number(card.exp_month);
    if (!Number.isInteger(month) || month < 1 || month > 12) {
      throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", {
        param: 'exp_month',
      });
    }
    let year = Number(card.exp_year);
    if (Number.isInteger(year) && year < 100) year += 2000;
    const today = new Date();
    const thisYear = today.getUTCFullYear();
    if (!Number.isInteger(year) || year < thisYear || year > thisYear + 50) {
      throw cardError('invalid_expiry_year', "Your card's expiration year is invalid.", {
        param: 'exp_year',
      });
    }
    if (year === thisYear && month < today.getUTCMonth() + 1) {
      throw cardError('invalid_expiry_month', "Your card's expiration month is invalid.", {
        param: 'exp_month',
      });
    }
    const brand = brandOf(number);
    if (card.cvc !== undefined && card.cvc !== '') {
      const digits = brand === 'American Express' ? 4 : 3;
      if (!new RegExp(`^\\d{${digits}}$`).test(String(card.cvc))) {
        throw cardError('invalid_cvc', "Your card's security code is invalid.", { param: 'cvc' });
      }
    }
    const cardId = newId('card');
    cardNumbers.set(cardId, number);
    const token = {
      id: newId('tok'),
      object: 'token',
      card: {
        id: cardId,
        object: 'card',
        brand,
        country: brand === 'JCB' ? 'JP' : 'US',
        cvc_check: card.cvc ? 'unchecked' : null,
        exp_month: month,
        exp_year: year,
        fingerprint: createHash('sha256').update(number).digest('base64url').slice(0, 16),
        funding: DEBIT.has(number) ? 'debit' : 'credit',
        last4: number.slice(-4),
        name: card.name ? String(card.name) : null,
      },
      client_ip: null,
      created: now(),
      livemode: false,
      type: 'card',
      used: false,
    };
    tokens.set(token.id, token);
    return token;
  }

  /** Takes a card token for a customer (single use), refusing the cards that decline on attach. */
  function cardFromSource(/** @type {unknown} */ source) {
    const id = String(source);
    const token = tokens.get(id);
    if (!token) throw noSuch('token', id, 'source', 400);
    if (token.used) {
      throw invalid(`You cannot use a Stripe token more than once: ${id}.`, {
        code: 'token_already_used',
        param: 'source',
      });
    }
    token.used = true;
    const decline = DECLINES[/** @type {keyof typeof DECLINES} */ (cardNumbers.get(token.card.id) ?? '')];
    if (decline && decline.on === 'attach') {
      throw cardError(decline.code, decline.message, {
        decline_code: decline.decline_code,
        param: decline.param ?? '',
      });
    }
    return { ...token.card };
  }

  function customerView(/** @type {any} */ c) {
    return {
      ...c,
      sources: {
        object: 'list',
        data: c.sources,
        has_more: false,
        total_count: c.sources.length,
        url: `/v1/customers/${c.id}/sources`,
      },
    };
  }

  function applyCustomerFields(/** @type {any} */ c, /** @type {Record<string, any>} */ params) {
    for (const field of ['email', 'name', 'description']) {
      if (params[field] !== undefined) c[field] = params[field] === '' ? null : String(params[field]);
    }
    if (params.metadata !== undefined) {
      if (params.metadata === '') c.metadata = {};
      else
        for (const [k, v] of Object.entries(params.metadata)) {
          if (v === '') delete c.metadata[k];
          else c.metadata[k] = String(v);
        }
    }
  }

  function createCustomer(/** @type {Record<string, any>} */ params) {
    const card = params.source !== undefined ? cardFromSource(params.source) : null;
    const c = {
      id: newId('cus'),
      object: 'customer',
      created: now(),
      default_source: null,
      description: null,
      email: null,
      livemode: false,
      metadata: {},
      name: null,
      sources: /** @type {any[]} */ ([]),
    };
    applyCustomerFields(c, params);
    if (card) {
      c.sources = [{ ...card, customer: c.id }];
      c.default_source = card.id;
    }
    customers.set(c.id, c);
    return customerView(c);
  }

  function getCustomer(/** @type {string} */ id) {
    const c = customers.get(id);
    if (!c) throw noSuch('customer', id, 'id');
    return c;
  }

  function updateCustomer(/** @type {string} */ id, /** @type {Record<string, any>} */ params) {
    const c = getCustomer(id);
    // Like Stripe: a new `source` becomes the default and the old default card is deleted.
    const card = params.source !== undefined ? cardFromSource(params.source) : null;
    applyCustomerFields(c, params);
    if (card) {
      c.sources = [
        ...c.sources.filter((/** @type {any} */ s) => s.id !== c.default_source),
        { ...card, customer: c.id },
      ];
      c.default_source = card.id;
    } else if (params.default_source !== undefined) {
      if (!c.sources.some((/** @type {any} */ s) => s.id === params.default_source)) {
        throw noSuch('source', String(params.default_source), 'default_source', 400);
      }
      c.default_source = String(params.default_source);
    }
    return customerView(c);
  }

  function createPaymentIntent(/** @type {Record<string, any>} */ params) {
    if (params.amount === undefined) throw missing('amount');
    if (params.currency === undefined) throw missing('currency');
    const amount = Number(params.amount);
    const currency = String(params.currency).toLowerCase();
    if (!Number.isInteger(amount) || amount < 1) {
      throw invalid('Invalid integer: ' + params.amount, {
        code: 'parameter_invalid_integer',
        param: 'amount',
      });
    }
    if (currency === 'jpy' && amount < 50) {
      throw invalid('Amount must be at least ¥50 jpy', { code: 'amount_too_small', param: 'amount' });
    }
    const customer = params.customer !== undefined ? getCustomerParam(String(params.customer)) : null;
    const paymentMethod = params.payment_method ?? customer?.default_source ?? null;
    const pi = {
      id: newId('pi'),
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      customer: customer?.id ?? null,
      description: params.description ?? null,
      metadata: params.metadata && typeof params.metadata === 'object' ? params.metadata : {},
      off_session: params.off_session === 'true',
      payment_method: paymentMethod,
      latest_charge: /** @type {string | null} */ (null),
      last_payment_error: /** @type {any} */ (null),
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      created: now(),
      livemode: false,
    };
    if (params.confirm === 'true') {
      if (!paymentMethod) {
        throw invalid(
          "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
          { code: 'payment_intent_unexpected_state' },
        );
      }
      const decline =
        DECLINES[/** @type {keyof typeof DECLINES} */ (cardNumbers.get(String(paymentMethod)) ?? '')];
      if (decline) {
        const err = {
          code:
            decline.code === 'incorrect_cvc' || decline.code === 'expired_card'
              ? decline.code
              : 'card_declined',
          decline_code: decline.decline_code,
          message: decline.message,
        };
        pi.status = 'requires_payment_method';
        pi.last_payment_error = { type: 'card_error', ...err };
        pi.latest_charge = newId('ch');
        paymentIntents.set(pi.id, pi);
        throw cardError(err.code, err.message, {
          decline_code: err.decline_code,
          charge: pi.latest_charge,
          payment_intent: pi,
        });
      }
      pi.status = 'succeeded';
      pi.amount_received = amount;
      pi.latest_charge = newId('ch');
    }
    paymentIntents.set(pi.id, pi);
    return pi;
  }

  function getCustomerParam(/** @type {string} */ id) {
    const c = customers.get(id);
    if (!c) throw noSuch('customer', id, 'customer', 400);
    return c;
  }

  /** Routes one authenticated API call; returns the JSON body of a 200. */
  function route(
    /** @type {string} */ method,
    /** @type {string} */ path,
    /** @type {any} */ params,
    /** @type {{ kind: string }} */ auth,
  ) {
    let m;
    if (method === 'POST' && path === '/v1/tokens') return createToken(params);
    secretOnly(auth);
    if (method === 'GET' && (m = /^\/v1\/tokens\/([^/]+)$/.exec(path))) {
      const token = tokens.get(m[1]);
      if (!token) throw noSuch('token', m[1], 'token');
      return token;
    }
    if (method === 'POST' && path === '/v1/customers') return createCustomer(params);
    if ((m = /^\/v1\/customers\/([^/]+)$/.exec(path))) {
      if (method === 'GET') return customerView(getCustomer(m[1]));
      if (method === 'POST') return updateCustomer(m[1], params);
    }
    if (method === 'POST' && path === '/v1/payment_intents') return createPaymentIntent(params);
    if (method === 'GET' && (m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path))) {
      const pi = paymentIntents.get(m[1]);
      if (!pi) throw noSuch('payment_intent', m[1], 'intent');
      return pi;
    }
    throw invalid(
      `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
      {},
      404,
    );
  }

  /** What the request log keeps of the parameters: never a card number or CVC. */
  function redact(/** @type {any} */ params) {
    if (!params || typeof params !== 'object' || !params.card || typeof params.card !== 'object')
      return params;
    const { number, cvc, ...card } = params.card;
    return {
      ...params,
      card: {
        ...card,
        ...(number !== undefined ? { number: '[redacted]' } : {}),
        ...(cvc !== undefined ? { cvc: '[redacted]' } : {}),
      },
    };
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'api_error', message: String(err) } }));
      }
    });
  });

  async function handle(/** @type {http.IncomingMessage} */ req, /** @type {http.ServerResponse} */ res) {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const method = req.method ?? 'GET';
    const requestId = newId('req');
    const cors = localOrigin(req.headers.origin);
    /** @type {Record<string, string>} */
    const baseHeaders = {
      'request-id': requestId,
      'stripe-version': String(req.headers['stripe-version'] ?? '2026-10-28.endive'),
      ...(cors ? { 'access-control-allow-origin': cors, vary: 'Origin' } : {}),
    };
    const send = (/** @type {number} */ status, /** @type {unknown} */ body, extra = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...baseHeaders, ...extra });
      res.end(JSON.stringify(body));
    };

    if (method === 'OPTIONS') {
      res.writeHead(cors ? 204 : 403, {
        ...baseHeaders,
        ...(cors
          ? {
              'access-control-allow-methods': 'GET, POST, DELETE, OPTIONS',
              'access-control-allow-headers':
                'authorization, content-type, idempotency-key, stripe-version, stripe-account',
              'access-control-max-age': '600',
            }
          : {}),
      });
      return void res.end();
    }

    // ---- test-only endpoints ----
    if (url.pathname === '/v1/_sandbox/requests') {
      if (method === 'GET') return send(200, { object: 'list', data: requests });
      if (method === 'DELETE') {
        requests = [];
        return send(200, { deleted: true });
      }
    }
    if (url.pathname === '/v1/_sandbox/fail-next' && method === 'POST') {
      const text = await readBody(req);
      const body = text.trim().startsWith('{') ? JSON.parse(text) : parseStripeForm(text);
      failNext(Number(body.count ?? 1), body.mode ?? 'error', { method: body.method, path: body.path });
      return send(200, { pending: failures.length });
    }

    const raw = method === 'GET' || method === 'DELETE' ? url.search.slice(1) : await readBody(req);
    const params = parseStripeForm(raw);
    const idempotencyKey = method === 'POST' ? (req.headers['idempotency-key'] ?? null) : null;
    /** @type {any} */
    const entry = {
      id: requestId,
      at: new Date().toISOString(),
      method,
      path: url.pathname,
      keyKind: null,
      idempotencyKey,
      params: redact(params),
      status: 0,
      replayed: false,
    };
    requests.push(entry);
    // keep the latest 1,000 (trimmed now and then, not copied on every request)
    if (requests.length > 2000) requests = requests.slice(-1000);

    const index = failures.findIndex(
      (f) => (!f.method || f.method === method) && (!f.path || f.path.test(url.pathname)),
    );
    const failure = index >= 0 ? failures.splice(index, 1)[0].mode : null;
    if (failure) {
      log(`payment-sandbox: ${method} ${url.pathname} → injected ${failure}`);
      entry.status = failure === 'error' ? 500 : -1;
      entry.injected = failure;
      if (failure === 'reset') return void req.socket.destroy();
      if (failure === 'hang') return void hanging.add(res);
      return send(500, {
        error: { type: 'api_error', message: 'An unknown error occurred (injected by the payment sandbox).' },
      });
    }

    try {
      const auth = authenticate(req);
      entry.keyKind = auth.kind;
      const fingerprint = JSON.stringify([method, url.pathname, params]);
      const scope = idempotencyKey ? `${auth.key}\u0000${idempotencyKey}` : null;
      if (scope) {
        const stored = idempotent.get(scope);
        if (stored) {
          if (stored.fingerprint !== fingerprint) {
            throw new StripeHttpError(400, {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            });
          }
          entry.status = stored.status;
          entry.replayed = true;
          return send(stored.status, stored.body, {
            'idempotent-replayed': 'true',
            'idempotency-key': String(idempotencyKey),
          });
        }
      }
      let status = 200;
      /** @type {unknown} */
      let body;
      try {
        body = route(method, url.pathname, params, auth);
      } catch (err) {
        if (!(err instanceof StripeHttpError)) throw err;
        status = err.status;
        body = { error: { ...err.error, request_log_url: `http://sandbox/logs/${requestId}` } };
      }
      // Like Stripe: a request that reached the endpoint is saved (errors included), except
      // a missing parameter (validation) and 404s of the URL itself.
      const saved = !(status === 400 && /** @type {any} */ (body).error?.code === 'parameter_missing');
      if (scope && saved) idempotent.set(scope, { fingerprint, status, body });
      entry.status = status;
      log(`payment-sandbox: ${method} ${url.pathname} → ${status}`);
      return send(status, body, idempotencyKey ? { 'idempotency-key': String(idempotencyKey) } : {});
    } catch (err) {
      if (!(err instanceof StripeHttpError)) throw err;
      entry.status = err.status;
      return send(err.status, { error: err.error });
    }
  }

  /**
   * The next `count` API calls (not the test-only endpoints) fail: `error` answers 500 api_error,
   * `hang` never answers (until close), `reset` drops the connection. With `only`, just the calls
   * of that method and/or whose path matches the pattern (e.g. `^/v1/customers/`) count.
   * @param {number} count
   * @param {'error' | 'hang' | 'reset'} [mode]
   * @param {{ method?: string, path?: string | RegExp }} [only]
   */
  function failNext(count, mode = 'error', only = {}) {
    if (!['error', 'hang', 'reset'].includes(mode)) throw new Error(`failNext: unknown mode ${mode}`);
    const path = only.path === undefined ? undefined : new RegExp(only.path);
    const method = only.method ? only.method.toUpperCase() : undefined;
    for (let i = 0; i < count; i++) failures.push({ mode, method, path });
  }

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 12111, host, () => resolve(undefined));
  });
  const port = /** @type {import('node:net').AddressInfo} */ (server.address()).port;
  const url = `http://${host}:${port}`;

  return {
    host,
    port,
    url,
    /** Calls received, oldest first (card numbers and CVCs redacted). */
    requests: () => requests.map((r) => ({ ...r })),
    clearRequests: () => void (requests = []),
    failNext,
    /** Forgets failures queued by failNext() that no call has used up. */
    clearFailures: () => void (failures = []),
    /** Customers as the provider holds them (for assertions). */
    customer: (/** @type {string} */ id) => {
      const c = customers.get(id);
      return c ? customerView(c) : null;
    },
    close: async () => {
      failures = [];
      for (const res of hanging) res.destroy();
      hanging.clear();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/** @param {http.IncomingMessage} req */
async function readBody(req) {
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 1_000_000) throw new Error('body too large');
  }
  return body;
}
