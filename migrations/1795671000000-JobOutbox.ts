import { MigrationInterface, QueryRunner } from 'typeorm';

/** Jobs enqueued while Redis was unreachable, until the relay hands them over. Written by hand. */
export class JobOutbox1795671000000 implements MigrationInterface {
  name = 'JobOutbox1795671000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "job_outbox" ("job_id" text NOT NULL, "job_name" text NOT NULL, "payload" jsonb NOT NULL, "options" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_job_outbox" PRIMARY KEY ("job_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_job_outbox_created" ON "job_outbox" ("created_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_job_outbox_created"`);
    await queryRunner.query(`DROP TABLE "job_outbox"`);
  }
}
