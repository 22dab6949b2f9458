import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R2.3, R2.4, R2.8, R2.9: invoices and the money they move.
 *
 * - `invoice_number_counters`: one row per issuer (registration number). The invoice's transaction
 *   locks it (SELECT … FOR UPDATE), so numbers are sequential without gaps; a SEQUENCE would leave
 *   gaps on rollback.
 * - `invoices`: one per account, period and kind, enforced by a unique index (credit notes excepted:
 *   an invoice may be corrected more than once, each credit note referencing it). Amounts are whole
 *   yen, tax included; the tax is computed once per invoice.
 * - `invoice_lines`: tax-included quantity × unit price.
 * - `payment_attempts`: each charge attempt with the idempotency key sent to the provider; a
 *   `pending` attempt is re-sent with the same key after a crash, so the provider charges once.
 * - `billing_runs`: the progress of a monthly run (accounts, invoices created, charged, failed).
 */
export class CreateInvoices1765300000000 implements MigrationInterface {
  name = 'CreateInvoices1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice_number_counters (
        issuer_registration_number char(14) PRIMARY KEY,
        last_number integer NOT NULL DEFAULT 0 CHECK (last_number >= 0),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE billing_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        period char(7) NOT NULL,
        kind varchar(20) NOT NULL CHECK (kind IN ('monthly', 'second_day')),
        status varchar(20) NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'completed', 'failed')),
        trigger varchar(20) NOT NULL CHECK (trigger IN ('schedule', 'staff', 'bench', 'test')),
        started_by uuid REFERENCES users (id) ON DELETE SET NULL,
        accounts_total integer NOT NULL DEFAULT 0,
        invoices_created integer NOT NULL DEFAULT 0,
        to_charge integer NOT NULL DEFAULT 0,
        charged integer NOT NULL DEFAULT 0,
        failed integer NOT NULL DEFAULT 0,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        priced_at timestamptz,
        finished_at timestamptz
      )`);
    await q.query(`CREATE INDEX billing_runs_started_at_idx ON billing_runs (started_at DESC)`);
    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
        kind varchar(20) NOT NULL CHECK (kind IN ('initial', 'monthly', 'option_start', 'final', 'credit_note')),
        -- the month billed, 'YYYY-MM' (Japan): the fee's month; overage lines name their own month
        period char(7) NOT NULL,
        issuer_name varchar(100) NOT NULL,
        issuer_registration_number char(14) NOT NULL,
        number integer NOT NULL,
        issue_date date NOT NULL,
        total integer NOT NULL CHECK (total >= 0),
        tax_rate_percent smallint NOT NULL DEFAULT 10,
        tax_amount integer NOT NULL CHECK (tax_amount >= 0),
        status varchar(20) NOT NULL CHECK (status IN ('unpaid', 'paid', 'retrying', 'failed', 'credited', 'issued')),
        corrects_invoice_id uuid REFERENCES invoices (id) ON DELETE RESTRICT,
        reason text,
        run_id uuid REFERENCES billing_runs (id) ON DELETE SET NULL,
        -- the first charge may not happen before this (R2.4: issued on the 1st, charged on the 2nd)
        charge_after timestamptz NOT NULL DEFAULT now(),
        attempts smallint NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        paid_at timestamptz,
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT invoices_credit_note_ref CHECK ((kind = 'credit_note') = (corrects_invoice_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX invoices_account_period_kind_key ON invoices (account_id, period, kind) WHERE kind <> 'credit_note'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX invoices_issuer_number_key ON invoices (issuer_registration_number, number)`,
    );
    await q.query(
      `CREATE INDEX invoices_account_created_idx ON invoices (account_id, issue_date DESC, number DESC)`,
    );
    await q.query(
      `CREATE INDEX invoices_corrects_idx ON invoices (corrects_invoice_id) WHERE corrects_invoice_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX invoices_due_idx ON invoices (next_attempt_at) WHERE status IN ('unpaid', 'retrying')`,
    );
    await q.query(`CREATE INDEX invoices_run_idx ON invoices (run_id) WHERE run_id IS NOT NULL`);
    await q.query(
      `CREATE INDEX invoices_uncharged_idx ON invoices (period, kind) WHERE status = 'unpaid' AND attempts = 0`,
    );
    await q.query(`
      CREATE TABLE invoice_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        position smallint NOT NULL,
        item_code varchar(40),
        description varchar(200) NOT NULL,
        quantity integer NOT NULL CHECK (quantity >= 0),
        unit_price integer NOT NULL,
        amount integer NOT NULL,
        tax_rate_percent smallint NOT NULL DEFAULT 10,
        CONSTRAINT invoice_lines_amount CHECK (amount = quantity * unit_price),
        CONSTRAINT invoice_lines_position_key UNIQUE (invoice_id, position)
      )`);
    await q.query(`
      CREATE TABLE payment_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        attempt_no smallint NOT NULL,
        idempotency_key varchar(255) NOT NULL UNIQUE,
        amount integer NOT NULL,
        trigger varchar(20) NOT NULL CHECK (trigger IN ('run', 'initial', 'retry', 'card_changed', 'staff')),
        status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'declined', 'error')),
        provider_payment_id varchar(255),
        failure_code varchar(100),
        failure_message text,
        started_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        CONSTRAINT payment_attempts_invoice_attempt_key UNIQUE (invoice_id, attempt_no)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX payment_attempts_one_pending_key ON payment_attempts (invoice_id) WHERE status = 'pending'`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE payment_attempts`);
    await q.query(`DROP TABLE invoice_lines`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE billing_runs`);
    await q.query(`DROP TABLE invoice_number_counters`);
  }
}
