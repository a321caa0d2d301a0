import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Crypto-shredding at the end of retention. Written by hand.
 * - `clients.shredded_at`: when her data key was destroyed and her free text cleared; her
 *   cases and contacts stay as codes and dates for the statistics, out of every staff view.
 * - `line_inbox.line_user_id`: whose webhook event it was, so shredding her empties its payload.
 * - The encrypted columns a shredded record empties become nullable, and so do processed LINE
 *   inbox payloads (emptied after a while, see LineInboxPurge).
 * - Tasks: one per source, stage and person, so every supervisor of a unit gets the retention reminder.
 */
export class Shredding1795673000000 implements MigrationInterface {
  name = 'Shredding1795673000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "clients" ADD "shredded_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "clients" ALTER COLUMN "name_enc" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "client_children" ALTER COLUMN "name_enc" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "placements" ALTER COLUMN "reason_enc" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "referrals" ALTER COLUMN "message_enc" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "line_users" ALTER COLUMN "user_id_enc" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "line_users" ALTER COLUMN "user_id_bidx" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "line_inbox" ALTER COLUMN "payload_enc" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "line_inbox" ADD "line_user_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_line_inbox_line_user" ON "line_inbox" ("line_user_id") WHERE "line_user_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "IDX_line_inbox_purge" ON "line_inbox" ("processed_at") WHERE "payload_enc" IS NOT NULL AND "processed_at" IS NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."UQ_tasks_source_stage"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_tasks_source_stage_user" ON "tasks" ("source_id", "stage", "user_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_tasks_source_stage_user"`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_tasks_source_stage" ON "tasks" ("source_id", "stage")`);
    await queryRunner.query(`DROP INDEX "public"."IDX_line_inbox_purge"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_line_inbox_line_user"`);
    await queryRunner.query(`ALTER TABLE "line_inbox" DROP COLUMN "line_user_id"`);
    // Shredded rows can't be made whole again: going down refuses while any exist.
    await queryRunner.query(`ALTER TABLE "line_inbox" ALTER COLUMN "payload_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "line_users" ALTER COLUMN "user_id_bidx" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "line_users" ALTER COLUMN "user_id_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "referrals" ALTER COLUMN "message_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "placements" ALTER COLUMN "reason_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "client_children" ALTER COLUMN "name_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "clients" ALTER COLUMN "name_enc" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "clients" DROP COLUMN "shredded_at"`);
  }
}
