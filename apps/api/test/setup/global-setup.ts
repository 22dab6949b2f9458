import { randomBytes } from 'node:crypto';
import { createDataSource } from '../../src/database/data-source';
import { adminQuery, assertServicesUp, dbUrl, templateName } from '../support/test-services';

/**
 * Once per run: a template database with every migration applied. Each test file clones it
 * (CREATE DATABASE … TEMPLATE, milliseconds), so files run in parallel on their own data and two
 * runs on one machine never meet.
 */
export default async function globalSetup(): Promise<void> {
  // The e2e and medium projects share this set-up: jest calls it once per project, in one process.
  if (process.env.BC_TEST_RUN_ID && process.env.BC_TEST_TEMPLATE_READY === process.env.BC_TEST_RUN_ID) return;
  await assertServicesUp();
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  process.env.BC_TEST_RUN_ID = runId;
  const template = templateName(runId);
  await adminQuery(`CREATE DATABASE ${template}`);
  const ds = createDataSource(dbUrl(template));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
  process.env.BC_TEST_TEMPLATE_READY = runId;
}
