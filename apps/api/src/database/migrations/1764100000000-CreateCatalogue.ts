import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.1: the catalogue (plans, options, the initial fee) and its prices, versioned by effective date.
 * The demo catalogue is reference data, so it is seeded here, in force from 2026-01-01.
 */
export class CreateCatalogue1764100000000 implements MigrationInterface {
  name = 'CreateCatalogue1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE catalogue_items (
        code varchar(40) PRIMARY KEY,
        kind varchar(10) NOT NULL CHECK (kind IN ('plan', 'option', 'fee')),
        name_ja varchar(100) NOT NULL,
        name_en varchar(100) NOT NULL,
        sort_order smallint NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE catalogue_prices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_code varchar(40) NOT NULL REFERENCES catalogue_items (code),
        -- a Japan date; the row is in force from this day until the next row of the item
        effective_from date NOT NULL,
        -- whole yen, tax included: the monthly fee of a plan or option, the amount of a one-off fee
        amount integer NOT NULL CHECK (amount >= 0),
        -- plans only: calls included a month, and the fee (tax included) of each further call
        included_calls integer CHECK (included_calls >= 0),
        per_call_fee integer CHECK (per_call_fee >= 0),
        tax_rate_percent smallint NOT NULL DEFAULT 10 CHECK (tax_rate_percent BETWEEN 0 AND 100),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT catalogue_prices_plan_fields CHECK (
          (included_calls IS NULL) = (per_call_fee IS NULL)
        )
      )`);
    await q.query(
      `CREATE UNIQUE INDEX catalogue_prices_item_code_effective_from_key ON catalogue_prices (item_code, effective_from)`,
    );
    await q.query(`
      INSERT INTO catalogue_items (code, kind, name_ja, name_en, sort_order) VALUES
        ('standard', 'plan', 'スタンダード', 'Standard', 10),
        ('luxury', 'plan', 'ラグジュアリー', 'Luxury', 20),
        ('qa', 'option', 'Q&A', 'Q&A', 30),
        ('out_of_hours_announcement', 'option', '時間外アナウンス', 'Out-of-hours announcement', 40),
        ('rental_address', 'option', 'レンタルアドレス', 'Rental address', 50),
        ('initial_fee', 'fee', '初期費用', 'Initial fee', 60)`);
    await q.query(`
      INSERT INTO catalogue_prices (item_code, effective_from, amount, included_calls, per_call_fee, tax_rate_percent) VALUES
        ('standard', '2026-01-01', 5500, 40, 176, 10),
        ('luxury', '2026-01-01', 11000, 100, 143, 10),
        ('qa', '2026-01-01', 2200, NULL, NULL, 10),
        ('out_of_hours_announcement', '2026-01-01', 1100, NULL, NULL, 10),
        ('rental_address', '2026-01-01', 1650, NULL, NULL, 10),
        ('initial_fee', '2026-01-01', 5500, NULL, NULL, 10)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE catalogue_prices`);
    await q.query(`DROP TABLE catalogue_items`);
  }
}
