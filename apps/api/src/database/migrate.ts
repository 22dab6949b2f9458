import { loadConfig } from '../config/app.config';
import { createDataSource } from './data-source';

/** `pnpm --filter @bc/api migrate`: applies pending migrations, each in its own transaction. */
async function main() {
  const config = loadConfig();
  const ds = createDataSource(config.database.url);
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
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
