import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R3.3–R3.6, R4.9: incoming calls (one row per Twilio CallSid, whatever became of it), the
 * platform's reception schedule (one current row), and each customer's blocklist of callers.
 */
export class CreateCallsAndReceptionSchedule1764700000000 implements MigrationInterface {
  name = 'CreateCallsAndReceptionSchedule1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_sid varchar(64) NOT NULL,
        -- null when the number called is not one we issued (not in service)
        account_id uuid REFERENCES accounts (id),
        phone_number_id uuid REFERENCES phone_numbers (id),
        -- E.164; null for an anonymous (非通知) or unparsable caller id
        from_e164 varchar(16),
        -- the number called, as Twilio sent it (E.164 for our numbers)
        to_number varchar(64) NOT NULL,
        state varchar(30) NOT NULL CHECK (state IN ('waiting', 'claimed', 'ended',
          'rejected_out_of_hours', 'rejected_blocked', 'rejected_not_in_service')),
        started_at timestamptz NOT NULL DEFAULT now(),
        claimed_by uuid REFERENCES users (id),
        claimed_at timestamptz,
        ended_at timestamptz,
        end_status varchar(20) CHECK (end_status IN ('completed', 'busy', 'no-answer', 'canceled', 'failed')),
        duration_seconds integer CHECK (duration_seconds >= 0),
        CONSTRAINT calls_claimed_has_operator
          CHECK ((claimed_by IS NULL) = (claimed_at IS NULL)),
        CONSTRAINT calls_claimed_state
          CHECK (state <> 'claimed' OR claimed_by IS NOT NULL),
        CONSTRAINT calls_queued_has_account
          CHECK (state IN ('rejected_not_in_service') OR account_id IS NOT NULL)
      )`);
    // Idempotency per Twilio CallSid: a retried webhook finds its row (INSERT … ON CONFLICT).
    await q.query(`CREATE UNIQUE INDEX calls_call_sid_key ON calls (call_sid)`);
    // The operators' live queue: only waiting calls, oldest first.
    await q.query(`CREATE INDEX calls_waiting_idx ON calls (started_at, id) WHERE state = 'waiting'`);
    await q.query(
      `CREATE INDEX calls_claimed_by_idx ON calls (claimed_by, claimed_at) WHERE state = 'claimed'`,
    );
    await q.query(`CREATE INDEX calls_account_started_idx ON calls (account_id, started_at DESC)`);

    await q.query(`
      CREATE TABLE reception_schedule (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        -- seven entries, Monday first: {"open": "09:00", "close": "18:00"} or null (closed)
        weekly jsonb NOT NULL CHECK (jsonb_typeof(weekly) = 'array' AND jsonb_array_length(weekly) = 7),
        closed_dates date[] NOT NULL DEFAULT '{}',
        closed_on_public_holidays boolean NOT NULL DEFAULT true,
        closed_year_end boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users (id) ON DELETE SET NULL
      )`);
    // R3.5 [decided]: weekdays 09:00–18:00 Japan time, closed on public holidays and 29 Dec–3 Jan.
    await q.query(`
      INSERT INTO reception_schedule (id, weekly) VALUES (1, '[
        {"open": "09:00", "close": "18:00"}, {"open": "09:00", "close": "18:00"},
        {"open": "09:00", "close": "18:00"}, {"open": "09:00", "close": "18:00"},
        {"open": "09:00", "close": "18:00"}, null, null]'::jsonb)`);

    await q.query(`
      CREATE TABLE caller_blocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        e164 varchar(16) NOT NULL CHECK (e164 ~ '^\\+[1-9][0-9]{6,14}$'),
        note varchar(200),
        created_by uuid REFERENCES users (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now())
      )`);
    await q.query(`CREATE UNIQUE INDEX caller_blocks_account_e164_key ON caller_blocks (account_id, e164)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE caller_blocks`);
    await q.query(`DROP TABLE reception_schedule`);
    await q.query(`DROP TABLE calls`);
  }
}
