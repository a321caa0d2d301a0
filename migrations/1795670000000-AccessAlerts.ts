import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Insider-misuse alerts (libs/alerts): one row per rule, staff member and day or week. Ids and
 * counts only. Written by hand.
 */
export class AccessAlerts1795670000000 implements MigrationInterface {
  name = 'AccessAlerts1795670000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "access_alerts" ("id" uuid NOT NULL, "rule" text NOT NULL, "actor_id" uuid NOT NULL, "actor_unit_id" uuid, "period" text NOT NULL, "observed" integer NOT NULL, "threshold" integer NOT NULL, "first_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'open', "acknowledged_by" uuid, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "note" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_access_alerts_rule_actor_period" UNIQUE ("rule", "actor_id", "period"), CONSTRAINT "CHK_access_alerts_status" CHECK (status IN ('open', 'acknowledged')), CONSTRAINT "PK_access_alerts" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_access_alerts_unit_status" ON "access_alerts" ("actor_unit_id", "status", "last_at") `);
    // Scans read the recent trail by time.
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_occurred" ON "audit_events" ("occurred_at") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_occurred"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_access_alerts_unit_status"`);
    await queryRunner.query(`DROP TABLE "access_alerts"`);
  }
}
