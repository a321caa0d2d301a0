import { MigrationInterface, QueryRunner } from 'typeorm';

/** Statistics runs, the anonymized monthly counts they compute, and aggregate entries (reviewed: generated from the entities). */
export class Statistics1795646519505 implements MigrationInterface {
  name = 'Statistics1795646519505';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "statistics_runs" ("id" uuid NOT NULL, "period" text NOT NULL, "status" text NOT NULL, "progress" integer NOT NULL, "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "error_code" text, CONSTRAINT "PK_statistics_runs" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_statistics_runs_period" ON "statistics_runs"  ("period", "status") `);
    await queryRunner.query(`CREATE TABLE "monthly_statistics" ("run_id" uuid NOT NULL, "program_code" text NOT NULL, "metric" text NOT NULL, "dimension" text NOT NULL, "key" text NOT NULL, "period" text NOT NULL, "value" bigint NOT NULL, CONSTRAINT "PK_monthly_statistics" PRIMARY KEY ("run_id", "program_code", "metric", "dimension", "key"))`);
    await queryRunner.query(`CREATE INDEX "IDX_monthly_statistics_period" ON "monthly_statistics"  ("period", "program_code", "metric") `);
    await queryRunner.query(`CREATE TABLE "statistics_aggregate_entries" ("id" uuid NOT NULL, "period" text NOT NULL, "program_code" text NOT NULL, "metric" text NOT NULL, "value" integer NOT NULL, "source" text NOT NULL, "entered_by" uuid NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_statistics_aggregate_entries" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_statistics_aggregate_entries" ON "statistics_aggregate_entries"  ("period", "program_code", "metric") `);
    await queryRunner.query(`ALTER TABLE "statistics_runs" ADD CONSTRAINT "FK_statistics_runs_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "monthly_statistics" ADD CONSTRAINT "FK_monthly_statistics_run" FOREIGN KEY ("run_id") REFERENCES "statistics_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statistics_aggregate_entries" ADD CONSTRAINT "FK_statistics_aggregate_entries_entered_by" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "statistics_aggregate_entries" DROP CONSTRAINT "FK_statistics_aggregate_entries_entered_by"`);
    await queryRunner.query(`ALTER TABLE "monthly_statistics" DROP CONSTRAINT "FK_monthly_statistics_run"`);
    await queryRunner.query(`ALTER TABLE "statistics_runs" DROP CONSTRAINT "FK_statistics_runs_requested_by"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_statistics_aggregate_entries"`);
    await queryRunner.query(`DROP TABLE "statistics_aggregate_entries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_monthly_statistics_period"`);
    await queryRunner.query(`DROP TABLE "monthly_statistics"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_statistics_runs_period"`);
    await queryRunner.query(`DROP TABLE "statistics_runs"`);
  }
}
