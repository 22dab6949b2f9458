import type { WithDatabase } from './factories';

/**
 * Free Tokyo 03 numbers in the pool, inserted straight into phone_numbers (adding them through
 * the admin route is tested in numbers.e2e-spec). Numbers start 03-4…: other helpers use 5, 6 and
 * 7, and a random start keeps files apart in a shared database.
 */
let seq = Math.floor(Math.random() * 9_000_000);

/** A fresh, valid Tokyo number as staff type it (03-4xxx-xxxx) and in E.164. */
export function freshTokyoNumber(): { national: string; e164: string } {
  seq = (seq + 1) % 10_000_000;
  const digits = `4${String(seq).padStart(7, '0')}`;
  return { national: `03-${digits.slice(0, 4)}-${digits.slice(4)}`, e164: `+813${digits}` };
}

/** `n` free numbers in the pool, ordered by e164 (the order "next free" takes them in). */
export async function insertFreeNumbers(t: WithDatabase, n = 1): Promise<{ id: string; e164: string }[]> {
  const e164s = Array.from({ length: n }, () => freshTokyoNumber().e164);
  const rows: { id: string; e164: string }[] = await t.database.dataSource.query(
    `INSERT INTO phone_numbers (e164) SELECT unnest($1::varchar[]) RETURNING id, e164`,
    [e164s],
  );
  return [...rows].sort((a, b) => a.e164.localeCompare(b.e164));
}
