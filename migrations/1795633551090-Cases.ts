import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consultations: programs and 主訴 code tables (seeded), clients with encrypted fields and
 * blind indexes, cases, contacts, break-glass grants. Generated from the entities, then the
 * seed rows added by hand. 主訴 codes marked unconfirmed are from DOMAIN.md's "likely" list.
 */
export class Cases1795633551090 implements MigrationInterface {
  name = 'Cases1795633551090';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "concerns" ("code" text NOT NULL, "name" text NOT NULL, "group_name" text NOT NULL, "confirmed" boolean NOT NULL DEFAULT false, "sort_order" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_concerns" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "programs" ("code" text NOT NULL, "name" text NOT NULL, "channels" text array NOT NULL, "counting_unit" text NOT NULL, "sort_order" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_programs" PRIMARY KEY ("code"))`);
    await queryRunner.query(`CREATE TABLE "clients" ("id" uuid NOT NULL, "unit_id" uuid NOT NULL, "data_key_id" uuid NOT NULL, "name_enc" text NOT NULL, "kana_enc" text, "birth_date_enc" text, "phone_enc" text, "address_enc" text, "notes_enc" text, "phone_bidx" character(64), "kana_bidx" character(64), "gender" text NOT NULL, "age_band" text NOT NULL, "address_protected" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" uuid NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_clients" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_clients_kana" ON "clients"  ("unit_id", "kana_bidx") `);
    await queryRunner.query(`CREATE INDEX "IDX_clients_phone" ON "clients"  ("unit_id", "phone_bidx") `);
    await queryRunner.query(`CREATE TABLE "cases" ("id" uuid NOT NULL, "case_number" text NOT NULL, "client_id" uuid NOT NULL, "program_code" text NOT NULL, "unit_id" uuid NOT NULL, "assigned_counselor_id" uuid, "status" text NOT NULL, "close_reason" text, "main_concerns" text array NOT NULL, "restricted" boolean NOT NULL DEFAULT false, "opened_on" date NOT NULL, "closed_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "UQ_e4b62fdecb8c5dfac7caf8c312e" UNIQUE ("case_number"), CONSTRAINT "PK_cases" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_cases_client" ON "cases"  ("client_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_cases_unit_opened" ON "cases"  ("unit_id", "opened_on", "id") `);
    await queryRunner.query(`CREATE TABLE "case_counters" ("fiscal_year" integer NOT NULL, "last_number" integer NOT NULL, CONSTRAINT "PK_case_counters" PRIMARY KEY ("fiscal_year"))`);
    await queryRunner.query(`CREATE TABLE "break_glass_grants" ("id" uuid NOT NULL, "case_id" uuid NOT NULL, "user_id" uuid NOT NULL, "reason" text NOT NULL, "granted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reviewed_at" TIMESTAMP WITH TIME ZONE, "reviewed_by" uuid, "review_note" text, CONSTRAINT "PK_break_glass_grants" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_break_glass_case_user" ON "break_glass_grants"  ("case_id", "user_id", "expires_at") `);
    await queryRunner.query(`CREATE TABLE "contacts" ("id" uuid NOT NULL, "case_id" uuid, "program_code" text NOT NULL, "unit_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_minutes" integer NOT NULL, "channel" text NOT NULL, "counselor_id" uuid NOT NULL, "main_concern" text NOT NULL, "other_concerns" text array NOT NULL, "dv_related" boolean NOT NULL, "data_key_id" uuid NOT NULL, "summary_enc" text, "next_action_enc" text, "follow_up_on" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_contacts" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_contacts_program_started" ON "contacts"  ("program_code", "started_at") `);
    await queryRunner.query(`CREATE INDEX "IDX_contacts_case" ON "contacts"  ("case_id", "started_at") `);
    await queryRunner.query(`ALTER TABLE "clients" ADD CONSTRAINT "FK_clients_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_client" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_program" FOREIGN KEY ("program_code") REFERENCES "programs"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_assignee" FOREIGN KEY ("assigned_counselor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" ADD CONSTRAINT "FK_break_glass_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" ADD CONSTRAINT "FK_break_glass_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "FK_contacts_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "FK_contacts_program" FOREIGN KEY ("program_code") REFERENCES "programs"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "FK_contacts_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "contacts" ADD CONSTRAINT "FK_contacts_counselor" FOREIGN KEY ("counselor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`
      INSERT INTO "programs" ("code", "name", "channels", "counting_unit", "sort_order") VALUES
        ('josei-soudan', '女性相談室', '{phone,visit,email,online,outreach}', 'contact', 10),
        ('dv-center', '配偶者暴力相談支援センター（DV相談）', '{phone,visit,email,online,outreach}', 'contact', 20),
        ('ashitaba-line', 'あしたば LINE相談', '{line}', 'session', 30),
        ('lgbtq-phone', 'LGBTQ電話相談', '{phone}', 'contact', 40),
        ('lgbtq-line', 'LGBTQ LINE相談', '{line}', 'session', 50),
        ('career-hoken', 'みんなのキャリアの保健室', '{visit,online,phone}', 'contact', 60)`);
    await queryRunner.query(`
      INSERT INTO "concerns" ("code", "name", "group_name", "confirmed", "sort_order") VALUES
        ('husband-violence', '夫等からの暴力', '人間関係', true, 10),
        ('husband-drugs', '夫等の薬物・酒乱', '人間関係', true, 20),
        ('husband-other', '夫等その他', '人間関係', true, 30),
        ('divorce', '離婚問題', '人間関係', true, 40),
        ('family-violence', '子・親・親族からの暴力', '人間関係', true, 50),
        ('family-other', '子・親・親族その他', '人間関係', false, 60),
        ('partner-violence', '交際相手等からの暴力', '人間関係', false, 70),
        ('partner-other', '交際相手等その他', '人間関係', false, 80),
        ('relationship', '男女問題', '人間関係', false, 90),
        ('forced-prostitution', '売春強要', '人間関係', false, 100),
        ('sexual-violence', '性被害', '人間関係', false, 110),
        ('stalking', 'ストーカー被害', '人間関係', false, 120),
        ('trafficking', '人身取引', '人間関係', false, 130),
        ('economic', '経済関係', '住居・経済問題', false, 140),
        ('housing', '住居問題', '住居・経済問題', false, 150),
        ('no-home', '帰住先なし', '住居・経済問題', false, 160),
        ('medical', '医療関係（精神的な相談を含む）', '心身の問題', true, 170),
        ('pregnancy', '妊娠・出産', '心身の問題', false, 180),
        ('other', 'その他', 'その他', false, 190)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_contacts_counselor"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_contacts_unit"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_contacts_program"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_contacts_case"`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" DROP CONSTRAINT "FK_break_glass_user"`);
    await queryRunner.query(`ALTER TABLE "break_glass_grants" DROP CONSTRAINT "FK_break_glass_case"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_assignee"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_unit"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_program"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_client"`);
    await queryRunner.query(`ALTER TABLE "clients" DROP CONSTRAINT "FK_clients_unit"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contacts_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contacts_program_started"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_break_glass_case_user"`);
    await queryRunner.query(`DROP TABLE "break_glass_grants"`);
    await queryRunner.query(`DROP TABLE "case_counters"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_unit_opened"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_client"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_clients_phone"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_clients_kana"`);
    await queryRunner.query(`DROP TABLE "clients"`);
    await queryRunner.query(`DROP TABLE "programs"`);
    await queryRunner.query(`DROP TABLE "concerns"`);
  }
}
