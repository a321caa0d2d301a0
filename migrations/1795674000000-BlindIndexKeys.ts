import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Blind-index key rotation: each client and LINE user records the id of the key its indexes were
 * computed with. Existing rows keep NULL — "before ids were recorded", computed with the key
 * that was TSUNAGU_BLIND_INDEX_KEY then — which a rotation treats as not current and recomputes.
 * A LINE user whose data key was destroyed loses its index, so user_id_bidx may now be NULL.
 * Written by hand.
 */
export class BlindIndexKeys1795674000000 implements MigrationInterface {
  name = 'BlindIndexKeys1795674000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" ADD "bidx_key_id" text`);
    await queryRunner.query(`ALTER TABLE "line_users" ADD "bidx_key_id" text`);
    await queryRunner.query(`ALTER TABLE "line_users" ALTER COLUMN "user_id_bidx" DROP NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    // Fails while a LINE user has no index (its data key destroyed): that cannot be undone.
    await queryRunner.query(`ALTER TABLE "line_users" ALTER COLUMN "user_id_bidx" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "line_users" DROP COLUMN "bidx_key_id"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "bidx_key_id"`);
  }
}
