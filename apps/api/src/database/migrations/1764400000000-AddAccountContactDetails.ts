import { MigrationInterface, QueryRunner } from 'typeorm';

/** R1.7: the contact details a customer keeps up to date (all optional until they fill them in). */
export class AddAccountContactDetails1764400000000 implements MigrationInterface {
  name = 'AddAccountContactDetails1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts
        ADD COLUMN contact_phone varchar(20),
        ADD COLUMN postal_code char(8),
        ADD COLUMN address varchar(200)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE accounts
        DROP COLUMN address,
        DROP COLUMN postal_code,
        DROP COLUMN contact_phone`);
  }
}
