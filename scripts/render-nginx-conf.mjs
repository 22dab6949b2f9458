// Fills in deploy/nginx/*.template for scripts/start-prod.sh: {{NAME}} placeholders from the
// environment (PREFIX, NGINX_USER, ROOT_DIR, WEB_PORT, CONSOLE_PORT, API_PORTS, PAYMENT_API_URL,
// CONSOLE_CONNECT_SRC). Writes $PREFIX/nginx.conf and one security-headers file per app, whose
// Content-Security-Policy allows exactly the outside origins that app needs.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const templates = join(env.ROOT_DIR, 'deploy/nginx');
const fill = (text, values) =>
  text.replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}}`);
    return values[name];
  });

const common = { PREFIX: env.PREFIX, USER: env.NGINX_USER };
const sources = (list) =>
  list
    .filter(Boolean)
    .map((origin) => ` ${origin}`)
    .join('');

/**
 * The web app's card fields (issue 17), as the API chooses them (apps/api/src/config/app.config.ts,
 * cardFieldsOf): real Stripe (PAYMENT_API_URL unset or api.stripe.com) loads Stripe.js, which frames
 * its Payment Element and 3-D Secure pages and calls its API — Stripe's documented CSP list; the
 * payment sandbox is only framed (its card-fields page talks to its own origin, and the 3-D Secure
 * challenge is a whole-page visit).
 */
function webPaymentSources(paymentApiUrl) {
  const url = new URL(paymentApiUrl || 'https://api.stripe.com');
  if (url.hostname === 'api.stripe.com') {
    return {
      SCRIPT_SRC: sources(['https://js.stripe.com', 'https://*.js.stripe.com']),
      FRAME_SRC: sources(['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com']),
      CONNECT_SRC: sources(['https://api.stripe.com']),
    };
  }
  return { SCRIPT_SRC: '', FRAME_SRC: sources([url.origin]), CONNECT_SRC: '' };
}

const apps = [
  {
    APP_NAME: 'customer web app',
    PORT: env.WEB_PORT,
    ROOT: join(env.ROOT_DIR, 'apps/web/dist'),
    HEADERS: 'web-security-headers.conf',
    csp: webPaymentSources(env.PAYMENT_API_URL),
  },
  {
    APP_NAME: 'operator console',
    PORT: env.CONSOLE_PORT,
    ROOT: join(env.ROOT_DIR, 'apps/console/dist'),
    HEADERS: 'console-security-headers.conf',
    csp: {
      SCRIPT_SRC: '',
      FRAME_SRC: '',
      CONNECT_SRC: sources((env.CONSOLE_CONNECT_SRC ?? '').split(/\s+/)),
    },
  },
];
const server = readFileSync(join(templates, 'app-server.conf.template'), 'utf8');
const servers = apps.map(({ csp: _csp, ...values }) => fill(server, { ...common, ...values }));
const upstreams = env.API_PORTS.split(/\s+/)
  .filter(Boolean)
  .map((port) => `    server 127.0.0.1:${port} max_fails=1 fail_timeout=2s;`)
  .join('\n');

for (const dir of ['logs', 'tmp']) mkdirSync(join(env.PREFIX, dir), { recursive: true });
writeFileSync(
  join(env.PREFIX, 'nginx.conf'),
  fill(readFileSync(join(templates, 'nginx.conf.template'), 'utf8'), {
    ...common,
    API_UPSTREAMS: upstreams,
    SERVERS: servers.join('\n'),
  }),
);
const headers = readFileSync(join(templates, 'security-headers.conf'), 'utf8');
for (const app of apps)
  writeFileSync(join(env.PREFIX, app.HEADERS), fill(headers, { ...common, ...app.csp }));
