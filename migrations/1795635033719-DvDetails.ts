import { MigrationInterface, QueryRunner } from 'typeorm';

/** DV details, 保護命令, DV等支援措置 terms, risk assessments and reminder tasks (reviewed: generated from the entities). */
export class DvDetails1795635033719 implements MigrationInterface {
  name = 'DvDetails1795635033719';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "support_measures" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "renews_id" uuid, "applied_on" date NOT NULL, "opinion_given_on" date, "received_on" date, "accepted_on" date, "starts_on" date NOT NULL, "expires_on" date NOT NULL, "status" text NOT NULL, "end_reason" text, "ended_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_support_measures" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_support_measures_expiry" ON "support_measures"  ("status", "expires_on") `);
    await queryRunner.query(`CREATE INDEX "IDX_support_measures_case" ON "support_measures"  ("case_id") `);
    await queryRunner.query(`CREATE TABLE "case_dv" ("case_id" uuid NOT NULL, "relation" text NOT NULL, "violence_types" text array NOT NULL, "children_exposed" boolean NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_case_dv" PRIMARY KEY ("case_id"))`);
    await queryRunner.query(`CREATE TABLE "protection_orders" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "approach_ban_id" uuid, "home_solely_hers" boolean NOT NULL DEFAULT false, "filed_on" date, "issued_on" date, "expires_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_protection_orders" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_protection_orders_case" ON "protection_orders"  ("case_id") `);
    await queryRunner.query(`CREATE TABLE "risk_assessments" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "assessed_on" date NOT NULL, "assessor_id" uuid NOT NULL, "checked_items" text array NOT NULL, "level" text NOT NULL, "note_enc" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_risk_assessments" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_risk_assessments_case" ON "risk_assessments"  ("case_id", "assessed_on") `);
    await queryRunner.query(`CREATE TABLE "tasks" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "case_id" uuid NOT NULL, "kind" text NOT NULL, "stage" text NOT NULL, "source_id" uuid NOT NULL, "due_on" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_tasks" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_tasks_user_open" ON "tasks"  ("user_id", "done_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_tasks_source_stage" ON "tasks"  ("source_id", "stage") `);
    await queryRunner.query(`ALTER TABLE "support_measures" ADD CONSTRAINT "FK_support_measures_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "support_measures" ADD CONSTRAINT "FK_support_measures_renews" FOREIGN KEY ("renews_id") REFERENCES "support_measures"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "case_dv" ADD CONSTRAINT "FK_case_dv_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "protection_orders" ADD CONSTRAINT "FK_protection_orders_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "protection_orders" ADD CONSTRAINT "FK_protection_orders_approach_ban" FOREIGN KEY ("approach_ban_id") REFERENCES "protection_orders"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_assessments" ADD CONSTRAINT "FK_risk_assessments_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "risk_assessments" ADD CONSTRAINT "FK_risk_assessments_assessor" FOREIGN KEY ("assessor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_tasks_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "tasks" ADD CONSTRAINT "FK_tasks_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_tasks_case"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_tasks_user"`);
    await queryRunner.query(`ALTER TABLE "risk_assessments" DROP CONSTRAINT "FK_risk_assessments_assessor"`);
    await queryRunner.query(`ALTER TABLE "risk_assessments" DROP CONSTRAINT "FK_risk_assessments_case"`);
    await queryRunner.query(`ALTER TABLE "protection_orders" DROP CONSTRAINT "FK_protection_orders_approach_ban"`);
    await queryRunner.query(`ALTER TABLE "protection_orders" DROP CONSTRAINT "FK_protection_orders_case"`);
    await queryRunner.query(`ALTER TABLE "case_dv" DROP CONSTRAINT "FK_case_dv_case"`);
    await queryRunner.query(`ALTER TABLE "support_measures" DROP CONSTRAINT "FK_support_measures_renews"`);
    await queryRunner.query(`ALTER TABLE "support_measures" DROP CONSTRAINT "FK_support_measures_case"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_tasks_source_stage"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_tasks_user_open"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_risk_assessments_case"`);
    await queryRunner.query(`DROP TABLE "risk_assessments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_protection_orders_case"`);
    await queryRunner.query(`DROP TABLE "protection_orders"`);
    await queryRunner.query(`DROP TABLE "case_dv"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_support_measures_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_support_measures_expiry"`);
    await queryRunner.query(`DROP TABLE "support_measures"`);
  }
}
