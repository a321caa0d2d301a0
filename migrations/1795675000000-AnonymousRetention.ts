import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Retention of what belongs to no client: `line_users.shredded_at`, when a LINE user's key was
 * destroyed (with her client, or alone as an unlinked user past retention). The follower count
 * (友だち登録者数) of a month ending after that no longer counts her: her follow state is
 * unknown from then on. Written by hand.
 */
export class AnonymousRetention1795675000000 implements MigrationInterface {
  name = 'AnonymousRetention1795675000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "line_users" ADD "shredded_at" TIMESTAMP WITH TIME ZONE`);
    // LINE users already shredded with their client (their data key destroyed) take its time.
    await queryRunner.query(
      `UPDATE "line_users" u SET "shredded_at" = k."destroyed_at" FROM "data_keys" k WHERE k."id" = u."data_key_id" AND k."destroyed_at" IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_contacts_anonymous" ON "contacts" ("unit_id", "started_at") WHERE "case_id" IS NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_contacts_anonymous"`);
    await queryRunner.query(`ALTER TABLE "line_users" DROP COLUMN "shredded_at"`);
  }
}
