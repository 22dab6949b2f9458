import { cleanUp, markCleanedUp, readState, STATE_FILE } from './e2e-env';

/** Stops the API and both dev servers (whole process groups), drops the database, clears Redis. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  if (!state) {
    console.warn(`[e2e] nothing to tear down (no ${STATE_FILE})`);
    return;
  }
  const problems = await cleanUp(state);
  markCleanedUp(state);
  if (problems.length > 0) throw new Error(`[e2e] teardown: ${problems.join('; ')}`);
}
