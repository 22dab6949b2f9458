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
//   POST /v1/payment_methods        type=card, card[…] → pm_… (publishable key allowed; brand in lower case)
//   GET  /v1/payment_methods/:id    POST /v1/payment_methods/:id/attach|detach
//   POST /v1/setup_intents          customer, usage, payment_method?, confirm?, return_url?, metadata[…]
//   GET  /v1/setup_intents/:id      (publishable key with ?client_secret=…)
//   POST /v1/setup_intents/:id/confirm   payment_method, return_url (publishable key with client_secret)
//   POST /v1/payment_intents        amount, currency, customer, payment_method, confirm, off_session,
//                                   return_url, metadata[…]
//   GET  /v1/payment_intents/:id    POST /v1/payment_intents/:id/confirm (as for SetupIntents)
//   3-D Secure: an intent that needs the cardholder answers status requires_action with
//   next_action.redirect_to_url.url = GET /3ds/:id?client_secret=… (the challenge page: complete /
//   fail, then 303 to the return_url with ?setup_intent|payment_intent=…&redirect_status=…); an
//   off-session payment that needs it fails with 402 authentication_required instead.
//   Pages: GET /elements/card-fields?origin=<embedding page's origin>&key=pk_test_… (an iframe:
//   the card is typed and posted here; the parent gets only ids by postMessage to exactly origin).
//   Events: with a webhook URL, setup_intent.{succeeded,setup_failed,requires_action} and
//   payment_intent.{succeeded,payment_failed,requires_action} are POSTed as Stripe's events with
//   `Stripe-Signature: t=…,v1=…` (HMAC-SHA256 of "t.body" with the endpoint secret).
//   Test-only (no key needed):
//   GET    /v1/_sandbox/requests    what was called (card numbers and CVCs never appear)
//   DELETE /v1/_sandbox/requests
//   POST   /v1/_sandbox/fail-next   {"count":1,"mode":"error"|"hang"|"reset","method"?,"path"?: regex}:
//                                    the next N API calls (of that method / path) fail
//   POST   /v1/_sandbox/webhook     {"url", "secret"?}: where events go
//   GET    /v1/_sandbox/events      events made and their deliveries
//   POST   /v1/_sandbox/events/:id/resend   sends one again (same id)
//
// Test cards (any future expiry, any 3-digit CVC, 4 digits for American Express):
//   4242424242424242 Visa · 4000056655665556 Visa (debit) · 5555555555554444 Mastercard
//   5200828282828210 Mastercard (debit) · 3566002020360505 JCB · 378282246310005 American Express
//   36227206271667 Diners Club · 6011111111111117 Discover · 6200000000000005 UnionPay
//   4000000000000002 declined (card_declined, generic_decline) when attached or charged
//   4000000000000069 expired (expired_card) when attached or charged
//   4000000000000127 wrong CVC (incorrect_cvc) when attached or charged
//   4000000000009995 attaches, then declined for insufficient funds when charged
//   4000002500003155 3-D Secure on set-up (and on-session payments); off-session charges after set-up pass
//   4000002760003184 3-D Secure always: set-up challenged, off-session charges authentication_required
// Any other number that passes the Luhn check is accepted, its brand taken from its prefix.
import http from 'node:http';
import { createHash, createHmac, randomBytes } from 'node:crypto';

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
  /** @type {Map<string, any>} */ const paymentMethods = new Map();
  /** @type {Map<string, any>} */ const setupIntents = new Map();
  /** @type {Map<string, string>} intent id → the return_url its confirmation named (3-D Secure) */
  const returnUrls = new Map();
  /** @type {{ url: string | null, secret: string }} where signed events go (null: nowhere) */
  const webhook = { url: options.webhookUrl ?? null, secret: options.webhookSecret ?? 'whsec_sandbox' };
  /** @type {any[]} events made, newest last, with how their delivery went */ let events = [];
  let baseUrl = '';
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

  /**
   * Checks a card as Stripe does when it first sees one (tokens and payment methods alike): Luhn,
   * expiry, CVC length. Returns the number and its facts; throws Stripe's card errors.
   */
  function readCard(/** @type {any} */ card) {
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
    return {
      number,
      brand,
      month,
      year,
      hasCvc: Boolean(card.cvc),
      fingerprint: createHash('sha256').update(number).digest('base64url').slice(0, 16),
      funding: DEBIT.has(number) ? 'debit' : 'credit',
    };
  }

  function createToken(/** @type {Record<string, any>} */ params) {
    const { number, brand, month, year, hasCvc, fingerprint, funding } = readCard(params.card);
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
        cvc_check: hasCvc ? 'unchecked' : null,
        exp_month: month,
        exp_year: year,
        fingerprint,
        funding,
        last4: number.slice(-4),
        name: params.card.name ? String(params.card.name) : null,
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
      client_secret: '',
      currency,
      customer: customer?.id ?? null,
      description: params.description ?? null,
      metadata: params.metadata && typeof params.metadata === 'object' ? params.metadata : {},
      next_action: /** @type {any} */ (null),
      off_session: params.off_session === 'true',
      payment_method: paymentMethod,
      latest_charge: /** @type {string | null} */ (null),
      last_payment_error: /** @type {any} */ (null),
      setup_future_usage: params.setup_future_usage ?? null,
      status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
      created: now(),
      livemode: false,
    };
    pi.client_secret = clientSecretOf(pi.id);
    paymentIntents.set(pi.id, pi);
    if (params.confirm === 'true') confirmPaymentIntent(pi, params);
    return pi;
  }

  function getCustomerParam(/** @type {string} */ id) {
    const c = customers.get(id);
    if (!c) throw noSuch('customer', id, 'customer', 400);
    return c;
  }

  // ---- PaymentMethods, SetupIntents, PaymentIntents with 3-D Secure, events ----

  /** Stripe's payment-method brand codes (lower case), from the brand names tokens use. */
  const PM_BRANDS = /** @type {Record<string, string>} */ ({
    Visa: 'visa',
    MasterCard: 'mastercard',
    'American Express': 'amex',
    JCB: 'jcb',
    'Diners Club': 'diners',
    Discover: 'discover',
    UnionPay: 'unionpay',
  });

  function createPaymentMethod(/** @type {Record<string, any>} */ params) {
    if (params.type === undefined) throw missing('type');
    if (params.type !== 'card') {
      throw invalid(`Invalid payment_method type: ${params.type}. The sandbox knows cards only.`, {
        code: 'parameter_invalid_string',
        param: 'type',
      });
    }
    const { number, brand, month, year, hasCvc, fingerprint, funding } = readCard(params.card);
    const pm = {
      id: newId('pm'),
      object: 'payment_method',
      type: 'card',
      billing_details: { address: null, email: null, name: null, phone: null },
      card: {
        brand: PM_BRANDS[brand] ?? 'unknown',
        checks: {
          address_line1_check: null,
          address_postal_code_check: null,
          cvc_check: hasCvc ? 'unchecked' : null,
        },
        country: brand === 'JCB' ? 'JP' : 'US',
        exp_month: month,
        exp_year: year,
        fingerprint,
        funding,
        last4: number.slice(-4),
        three_d_secure_usage: { supported: true },
      },
      created: now(),
      customer: /** @type {string | null} */ (null),
      livemode: false,
      metadata: {},
    };
    cardNumbers.set(pm.id, number);
    paymentMethods.set(pm.id, pm);
    return pm;
  }

  function getPaymentMethod(/** @type {string} */ id, param = 'payment_method', status = 404) {
    const pm = paymentMethods.get(id);
    if (!pm) throw noSuch('PaymentMethod', id, param, status);
    return pm;
  }

  /** The card number behind a payment method or a legacy card id (never answered). */
  const numberOf = (/** @type {unknown} */ id) => cardNumbers.get(String(id)) ?? '';

  /**
   * Whether the issuer asks the cardholder to authenticate (3-D Secure):
   * 4000002760003184 always; 4000002500003155 on setup and on payments made with the customer
   * present, not on off-session payments of a card set up for them.
   */
  function needsAuthentication(
    /** @type {unknown} */ pmId,
    /** @type {'setup' | 'on_session' | 'off_session'} */ when,
  ) {
    const number = numberOf(pmId);
    if (number === '4000002760003184') return true;
    if (number === '4000002500003155')
      return when !== 'off_session' || !paymentMethods.get(String(pmId))?.setUp;
    return false;
  }

  const clientSecretOf = (/** @type {string} */ id) => `${id}_secret_${newId('x').slice(2)}`;

  /** Calls with a publishable key must name the intent's client secret (as Stripe.js does). */
  function checkClientSecret(
    /** @type {any} */ intent,
    /** @type {{ kind: string }} */ auth,
    /** @type {any} */ given,
  ) {
    if (auth.kind === 'secret') return;
    if (given !== intent.client_secret) {
      throw invalid(
        `No such ${intent.object}: '${intent.id}'`,
        { code: 'resource_missing', param: 'intent' },
        404,
      );
    }
  }

  function challengeAction(/** @type {any} */ intent, /** @type {string | undefined} */ returnUrl) {
    if (returnUrl) returnUrls.set(intent.id, returnUrl);
    const url = `${baseUrl}/3ds/${intent.id}?client_secret=${encodeURIComponent(intent.client_secret)}`;
    return {
      type: 'redirect_to_url',
      redirect_to_url: { url, return_url: returnUrls.get(intent.id) ?? null },
    };
  }

  function createSetupIntent(/** @type {Record<string, any>} */ params) {
    const customer = params.customer !== undefined ? getCustomerParam(String(params.customer)) : null;
    const si = {
      id: newId('seti'),
      object: 'setup_intent',
      client_secret: '',
      created: now(),
      customer: customer?.id ?? null,
      description: params.description ?? null,
      last_setup_error: /** @type {any} */ (null),
      livemode: false,
      metadata: params.metadata && typeof params.metadata === 'object' ? params.metadata : {},
      next_action: /** @type {any} */ (null),
      payment_method: /** @type {string | null} */ (null),
      payment_method_types: Array.isArray(params.payment_method_types)
        ? params.payment_method_types
        : ['card'],
      status: 'requires_payment_method',
      usage: params.usage === 'on_session' ? 'on_session' : 'off_session',
    };
    si.client_secret = clientSecretOf(si.id);
    setupIntents.set(si.id, si);
    if (params.payment_method !== undefined) {
      si.payment_method = getPaymentMethod(String(params.payment_method), 'payment_method', 400).id;
      si.status = 'requires_confirmation';
    }
    if (params.confirm === 'true') return confirmSetupIntent(si, params);
    return si;
  }

  function getSetupIntent(/** @type {string} */ id) {
    const si = setupIntents.get(id);
    if (!si) throw noSuch('setup_intent', id, 'intent');
    return si;
  }

  function confirmSetupIntent(/** @type {any} */ si, /** @type {Record<string, any>} */ params) {
    if (!['requires_payment_method', 'requires_confirmation'].includes(si.status)) {
      throw invalid(`You cannot confirm this SetupIntent because it has a status of ${si.status}.`, {
        code: 'setup_intent_unexpected_state',
        setup_intent: si,
      });
    }
    const pm =
      params.payment_method !== undefined
        ? getPaymentMethod(String(params.payment_method), 'payment_method', 400)
        : si.payment_method
          ? getPaymentMethod(si.payment_method)
          : null;
    if (!pm) {
      throw invalid('You cannot confirm this SetupIntent because it has no payment method.', {
        code: 'setup_intent_unexpected_state',
      });
    }
    if (pm.customer && si.customer && pm.customer !== si.customer) {
      throw invalid('The provided PaymentMethod is attached to another customer.', {
        param: 'payment_method',
      });
    }
    si.payment_method = pm.id;
    si.last_setup_error = null;
    const decline = DECLINES[/** @type {keyof typeof DECLINES} */ (numberOf(pm.id))];
    if (decline && decline.on === 'attach') {
      si.status = 'requires_payment_method';
      si.payment_method = null;
      si.last_setup_error = {
        type: 'card_error',
        code: decline.code,
        decline_code: decline.decline_code,
        message: decline.message,
        payment_method: pm,
      };
      emit('setup_intent.setup_failed', si);
      throw cardError(decline.code, decline.message, {
        decline_code: decline.decline_code,
        setup_intent: si,
      });
    }
    if (needsAuthentication(pm.id, 'setup')) {
      si.status = 'requires_action';
      si.next_action = challengeAction(si, params.return_url);
      emit('setup_intent.requires_action', si);
      return si;
    }
    finishSetup(si);
    return si;
  }

  function finishSetup(/** @type {any} */ si) {
    const pm = getPaymentMethod(si.payment_method);
    si.status = 'succeeded';
    si.next_action = null;
    if (si.customer) pm.customer = si.customer;
    if (si.usage === 'off_session') pm.setUp = true;
    emit('setup_intent.succeeded', si);
  }

  function failChallenge(/** @type {any} */ intent) {
    const error = {
      type: 'invalid_request_error',
      code:
        intent.object === 'setup_intent'
          ? 'setup_intent_authentication_failure'
          : 'payment_intent_authentication_failure',
      message:
        'The latest attempt to set up the payment method has failed because authentication failed. Provide a new payment method.',
      payment_method: paymentMethods.get(intent.payment_method) ?? null,
    };
    intent.status = 'requires_payment_method';
    intent.next_action = null;
    intent.payment_method = null;
    if (intent.object === 'setup_intent') {
      intent.last_setup_error = error;
      emit('setup_intent.setup_failed', intent);
    } else {
      intent.last_payment_error = error;
      emit('payment_intent.payment_failed', intent);
    }
  }

  /** Confirms a PaymentIntent: charged, declined, refused for lack of authentication, or challenged. */
  function confirmPaymentIntent(/** @type {any} */ pi, /** @type {Record<string, any>} */ params) {
    const paymentMethod = params.payment_method ?? pi.payment_method;
    if (!paymentMethod) {
      throw invalid(
        "You cannot confirm this PaymentIntent because it's missing a payment method. You can either update the PaymentIntent with a payment method and then confirm it again, or confirm it again directly with a payment method.",
        { code: 'payment_intent_unexpected_state' },
      );
    }
    if (!['requires_payment_method', 'requires_confirmation'].includes(pi.status)) {
      throw invalid(`You cannot confirm this PaymentIntent because it has a status of ${pi.status}.`, {
        code: 'payment_intent_unexpected_state',
        payment_intent: pi,
      });
    }
    const pm = paymentMethods.get(String(paymentMethod));
    if (pm?.customer && pi.customer && pm.customer !== pi.customer) {
      throw invalid('The provided PaymentMethod belongs to a different Customer.', {
        param: 'payment_method',
      });
    }
    pi.payment_method = String(paymentMethod);
    pi.last_payment_error = null;
    // like Stripe, each confirmation says whether the customer is present (absent: they are)
    const offSession = params.off_session === 'true';
    pi.off_session = offSession;
    const decline = DECLINES[/** @type {keyof typeof DECLINES} */ (numberOf(paymentMethod))];
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
      emit('payment_intent.payment_failed', pi);
      throw cardError(err.code, err.message, {
        decline_code: err.decline_code,
        charge: pi.latest_charge,
        payment_intent: pi,
      });
    }
    if (needsAuthentication(paymentMethod, offSession ? 'off_session' : 'on_session')) {
      if (offSession) {
        // Stripe: an off-session payment that needs the cardholder fails; the customer must come back
        const message = 'Your card was declined. This transaction requires authentication.';
        pi.status = 'requires_payment_method';
        pi.last_payment_error = {
          type: 'card_error',
          code: 'authentication_required',
          decline_code: 'authentication_required',
          message,
          payment_method: pm ?? { id: pi.payment_method },
        };
        pi.latest_charge = newId('ch');
        emit('payment_intent.payment_failed', pi);
        throw cardError('authentication_required', message, {
          decline_code: 'authentication_required',
          charge: pi.latest_charge,
          payment_intent: pi,
          payment_method: pm ?? { id: pi.payment_method },
        });
      }
      pi.status = 'requires_action';
      pi.next_action = challengeAction(pi, params.return_url);
      emit('payment_intent.requires_action', pi);
      return pi;
    }
    succeedPayment(pi);
    return pi;
  }

  function succeedPayment(/** @type {any} */ pi) {
    pi.status = 'succeeded';
    pi.next_action = null;
    pi.amount_received = pi.amount;
    pi.latest_charge = newId('ch');
    emit('payment_intent.succeeded', pi);
  }

  /** The intent a 3-D Secure page is for, checked against its client secret. */
  function challengedIntent(/** @type {string} */ id, /** @type {unknown} */ clientSecret) {
    const intent = setupIntents.get(id) ?? paymentIntents.get(id);
    if (!intent || intent.client_secret !== clientSecret) return null;
    return intent;
  }

  /** Ends a 3-D Secure challenge; returns where the browser goes next (the return_url, or null). */
  function endChallenge(/** @type {any} */ intent, /** @type {'complete' | 'fail'} */ result) {
    if (intent.status !== 'requires_action') return null;
    if (result === 'complete') {
      if (intent.object === 'setup_intent') finishSetup(intent);
      else succeedPayment(intent);
    } else failChallenge(intent);
    const back = returnUrls.get(intent.id);
    if (!back) return null;
    const url = new URL(back);
    const kind = intent.object === 'setup_intent' ? 'setup_intent' : 'payment_intent';
    url.searchParams.set(kind, intent.id);
    url.searchParams.set(`${kind}_client_secret`, intent.client_secret);
    url.searchParams.set('redirect_status', intent.status === 'succeeded' ? 'succeeded' : 'failed');
    return url.toString();
  }

  // ---- events (Stripe's webhook format, signed like Stripe: Stripe-Signature t=…,v1=…) ----

  function emit(/** @type {string} */ type, /** @type {any} */ object) {
    if (!webhook.url) return;
    const event = {
      id: newId('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: now(),
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    const entry = { event, url: webhook.url, deliveries: /** @type {number[]} */ ([]) };
    events.push(entry);
    if (events.length > 2000) events = events.slice(-1000);
    void deliver(entry);
  }

  /** Sends an event, retrying a few times on failure (Stripe retries for days; a sandbox, briefly). */
  async function deliver(/** @type {any} */ entry, attempts = 4) {
    const body = JSON.stringify(entry.event);
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 250 * 4 ** (i - 1)));
      try {
        const res = await fetch(entry.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json; charset=utf-8',
            'stripe-signature': stripeSignatureHeader(body, webhook.secret),
            'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks) payment-sandbox',
          },
          body,
          signal: AbortSignal.timeout(10_000),
        });
        entry.deliveries.push(res.status);
        if (res.ok) return;
      } catch {
        entry.deliveries.push(0);
      }
    }
    log(`payment-sandbox: event ${entry.event.type} ${entry.event.id} not delivered to ${entry.url}`);
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
    if (method === 'POST' && path === '/v1/payment_methods') return createPaymentMethod(params);
    // Stripe.js calls these with the publishable key and the intent's client secret
    if ((m = /^\/v1\/(setup_intents|payment_intents)\/([^/]+)(\/confirm)?$/.exec(path))) {
      const intent =
        m[1] === 'setup_intents'
          ? getSetupIntent(m[2])
          : (paymentIntents.get(m[2]) ??
            (() => {
              throw noSuch('payment_intent', m[2], 'intent');
            })());
      checkClientSecret(intent, auth, params.client_secret);
      if (method === 'GET' && !m[3]) return intent;
      if (method === 'POST' && m[3]) {
        const { client_secret: _, ...rest } = params;
        return m[1] === 'setup_intents'
          ? confirmSetupIntent(intent, rest)
          : confirmPaymentIntent(intent, rest);
      }
    }
    secretOnly(auth);
    if ((m = /^\/v1\/payment_methods\/([^/]+)(\/attach|\/detach)?$/.exec(path))) {
      const pm = getPaymentMethod(m[1]);
      if (method === 'GET' && !m[2]) return pm;
      if (method === 'POST' && m[2] === '/attach') {
        if (params.customer === undefined) throw missing('customer');
        pm.customer = getCustomerParam(String(params.customer)).id;
        return pm;
      }
      if (method === 'POST' && m[2] === '/detach') {
        pm.customer = null;
        return pm;
      }
    }
    if (method === 'POST' && path === '/v1/setup_intents') return createSetupIntent(params);
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
    /** @type {RegExpExecArray | null} */ let m;
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

    if (url.pathname === '/v1/_sandbox/webhook' && method === 'POST') {
      const text = await readBody(req);
      const body = text.trim().startsWith('{') ? JSON.parse(text) : parseStripeForm(text);
      setWebhook(body.url ?? null, body.secret);
      return send(200, { url: webhook.url });
    }
    if (url.pathname === '/v1/_sandbox/events' && method === 'GET') {
      return send(200, { object: 'list', data: eventLog() });
    }
    if ((m = /^\/v1\/_sandbox\/events\/([^/]+)\/resend$/.exec(url.pathname)) && method === 'POST') {
      const entry = events.find((e) => e.event.id === m[1]);
      if (!entry) return send(404, { error: { type: 'invalid_request_error', message: 'No such event' } });
      await deliver(entry, 1);
      return send(200, { id: entry.event.id, deliveries: entry.deliveries });
    }

    // ---- pages for the browser: the card fields (an iframe) and the 3-D Secure challenge ----
    if (url.pathname === '/elements/card-fields' && method === 'GET') return cardFieldsPage(url, res);
    if ((m = /^\/3ds\/([^/]+)$/.exec(url.pathname))) {
      if (method === 'GET') {
        const intent = challengedIntent(m[1], url.searchParams.get('client_secret'));
        return html(res, intent ? 200 : 404, intent ? challengePage(intent) : notFoundPage());
      }
      if (method === 'POST') {
        const form = new URLSearchParams(await readBody(req));
        const intent = challengedIntent(m[1], form.get('client_secret'));
        if (!intent) return html(res, 404, notFoundPage());
        const result = form.get('result') === 'complete' ? 'complete' : 'fail';
        log(`payment-sandbox: 3-D Secure ${result} for ${intent.id}`);
        const next = endChallenge(intent, result);
        if (next) {
          res.writeHead(303, { location: next, 'cache-control': 'no-store' });
          return void res.end();
        }
        return html(res, 200, challengeDonePage(intent));
      }
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

  function setWebhook(/** @type {string | null} */ url, /** @type {string | undefined} */ secret) {
    webhook.url = url || null;
    if (secret) webhook.secret = secret;
  }

  /** The events made, oldest first, with each delivery's HTTP status (0: no answer). */
  const eventLog = () =>
    events.map((e) => ({
      id: e.event.id,
      type: e.event.type,
      objectId: e.event.data.object.id,
      url: e.url,
      deliveries: [...e.deliveries],
    }));

  /**
   * The card fields, meant to be embedded as an iframe by the page at `origin` (a query parameter):
   * the card is typed here, on the sandbox's origin, and posted to the sandbox itself; the parent
   * only ever receives ids and statuses by postMessage, addressed to exactly `origin`. The parent
   * starts the confirmation with `{ type: 'confirm-setup', clientSecret, returnUrl }`.
   */
  function cardFieldsPage(/** @type {URL} */ url, /** @type {http.ServerResponse} */ res) {
    const origin = parentOrigin(url.searchParams.get('origin'));
    const key = url.searchParams.get('key') ?? '';
    if (!origin || !/^pk_test_\w+$/.test(key)) {
      return html(
        res,
        400,
        page('Card fields', '<p>origin (the embedding page) and key (pk_test_…) are required.</p>'),
      );
    }
    const nonce = randomBytes(16).toString('base64');
    const body = `<form id="f" autocomplete="on" novalidate>
  <label>カード番号 <input id="number" inputmode="numeric" autocomplete="cc-number" placeholder="4242 4242 4242 4242" maxlength="23"></label>
  <div class="row"><label>有効期限 <input id="exp" autocomplete="cc-exp" placeholder="MM / YY" maxlength="7"></label>
  <label>セキュリティコード <input id="cvc" inputmode="numeric" autocomplete="cc-csc" placeholder="123" maxlength="4"></label></div>
  <p id="error" role="alert"></p>
</form>
<script nonce="${nonce}">
(() => {
  const PARENT = ${JSON.stringify(origin)};
  const KEY = ${JSON.stringify(key)};
  const $ = (id) => document.getElementById(id);
  const tell = (message) => parent.postMessage({ source: 'bc-card-fields', ...message }, PARENT);
  const digits = (v) => v.replace(/\\D/g, '');
  const card = () => {
    const [mm, yy] = $('exp').value.split('/').map((x) => digits(x));
    return { number: digits($('number').value), exp_month: mm || '', exp_year: yy || '', cvc: digits($('cvc').value) };
  };
  const complete = () => { const c = card(); return c.number.length >= 12 && c.exp_month && c.exp_year && c.cvc.length >= 3; };
  for (const id of ['number', 'exp', 'cvc']) $(id).addEventListener('input', () => tell({ type: 'change', complete: complete() }));
  const api = async (path, params) => {
    const res = await fetch(path, { method: 'POST', headers: { authorization: 'Bearer ' + KEY, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params) });
    const json = await res.json();
    if (!res.ok) throw json.error || { message: 'error' };
    return json;
  };
  window.addEventListener('message', async (event) => {
    if (event.origin !== PARENT || event.source !== parent || !event.data || event.data.type !== 'confirm-setup') return;
    const { clientSecret, returnUrl } = event.data;
    const id = String(clientSecret || '').split('_secret_')[0];
    $('error').textContent = '';
    try {
      const c = card();
      const pm = await api('/v1/payment_methods', { type: 'card', 'card[number]': c.number, 'card[exp_month]': c.exp_month, 'card[exp_year]': c.exp_year, 'card[cvc]': c.cvc });
      const si = await api('/v1/setup_intents/' + encodeURIComponent(id) + '/confirm', { client_secret: clientSecret, payment_method: pm.id, return_url: returnUrl || '' });
      tell({ type: 'result', status: si.status, setupIntentId: si.id, paymentMethodId: pm.id, redirectUrl: si.next_action ? si.next_action.redirect_to_url.url : null });
    } catch (error) {
      $('error').textContent = error.message || '';
      tell({ type: 'result', status: 'failed', setupIntentId: id || null, paymentMethodId: null, error: { code: error.code || null, declineCode: error.decline_code || null, message: error.message || '' } });
    }
  });
  tell({ type: 'ready' });
})();
</script>`;
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors ${origin}`,
      'referrer-policy': 'no-referrer',
    });
    res.end(page('Card fields', body, true));
  }

  function challengePage(/** @type {any} */ intent) {
    const what =
      intent.object === 'setup_intent'
        ? 'カードの登録 (card set-up)'
        : `お支払い ${Number(intent.amount).toLocaleString('ja-JP')}円 (${String(intent.currency).toUpperCase()})`;
    const done = intent.status !== 'requires_action';
    const form = (/** @type {string} */ result, /** @type {string} */ label) =>
      `<form method="post" action="/3ds/${escapeHtml(intent.id)}"><input type="hidden" name="client_secret" value="${escapeHtml(intent.client_secret)}"><input type="hidden" name="result" value="${result}"><button type="submit">${label}</button></form>`;
    return page(
      '3-D Secure',
      `<h1>3-D Secure（本人認証）— テスト</h1>
<p>${escapeHtml(what)}</p>
<p>This is the payment sandbox's stand-in for the card issuer's authentication page.</p>
${done ? `<p>This challenge is over (${escapeHtml(intent.status)}).</p>` : `<div class="row">${form('complete', '認証を完了する (Complete)')}${form('fail', '認証に失敗する (Fail)')}</div>`}`,
    );
  }

  const challengeDonePage = (/** @type {any} */ intent) =>
    page('3-D Secure', `<h1>3-D Secure</h1><p>${escapeHtml(intent.id)}: ${escapeHtml(intent.status)}</p>`);
  const notFoundPage = () => page('Not found', '<p>No such challenge.</p>');

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
  baseUrl = options.publicUrl?.replace(/\/$/, '') ?? url;

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
    /** Where events go, signed with `secret` (default whsec_sandbox); null stops sending. */
    setWebhook,
    /** Events made, oldest first, with each delivery's HTTP status (0: no answer). */
    events: eventLog,
    clearEvents: () => void (events = []),
    /** Sends an event again, as it was (same id), once; resolves to its deliveries' statuses. */
    resendEvent: async (/** @type {string} */ id) => {
      const entry = events.find((e) => e.event.id === id);
      if (!entry) throw new Error(`no event ${id}`);
      await deliver(entry, 1);
      return [...entry.deliveries];
    },
    /** Ends a 3-D Secure challenge as the cardholder would on its page; returns the redirect or null. */
    completeChallenge: (/** @type {string} */ intentId, /** @type {'complete' | 'fail'} */ result) => {
      const intent = setupIntents.get(intentId) ?? paymentIntents.get(intentId);
      if (!intent) throw new Error(`no intent ${intentId}`);
      return endChallenge(intent, result);
    },
    /** Payment methods and intents as the provider holds them (for assertions). */
    paymentMethod: (/** @type {string} */ id) => paymentMethods.get(id) ?? null,
    setupIntent: (/** @type {string} */ id) => setupIntents.get(id) ?? null,
    paymentIntent: (/** @type {string} */ id) => paymentIntents.get(id) ?? null,
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

/**
 * Stripe's webhook signature header for `payload` (the exact body): `t=<unix>,v1=<hex HMAC-SHA256 of
 * "<t>.<payload>" with the endpoint secret>`.
 * @param {string} payload
 * @param {string} secret
 * @param {number} [timestamp] unix seconds, now by default
 */
export function stripeSignatureHeader(payload, secret, timestamp = Math.floor(Date.now() / 1000)) {
  const v1 = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex');
  return `t=${timestamp},v1=${v1}`;
}

/** The origin of the page embedding the card fields: a well-formed http(s) origin, else null. */
function parentOrigin(/** @type {string | null} */ value) {
  if (!value) return null;
  try {
    const u = new URL(value);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.origin !== value) return null;
    return u.origin;
  } catch {
    return null;
  }
}

const escapeHtml = (/** @type {string} */ text) =>
  String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(/** @type {string} */ title, /** @type {string} */ body, bare = false) {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)} — payment sandbox</title>
<style>body{font-family:system-ui,sans-serif;margin:${bare ? '0' : '2rem'};color:#111}label{display:block;margin:.4rem 0;font-size:14px}
input{display:block;width:100%;box-sizing:border-box;padding:.5rem;font-size:16px;border:1px solid #999;border-radius:4px}
.row{display:flex;gap:.75rem}.row>*{flex:1}#error{color:#b00020;font-size:14px;min-height:1em}
button{padding:.6rem 1rem;font-size:15px;margin-top:1rem}</style></head><body>${body}</body></html>`;
}

function html(
  /** @type {http.ServerResponse} */ res,
  /** @type {number} */ status,
  /** @type {string} */ text,
) {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(text);
}
