import { MigrationInterface, QueryRunner } from 'typeorm';

/** Facilities (secret address and phone encrypted), placements in them, 緊急移送 and facilities' monthly reports (reviewed: generated from the entities; checks keep counts and dates sane). */
export class Facilities1795643293025 implements MigrationInterface {
  name = 'Facilities1795643293025';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "facilities" ("id" uuid NOT NULL, "kind" text NOT NULL, "name" text NOT NULL, "operator" text, "capacity" integer NOT NULL, "in_city" boolean NOT NULL, "status" text NOT NULL, "suspended_since" date, "data_key_id" uuid NOT NULL, "address_enc" text, "phone_enc" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "CHK_facilities_capacity" CHECK ("capacity" >= 0), CONSTRAINT "PK_facilities" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_facilities_name" ON "facilities"  ("name") `);
    await queryRunner.query(`CREATE TABLE "placements" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "facility_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "adults" integer NOT NULL, "children" integer NOT NULL, "child_age_bands" text array NOT NULL, "planned_start" date NOT NULL, "expected_delivery_on" date, "reason_enc" text NOT NULL, "requested_by" uuid NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note_enc" text, "capacity_override" boolean NOT NULL DEFAULT false, "admitted_on" date, "ended_on" date, "outcome" text, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "CHK_placements_dates" CHECK ("ended_on" IS NULL OR "ended_on" >= "admitted_on"), CONSTRAINT "CHK_placements_counts" CHECK ("adults" >= 0 AND "children" >= 0 AND cardinality("child_age_bands") = "children"), CONSTRAINT "PK_placements" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_placements_unit_status" ON "placements"  ("unit_id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_placements_facility_status" ON "placements"  ("facility_id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_placements_case" ON "placements"  ("case_id") `);
    await queryRunner.query(`CREATE TABLE "facility_monthly_reports" ("facility_id" uuid NOT NULL, "month" text NOT NULL, "households" integer NOT NULL, "exits" integer NOT NULL, "entered_by" uuid NOT NULL, "entered_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "CHK_facility_monthly_reports_counts" CHECK ("households" >= 0 AND "exits" >= 0), CONSTRAINT "PK_facility_monthly_reports" PRIMARY KEY ("facility_id", "month"))`);
    await queryRunner.query(`CREATE TABLE "transports" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "transported_on" date NOT NULL, "from_place" text NOT NULL, "to_place" text NOT NULL, "escorts" integer NOT NULL, "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_transports_escorts" CHECK ("escorts" >= 0), CONSTRAINT "PK_transports" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_transports_date" ON "transports"  ("transported_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_transports_case" ON "transports"  ("case_id") `);
    await queryRunner.query(`ALTER TABLE "facilities" ADD CONSTRAINT "FK_facilities_data_key" FOREIGN KEY ("data_key_id") REFERENCES "data_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "placements" ADD CONSTRAINT "FK_placements_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "placements" ADD CONSTRAINT "FK_placements_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "placements" ADD CONSTRAINT "FK_placements_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "placements" ADD CONSTRAINT "FK_placements_requested_by" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "placements" ADD CONSTRAINT "FK_placements_decided_by" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "facility_monthly_reports" ADD CONSTRAINT "FK_facility_monthly_reports_facility" FOREIGN KEY ("facility_id") REFERENCES "facilities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "facility_monthly_reports" ADD CONSTRAINT "FK_facility_monthly_reports_entered_by" FOREIGN KEY ("entered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "transports" ADD CONSTRAINT "FK_transports_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "transports" ADD CONSTRAINT "FK_transports_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transports" DROP CONSTRAINT "FK_transports_created_by"`);
    await queryRunner.query(`ALTER TABLE "transports" DROP CONSTRAINT "FK_transports_case"`);
    await queryRunner.query(`ALTER TABLE "facility_monthly_reports" DROP CONSTRAINT "FK_facility_monthly_reports_entered_by"`);
    await queryRunner.query(`ALTER TABLE "facility_monthly_reports" DROP CONSTRAINT "FK_facility_monthly_reports_facility"`);
    await queryRunner.query(`ALTER TABLE "placements" DROP CONSTRAINT "FK_placements_decided_by"`);
    await queryRunner.query(`ALTER TABLE "placements" DROP CONSTRAINT "FK_placements_requested_by"`);
    await queryRunner.query(`ALTER TABLE "placements" DROP CONSTRAINT "FK_placements_facility"`);
    await queryRunner.query(`ALTER TABLE "placements" DROP CONSTRAINT "FK_placements_unit"`);
    await queryRunner.query(`ALTER TABLE "placements" DROP CONSTRAINT "FK_placements_case"`);
    await queryRunner.query(`ALTER TABLE "facilities" DROP CONSTRAINT "FK_facilities_data_key"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_transports_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_transports_date"`);
    await queryRunner.query(`DROP TABLE "transports"`);
    await queryRunner.query(`DROP TABLE "facility_monthly_reports"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_placements_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_placements_facility_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_placements_unit_status"`);
    await queryRunner.query(`DROP TABLE "placements"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_facilities_name"`);
    await queryRunner.query(`DROP TABLE "facilities"`);
  }
}
