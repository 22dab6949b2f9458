// The baseline of the framework-overhead benchmark: a bare Fastify 5 server doing the same work as
// the API's GET /api/v1/admin/whoami, without Nest. It verifies the same access token the same way
// (jsonwebtoken, the library passport-jwt uses inside the API, with the same options and claim
// checks) and returns the same JSON, so the difference between the two is the framework's cost:
// Nest's router/guards/interceptor pipeline, passport, and the API's global plugins (helmet, CORS,
// cookies, request id). A second route does no JWT work at all, as a reference line.
//
// How the secret is handed to jsonwebtoken matters a lot: given a string, jsonwebtoken 9 first tries
// crypto.createPublicKey(secret), which throws, on every verify (about 0.4 ms of CPU); given a
// KeyObject (crypto.createSecretKey) it goes straight to the HMAC, about 45x faster. The main route
// does what the API does (BARE_JWT_SECRET_MODE, chosen by framework-overhead.mjs from the API's
// build); /whoami-string and /whoami-keyobject are fixed to one mode each, for reference.
//
// With BARE_PLUGINS_PORT set, a second Fastify instance listens there with the plugins the API
// registers on every request (helmet, cookie, CORS, an x-request-id header): Nest's own share of the
// overhead is then Nest minus that line. (A second instance, because these plugins are global.)
//
// Env: BARE_PORT (required), JWT_SECRET (required), BARE_HOST (default 127.0.0.1),
//      BARE_JWT_SECRET_MODE = string (default) | keyobject, BARE_PLUGINS_PORT (optional).
// Run by framework-overhead.mjs as a child process; can also be started by hand.

import { createSecretKey, randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const apiDir = join(benchDir, '..', 'apps', 'api');
const benchRequire = createRequire(join(benchDir, 'package.json'));
const apiRequire = createRequire(join(apiDir, 'package.json'));

// bench's own fastify (a devDependency pinned like the API's), else the API's copy.
function load(name, ...requires) {
  for (const req of requires) {
    try {
      return req(name);
    } catch {
      /* next */
    }
  }
  throw new Error(`cannot resolve ${name}`);
}
const Fastify = load('fastify', benchRequire, apiRequire);
// jsonwebtoken exactly as passport-jwt (the API's verifier) resolves it.
const jwt = createRequire(apiRequire.resolve('passport-jwt'))('jsonwebtoken');

// Same constants as apps/api/src/common/auth/auth-user.ts and jwt.strategy.ts.
const TOKEN_ISSUER = 'businesscall-api';
const AUDIENCE = { customer: 'businesscall-web', staff: 'businesscall-console' };
const STAFF_ROLES = new Set(['operator', 'admin']);
const CUSTOMER_ROLES = new Set(['owner', 'member']);
const VERIFY_OPTIONS = {
  algorithms: ['HS256'],
  issuer: TOKEN_ISSUER,
  audience: [AUDIENCE.customer, AUDIENCE.staff],
  ignoreExpiration: false,
};

const secret = process.env.JWT_SECRET;
const port = Number(process.env.BARE_PORT);
if (!secret || !port) {
  console.error('bare-fastify: BARE_PORT and JWT_SECRET are required');
  process.exit(78);
}

const unauthorized = (reply) =>
  reply
    .code(401)
    .header('www-authenticate', 'Bearer')
    .type('application/problem+json')
    .send({ type: 'about:blank', title: 'Unauthorized', status: 401, code: 'UNAUTHENTICATED' });

const KEYS = { string: secret, keyobject: createSecretKey(Buffer.from(secret)) };
const mode = process.env.BARE_JWT_SECRET_MODE ?? 'string';
if (!(mode in KEYS)) {
  console.error('bare-fastify: BARE_JWT_SECRET_MODE must be string or keyobject');
  process.exit(78);
}

/** passport-jwt's fromAuthHeaderAsBearerToken + verify + JwtStrategy.validate + the staff-role check. */
function authenticateStaff(req, key) {
  const header = req.headers.authorization;
  const m = typeof header === 'string' ? /^bearer\s+(\S+)$/i.exec(header) : null;
  if (!m) return null;
  let claims;
  try {
    claims = jwt.verify(m[1], key, VERIFY_OPTIONS);
  } catch {
    return null;
  }
  if (claims.typ !== 'access') return null;
  const consistent =
    (claims.aud === AUDIENCE.customer && CUSTOMER_ROLES.has(claims.role) && !!claims.acc) ||
    (claims.aud === AUDIENCE.staff && STAFF_ROLES.has(claims.role));
  if (!consistent) return null;
  return { userId: claims.sub, accountId: claims.acc, role: claims.role };
}

// No logger: the API runs with LOG_LEVEL=silent, which also disables Fastify's request logging.
const app = Fastify({ logger: false });
const host = process.env.BARE_HOST ?? '127.0.0.1';

function whoami(key) {
  return async (req, reply) => {
    const user = authenticateStaff(req, key);
    if (!user) return unauthorized(reply);
    if (!STAFF_ROLES.has(user.role)) return reply.code(403).send({ status: 403, code: 'FORBIDDEN' });
    return { userId: user.userId, role: user.role, accountId: user.accountId };
  };
}
app.get('/api/v1/admin/whoami', whoami(KEYS[mode]));
app.get('/api/v1/admin/whoami-string', whoami(KEYS.string));
app.get('/api/v1/admin/whoami-keyobject', whoami(KEYS.keyobject));

// Reference: the same-sized JSON with no token work at all.
const FIXED = { userId: '00000000-0000-4000-8000-000000000000', role: 'operator', accountId: null };
app.get('/api/v1/plain', async () => FIXED);

const servers = [app];
if (process.env.BARE_PLUGINS_PORT) {
  // As apps/api/src/http-app.ts registers them (same packages, resolved from apps/api).
  const withPlugins = Fastify({ logger: false });
  await withPlugins.register(apiRequire('@fastify/helmet'));
  await withPlugins.register(apiRequire('@fastify/cookie'));
  await withPlugins.register(apiRequire('@fastify/cors'), {
    origin: ['http://localhost:5173', 'http://localhost:5174'],
    credentials: true,
  });
  withPlugins.addHook('onRequest', async (_req, reply) => {
    void reply.header('x-request-id', randomUUID());
  });
  withPlugins.get('/api/v1/admin/whoami', whoami(KEYS[mode]));
  await withPlugins.listen({ port: Number(process.env.BARE_PLUGINS_PORT), host });
  servers.push(withPlugins);
}

process.once('SIGTERM', () => void Promise.all(servers.map((s) => s.close())).then(() => process.exit(0)));

await app.listen({ port, host });
console.log(`bare fastify ${app.version} listening on ${port}, JWT secret as ${mode}`);
