import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics runs, the anonymized monthly counts they compute, aggregate entries, public releases, and
 * the triggers that mark a computed month stale when its case data changes (reviewed: generated
 * from the entities, plus the triggers below).
 */
export class Statistics1795648233047 implements MigrationInterface {
  name = 'Statistics1795648233047';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "statistics_runs" ("id" uuid NOT NULL, "period" text NOT NULL, "status" text NOT NULL, "progress" integer NOT NULL, "requested_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "error_code" text, CONSTRAINT "PK_statistics_runs" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_statistics_runs_period" ON "statistics_runs"  ("period", "status") `);
    await queryRunner.query(`CREATE TABLE "monthly_statistics" ("run_id" uuid NOT NULL, "program_code" text NOT NULL, "metric" text NOT NULL, "dimension" text NOT NULL, "key" text NOT NULL, "period" text NOT NULL, "value" bigint NOT NULL, CONSTRAINT "PK_monthly_statistics" PRIMARY KEY ("run_id", "program_code", "metric", "dimension", "key"))`);
    await queryRunner.query(`CREATE INDEX "IDX_monthly_statistics_period" ON "monthly_statistics"  ("period", "program_code", "metric") `);
    await queryRunner.query(`CREATE TABLE "statistics_aggregate_entries" ("id" uuid NOT NULL, "period" text NOT NULL, "program_code" text NOT NULL, "metric" text NOT NULL, "value" integer NOT NULL, "source" text NOT NULL, "entered_by" uuid NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_statistics_aggregate_entries" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_statistics_aggregate_entries" ON "statistics_aggregate_entries"  ("period", "program_code", "metric") `);
    await queryRunner.query(`CREATE TABLE "statistics_stale_months" ("period" text NOT NULL, "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_statistics_stale_months" PRIMARY KEY ("period"))`);
    await queryRunner.query(`CREATE TABLE "statistics_releases" ("id" uuid NOT NULL, "fiscal_year" integer NOT NULL, "up_to_month" text NOT NULL, "k" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_statistics_releases" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_statistics_releases_year" ON "statistics_releases"  ("fiscal_year", "created_at") `);
    await queryRunner.query(`CREATE TABLE "statistics_release_cells" ("release_id" uuid NOT NULL, "period" text NOT NULL, "program_code" text NOT NULL, "metric" text NOT NULL, "dimension" text NOT NULL, "key" text NOT NULL, "value" integer NOT NULL, "shown" boolean NOT NULL, CONSTRAINT "PK_statistics_release_cells" PRIMARY KEY ("release_id", "period", "program_code", "metric", "dimension", "key"))`);
    await queryRunner.query(`ALTER TABLE "statistics_runs" ADD CONSTRAINT "FK_statistics_runs_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "monthly_statistics" ADD CONSTRAINT "FK_monthly_statistics_run" FOREIGN KEY ("run_id") REFERENCES "statistics_runs"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statistics_aggregate_entries" ADD CONSTRAINT "FK_statistics_aggregate_entries_entered_by" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statistics_releases" ADD CONSTRAINT "FK_statistics_releases_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "statistics_release_cells" ADD CONSTRAINT "FK_statistics_release_cells_release" FOREIGN KEY ("release_id") REFERENCES "statistics_releases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Any change to a counted row marks its month (JST) stale, before and after the change.
    await queryRunner.query(`
      CREATE FUNCTION tsunagu_mark_statistics_stale() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        col text := TG_ARGV[0];
        kind text := TG_ARGV[1];
        value text;
        rec jsonb;
      BEGIN
        FOREACH rec IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END, CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END] LOOP
          CONTINUE WHEN rec IS NULL;
          value := rec ->> col;
          CONTINUE WHEN value IS NULL;
          INSERT INTO statistics_stale_months (period, marked_at)
          VALUES (CASE WHEN kind = 'date' THEN left(value, 7) ELSE to_char(value::timestamptz AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM') END, now())
          ON CONFLICT (period) DO NOTHING;
        END LOOP;
        RETURN NULL;
      END
      $$`);
    const counted: [string, string, 'date' | 'timestamptz'][] = [
      ['contacts', 'started_at', 'timestamptz'],
      ['cases', 'opened_on', 'date'],
      ['cases', 'closed_on', 'date'],
      ['placements', 'admitted_on', 'date'],
      ['placements', 'ended_on', 'date'],
      ['transports', 'transported_on', 'date'],
      ['provisions', 'provided_on', 'date'],
      ['line_conversations', 'started_at', 'timestamptz'],
      ['line_follow_events', 'occurred_at', 'timestamptz'],
      ['referrals', 'decided_at', 'timestamptz'],
    ];
    for (const [table, column, kind] of counted) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_${column}_statistics_stale" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION tsunagu_mark_statistics_stale('${column}', '${kind}')`,
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of [['contacts', 'started_at'], ['cases', 'opened_on'], ['cases', 'closed_on'], ['placements', 'admitted_on'], ['placements', 'ended_on'], ['transports', 'transported_on'], ['provisions', 'provided_on'], ['line_conversations', 'started_at'], ['line_follow_events', 'occurred_at'], ['referrals', 'decided_at']]) {
      await queryRunner.query(`DROP TRIGGER "${table}_${column}_statistics_stale" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION tsunagu_mark_statistics_stale()`);
    await queryRunner.query(`ALTER TABLE "statistics_release_cells" DROP CONSTRAINT "FK_statistics_release_cells_release"`);
    await queryRunner.query(`ALTER TABLE "statistics_releases" DROP CONSTRAINT "FK_statistics_releases_created_by"`);
    await queryRunner.query(`ALTER TABLE "statistics_aggregate_entries" DROP CONSTRAINT "FK_statistics_aggregate_entries_entered_by"`);
    await queryRunner.query(`ALTER TABLE "monthly_statistics" DROP CONSTRAINT "FK_monthly_statistics_run"`);
    await queryRunner.query(`ALTER TABLE "statistics_runs" DROP CONSTRAINT "FK_statistics_runs_requested_by"`);
    await queryRunner.query(`DROP TABLE "statistics_release_cells"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_statistics_releases_year"`);
    await queryRunner.query(`DROP TABLE "statistics_releases"`);
    await queryRunner.query(`DROP TABLE "statistics_stale_months"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_statistics_aggregate_entries"`);
    await queryRunner.query(`DROP TABLE "statistics_aggregate_entries"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_monthly_statistics_period"`);
    await queryRunner.query(`DROP TABLE "monthly_statistics"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_statistics_runs_period"`);
    await queryRunner.query(`DROP TABLE "statistics_runs"`);
  }
}
