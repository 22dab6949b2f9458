import { Client } from 'pg';
import { loadConfig, type DatabaseTls } from '../config/app.config';
import { createDataSource } from './data-source';

/** Creates the database named in DATABASE_URL when it does not exist yet (a fresh machine). */
async function ensureDatabase(url: string, ssl: DatabaseTls | null): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`DATABASE_URL names an unusual database "${name}"; create it yourself`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({
    connectionString: admin.toString(),
    connectionTimeoutMillis: 5000,
    ...(ssl ? { ssl } : {}),
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE ${name}`);
      console.log(`created database ${name}`);
    }
  } finally {
    await client.end();
  }
}

/** `pnpm --filter @bc/api migrate`: creates the database if needed and applies pending migrations, each in its own transaction. */
async function main() {
  const config = loadConfig();
  await ensureDatabase(config.database.url, config.database.ssl);
  const ds = createDataSource(config.database.url, config.database);
  await ds.initialize();
  try {
    const applied = await ds.runMigrations({ transaction: 'each' });
    console.log(
      applied.length ? `applied ${applied.map((m) => m.name).join(', ')}` : 'database is up to date',
    );
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
