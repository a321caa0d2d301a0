import { MigrationInterface, QueryRunner } from 'typeorm';

/** Consents and interdepartmental referrals with their frozen disclosures and 支援措置意見 links (reviewed: generated from the entities). */
export class Referrals1795645513265 implements MigrationInterface {
  name = 'Referrals1795645513265';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "consents" ("id" uuid NOT NULL, "client_id" uuid NOT NULL, "obtained_on" date NOT NULL, "method" text NOT NULL, "obtained_by" uuid NOT NULL, "department_ids" uuid array NOT NULL, "fields" text array NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_consents" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_consents_client" ON "consents"  ("client_id") `);
    await queryRunner.query(`CREATE TABLE "referrals" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "client_id" uuid NOT NULL, "unit_id" uuid NOT NULL, "department_id" uuid NOT NULL, "purpose" text NOT NULL, "message_enc" text NOT NULL, "fields" text array NOT NULL, "summary_enc" text, "due_on" date NOT NULL, "support_measure_id" uuid, "opinion_given_on" date, "status" text NOT NULL, "author_id" uuid NOT NULL, "consent_id" uuid, "submitted_at" TIMESTAMP WITH TIME ZONE, "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "reject_reason_enc" text, "address_confirmed" boolean NOT NULL DEFAULT false, "disclosure_enc" text, "responded_by" uuid, "responded_at" TIMESTAMP WITH TIME ZONE, "response_comment_enc" text, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoke_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_referrals" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_referrals_department_status" ON "referrals"  ("department_id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_referrals_unit_status" ON "referrals"  ("unit_id", "status") `);
    await queryRunner.query(`CREATE INDEX "IDX_referrals_case" ON "referrals"  ("case_id") `);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_client" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_obtained_by" FOREIGN KEY ("obtained_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_client" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_support_measure" FOREIGN KEY ("support_measure_id") REFERENCES "support_measures"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_author" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_consent" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_consent"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_author"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_support_measure"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_department"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_unit"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_client"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_case"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_obtained_by"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_client"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_unit_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_department_status"`);
    await queryRunner.query(`DROP TABLE "referrals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_consents_client"`);
    await queryRunner.query(`DROP TABLE "consents"`);
  }
}
