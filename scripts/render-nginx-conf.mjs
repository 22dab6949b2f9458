// Fills in deploy/nginx/*.template for scripts/start-prod.sh: {{NAME}} placeholders from the
// environment (PREFIX, NGINX_USER, ROOT_DIR, WEB_PORT, CONSOLE_PORT, API_PORTS, CONNECT_SRC). Writes
// $PREFIX/nginx.conf and $PREFIX/security-headers.conf.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = process.env;
const templates = join(env.ROOT_DIR, 'deploy/nginx');
const fill = (text, values) =>
  text.replace(/\{\{([A-Z_]+)\}\}/g, (_, name) => {
    if (!(name in values)) throw new Error(`no value for {{${name}}}`);
    return values[name];
  });

const common = { PREFIX: env.PREFIX, CONNECT_SRC: env.CONNECT_SRC.trim(), USER: env.NGINX_USER };
const server = readFileSync(join(templates, 'app-server.conf.template'), 'utf8');
const servers = [
  { APP_NAME: 'customer web app', PORT: env.WEB_PORT, ROOT: join(env.ROOT_DIR, 'apps/web/dist') },
  { APP_NAME: 'operator console', PORT: env.CONSOLE_PORT, ROOT: join(env.ROOT_DIR, 'apps/console/dist') },
].map((values) => fill(server, { ...common, ...values }));
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
writeFileSync(
  join(env.PREFIX, 'security-headers.conf'),
  fill(readFileSync(join(templates, 'security-headers.conf'), 'utf8'), common),
);
