import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * R1.3: identity documents (the file itself lives encrypted in document storage under a random
 * key; the row keeps the key, the detected type, size and digest) and the log of every read of a
 * document's file by staff.
 */
export class CreateIdentityDocuments1764500000000 implements MigrationInterface {
  name = 'CreateIdentityDocuments1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE identity_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        kind varchar(50) NOT NULL CHECK (kind IN (
          'drivers_licence', 'driving_history_certificate', 'health_insurance_card',
          'national_pension_book', 'my_number_card', 'passport', 'resident_register_card',
          'certificate_of_registered_matters', 'seal_registration_certificate')),
        status varchar(20) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        source varchar(10) NOT NULL CHECK (source IN ('upload', 'fax', 'mail')),
        storage_key varchar(64) NOT NULL,
        mime_type varchar(50) NOT NULL CHECK (mime_type IN ('application/pdf', 'image/jpeg', 'image/png')),
        size_bytes integer NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        original_filename varchar(255) NOT NULL,
        submitted_by_kind varchar(20) NOT NULL CHECK (submitted_by_kind IN ('customer', 'staff')),
        submitted_by_id uuid,
        submitted_by_name varchar(100),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_at timestamptz,
        decided_by_id uuid,
        decided_by_name varchar(100),
        rejection_reason varchar(500),
        CONSTRAINT identity_documents_decision CHECK ((status = 'pending') = (decided_at IS NULL)),
        CONSTRAINT identity_documents_rejection_reason
          CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX identity_documents_storage_key_key ON identity_documents (storage_key)`,
    );
    await q.query(
      `CREATE INDEX identity_documents_account_idx ON identity_documents (account_id, created_at DESC, id DESC)`,
    );
    // The review queue: pending documents, oldest first.
    await q.query(
      `CREATE INDEX identity_documents_pending_idx ON identity_documents (created_at, id) WHERE status = 'pending'`,
    );
    await q.query(`
      CREATE TABLE document_access_log (
        id bigserial PRIMARY KEY,
        document_id uuid NOT NULL REFERENCES identity_documents (id) ON DELETE CASCADE,
        account_id uuid NOT NULL,
        user_id uuid NOT NULL,
        user_name varchar(100),
        user_role varchar(20) NOT NULL,
        accessed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX document_access_log_document_idx ON document_access_log (document_id, accessed_at DESC, id DESC)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE document_access_log`);
    await q.query(`DROP TABLE identity_documents`);
  }
}
