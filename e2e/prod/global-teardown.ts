import fs from 'node:fs';
import { deleteRedisKeys, dropDatabase, killGroup } from '../setup/e2e-env';
import { PROD_STATE_FILE, readProdState } from './prod-env';

/** Stops the production start (its whole process group: APIs, workers, nginx, fakes), drops its data. */
export default async function globalTeardown(): Promise<void> {
  if (!fs.existsSync(PROD_STATE_FILE)) return;
  const state = readProdState();
  await killGroup(state.pid, 10_000);
  await dropDatabase(state.database);
  await deleteRedisKeys(state.run);
  fs.rmSync(state.runDir, { recursive: true, force: true });
  fs.rmSync(PROD_STATE_FILE, { force: true });
}
