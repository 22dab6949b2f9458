import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.4 [decided]: a price takes effect on the 1st of a month only, so a month's calls are always
 * priced at one price. Staff could schedule prices from any day until now; a scheduled price (not
 * yet in force, Japan time) on another day is MOVED to the 1st of the following month: the price
 * staff chose still comes, never earlier than they announced, and the month it would have split
 * keeps one price. When that item already has a price on that 1st, the later-scheduled row already
 * decides that month, so the moved one could never be in force and is removed. Prices already in
 * force are history (invoices were priced with them) and stay as they are.
 */
export class MovePricesToFirstOfMonth1766000200000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    const today = `(now() AT TIME ZONE 'Asia/Tokyo')::date`;
    const firstAfter = `(date_trunc('month', p.effective_from) + interval '1 month')::date`;
    await q.query(`
      DELETE FROM catalogue_prices p
      WHERE p.effective_from > ${today} AND extract(day FROM p.effective_from) <> 1
        AND EXISTS (SELECT 1 FROM catalogue_prices o WHERE o.item_code = p.item_code AND o.effective_from = ${firstAfter})`);
    // two rows of an item in the same month: the one latest in the month is the price staff wanted last
    await q.query(`
      DELETE FROM catalogue_prices p
      WHERE p.effective_from > ${today} AND extract(day FROM p.effective_from) <> 1
        AND EXISTS (SELECT 1 FROM catalogue_prices o WHERE o.item_code = p.item_code
          AND date_trunc('month', o.effective_from) = date_trunc('month', p.effective_from)
          AND extract(day FROM o.effective_from) <> 1 AND o.effective_from > p.effective_from)`);
    await q.query(`
      UPDATE catalogue_prices p SET effective_from = ${firstAfter}
      WHERE p.effective_from > ${today} AND extract(day FROM p.effective_from) <> 1`);
  }

  async down(): Promise<void> {
    // the original dates are not kept: nothing to undo
  }
}
