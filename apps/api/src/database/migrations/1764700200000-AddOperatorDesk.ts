import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The operators' desk (R3.4, issue 14): calls are offered to one available operator at a time and
 * answered by voice. A call gains the `offered` state and what the desk needs to route it (VIP,
 * when the caller is really in Twilio's queue, the current offer) and what the wallboard reports
 * (answered or abandoned, the wait). Each operator has one desk row (their state survives reloads
 * and restarts), and every step of a call is kept in `call_events` for the wallboard and audits.
 */
export class AddOperatorDesk1764700200000 implements MigrationInterface {
  name = 'AddOperatorDesk1764700200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP CONSTRAINT IF EXISTS calls_state_check`);
    await q.query(`
      ALTER TABLE calls
        ADD CONSTRAINT calls_state_check CHECK (state IN ('waiting', 'offered', 'claimed', 'ended',
          'rejected_out_of_hours', 'rejected_blocked', 'rejected_not_in_service')),
        -- Twilio's queue and the moment the caller was seen in it (its waitUrl was requested):
        -- only then can the call be dequeued, so only then is it offered.
        ADD COLUMN queue_sid varchar(64),
        ADD COLUMN queued_at timestamptz,
        -- R8.1: the caller is a VIP in the customer's address book; VIP calls are offered first.
        ADD COLUMN vip boolean NOT NULL DEFAULT false,
        ADD COLUMN offered_to uuid REFERENCES users (id),
        ADD COLUMN offer_id uuid,
        ADD COLUMN offered_at timestamptz,
        -- the operator who missed the last offer: the next offer goes to someone else when possible
        ADD COLUMN last_offered_to uuid,
        ADD COLUMN offer_count integer NOT NULL DEFAULT 0,
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN operator_leg_sid varchar(64),
        ADD COLUMN on_hold boolean NOT NULL DEFAULT false,
        -- answered | abandoned (the caller hung up before an operator answered)
        ADD COLUMN outcome varchar(20) CHECK (outcome IN ('answered', 'abandoned')),
        ADD COLUMN wait_seconds numeric(10, 3) CHECK (wait_seconds >= 0),
        ADD CONSTRAINT calls_offered_has_operator CHECK (state <> 'offered' OR (offered_to IS NOT NULL AND offer_id IS NOT NULL))`);
    await q.query(`DROP INDEX calls_waiting_idx`);
    await q.query(
      `CREATE INDEX calls_waiting_idx ON calls (vip DESC, started_at, id) WHERE state = 'waiting'`,
    );
    await q.query(`CREATE INDEX calls_offered_idx ON calls (offered_at) WHERE state = 'offered'`);
    await q.query(`CREATE INDEX calls_started_at_idx ON calls (started_at) WHERE account_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE operator_desks (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        -- chosen: available | break | away | offline; the desk's own: offered | on_call | wrap_up
        status varchar(20) NOT NULL DEFAULT 'offline' CHECK (status IN
          ('offline', 'available', 'break', 'away', 'offered', 'on_call', 'wrap_up')),
        status_since timestamptz NOT NULL DEFAULT now(),
        -- when the operator last became free: the longest idle gets the next call
        idle_since timestamptz NOT NULL DEFAULT now(),
        -- what wrap-up returns to (the operator may ask for a break during a call)
        after_call varchar(20) NOT NULL DEFAULT 'available' CHECK (after_call IN ('available', 'break', 'away')),
        current_call_id uuid REFERENCES calls (id),
        wrap_up_until timestamptz,
        missed_offers integer NOT NULL DEFAULT 0,
        -- the last sign of an open console (its live stream); stale means unreachable
        seen_at timestamptz,
        CONSTRAINT operator_desks_busy_has_call CHECK (status NOT IN ('offered', 'on_call') OR current_call_id IS NOT NULL)
      )`);
    await q.query(
      `CREATE INDEX operator_desks_available_idx ON operator_desks (idle_since) WHERE status = 'available'`,
    );

    await q.query(`
      CREATE TABLE call_events (
        id bigserial PRIMARY KEY,
        call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        operator_id uuid,
        type varchar(30) NOT NULL,
        at timestamptz NOT NULL DEFAULT now(),
        detail jsonb
      )`);
    await q.query(`CREATE INDEX call_events_call_idx ON call_events (call_id, id)`);
    await q.query(`CREATE INDEX call_events_at_idx ON call_events (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE call_events`);
    await q.query(`DROP TABLE operator_desks`);
    await q.query(`DROP INDEX calls_started_at_idx`);
    await q.query(`DROP INDEX calls_offered_idx`);
    await q.query(`DROP INDEX calls_waiting_idx`);
    await q.query(`CREATE INDEX calls_waiting_idx ON calls (started_at, id) WHERE state = 'waiting'`);
    await q.query(`UPDATE calls SET state = 'waiting' WHERE state = 'offered'`);
    await q.query(`
      ALTER TABLE calls
        DROP CONSTRAINT calls_offered_has_operator,
        DROP COLUMN wait_seconds, DROP COLUMN outcome, DROP COLUMN on_hold, DROP COLUMN operator_leg_sid,
        DROP COLUMN answered_at, DROP COLUMN offer_count, DROP COLUMN last_offered_to, DROP COLUMN offered_at,
        DROP COLUMN offer_id, DROP COLUMN offered_to, DROP COLUMN vip, DROP COLUMN queued_at, DROP COLUMN queue_sid,
        DROP CONSTRAINT calls_state_check,
        ADD CONSTRAINT calls_state_check CHECK (state IN ('waiting', 'claimed', 'ended',
          'rejected_out_of_hours', 'rejected_blocked', 'rejected_not_in_service'))`);
  }
}
