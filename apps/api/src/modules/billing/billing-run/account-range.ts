/** A slice of the accounts, by id, for pricing a month chunk by chunk. */
export interface AccountRange {
  from: string | null;
  to: string | null;
}

/** Whether an account id (canonical lower-case uuid) lies in a range, ordered as PostgreSQL orders uuids. */
export function inRange(accountId: string, r: AccountRange): boolean {
  return (r.from === null || accountId >= r.from) && (r.to === null || accountId < r.to);
}

/** The SQL condition "`column` lies in the range given as parameters `$from` and `$to`" (null = open). */
export function inRangeSql(column: string, from: number, to: number): string {
  return `($${from}::uuid IS NULL OR ${column} >= $${from}::uuid) AND ($${to}::uuid IS NULL OR ${column} < $${to}::uuid)`;
}
