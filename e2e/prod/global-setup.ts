import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PG_ADMIN_URL, REPO_ROOT } from '../setup/e2e-env';
import { freePort, PROD_STATE_FILE, type ProdState } from './prod-env';

const log = (message: string) => console.log(`[prod] ${message}`);

/**
 * Runs scripts/start-prod.sh as a user would (`pnpm start:prod`), on a private database, Redis
 * prefix, env file and free ports; waits for its banner; creates the first staff login with the
 * command the banner names.
 */
export default async function globalSetup(): Promise<void> {
  const run = `bc_e2e_prod${randomBytes(4).toString('hex')}`;
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bc-prod-'));
  const ports = [];
  for (let i = 0; i < 12; i++) ports.push(await freePort());
  const [web, consolePort, api1, api2, metricsBase, payment, smtp, mail, twilio, chatwork] = ports;
  const database = new URL(PG_ADMIN_URL);
  database.pathname = `/${run}`;
  const env = {
    ...process.env,
    PROD_ENV_FILE: path.join(runDir, 'env.production'),
    PROD_RUN_DIR: runDir,
    PROD_SKIP_BUILD: fs.existsSync(path.join(REPO_ROOT, 'apps/web/dist/index.html')) ? '1' : '',
    PROD_DATABASE_URL: database.toString(),
    PROD_REDIS_PREFIX: run,
    PROD_WEB_PORT: String(web),
    PROD_CONSOLE_PORT: String(consolePort),
    PROD_API_PORT_1: String(api1),
    PROD_API_PORT_2: String(api2),
    // four consecutive ports from here; a clash only makes a metrics listener fail (logged)
    PROD_METRICS_PORT_BASE: String(metricsBase),
    PROD_PAYMENT_PORT: String(payment),
    PROD_SMTP_PORT: String(smtp),
    PROD_MAIL_PORT: String(mail),
    PROD_TWILIO_FAKE_PORT: String(twilio),
    PROD_CHATWORK_PORT: String(chatwork),
  };
  const logFile = path.join(runDir, 'start-prod.log');
  const out = fs.openSync(logFile, 'w');
  const child = spawn('bash', ['scripts/start-prod.sh'], {
    cwd: REPO_ROOT,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  child.unref();
  const state: ProdState = {
    run,
    pid: child.pid!,
    runDir,
    database: run,
    web: `http://localhost:${web}`,
    console: `http://localhost:${consolePort}`,
    mail: `http://127.0.0.1:${mail}`,
    admin: {
      email: 'admin@prod.example',
      password: `Prod-${randomBytes(9).toString('base64url')}`,
      name: '本番 管理者',
    },
  };
  fs.mkdirSync(path.dirname(PROD_STATE_FILE), { recursive: true });
  fs.writeFileSync(PROD_STATE_FILE, JSON.stringify(state));

  log(`starting the production start (log: ${logFile})`);
  const deadline = Date.now() + 300_000;
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  while (!fs.readFileSync(logFile, 'utf8').includes('is running as in production')) {
    if (exited || Date.now() > deadline) {
      throw new Error(
        `start-prod.sh ${exited ? `exited (${exited})` : 'timed out'}:\n${fs.readFileSync(logFile, 'utf8').slice(-3000)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const created = spawnSync(
    process.execPath,
    ['apps/api/dist/src/database/create-staff.js', '--email', state.admin.email, '--name', state.admin.name],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        BC_ENV_FILE: env.PROD_ENV_FILE,
        DATABASE_URL: env.PROD_DATABASE_URL,
        REDIS_PREFIX: run,
        STAFF_PASSWORD: state.admin.password,
      },
      encoding: 'utf8',
    },
  );
  if (created.status !== 0) throw new Error(`create-staff failed: ${created.stderr || created.stdout}`);
  log(`up: ${state.web} and ${state.console}`);
}
