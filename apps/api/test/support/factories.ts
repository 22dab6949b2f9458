import type { DatabaseService } from '../../src/database/database.service';

/**
 * Row factories: what a test needs in the database, inserted straight into the tables (the flows
 * that create these rows are tested through the API elsewhere). They take anything that has the
 * database — an e2e TestApp or a medium-tier context — so the two tiers share them:
 * accounts here, calls in answered-calls.ts, inquiries in inquiries.ts.
 */
export interface WithDatabase {
  database: DatabaseService;
}

export interface AccountSeed {
  name?: string;
  /** a corporation gets a company name too (the table requires it) */
  type?: 'corporation' | 'individual';
  state?: 'applied' | 'verifying' | 'ready_for_number' | 'active' | 'cancellation_scheduled' | 'cancelled';
}

/** Customer accounts with no people (sign-up through the API is tested in auth.e2e-spec). */
export async function insertAccounts(t: WithDatabase, seeds: AccountSeed[]): Promise<string[]> {
  if (seeds.length === 0) return [];
  const rows = seeds.map((s, i) => ({
    name: s.name ?? `テスト 太郎${i}`,
    type: s.type ?? 'corporation',
    company_name: (s.type ?? 'corporation') === 'corporation' ? `テスト株式会社${i}` : null,
    state: s.state ?? 'active',
  }));
  const inserted: { id: string }[] = await t.database.dataSource.query(
    `INSERT INTO accounts (name, type, company_name, state)
     SELECT r.name, r.type, r.company_name, r.state
       FROM jsonb_to_recordset($1::jsonb) AS r(name text, type text, company_name text, state text)
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  return inserted.map((r) => r.id);
}

export async function insertAccount(t: WithDatabase, seed: AccountSeed = {}): Promise<string> {
  const [id] = await insertAccounts(t, [seed]);
  return id;
}
