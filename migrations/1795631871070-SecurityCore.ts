import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Security core: accounts, sessions, MFA recovery codes, units and departments, and the audit
 * trail. Generated from the entities, then extended by hand with the append-only triggers, the
 * grants for an application role, and the seeded unit and departments.
 */
export class SecurityCore1795631871070 implements MigrationInterface {
  name = 'SecurityCore1795631871070';

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The writing transaction's id, as a number, for the audit sealer's ordering.
    await queryRunner.query(
      `CREATE FUNCTION tsunagu_current_xact_id() RETURNS bigint LANGUAGE sql VOLATILE AS 'SELECT pg_current_xact_id()::text::bigint'`,
    );
    await queryRunner.query(`CREATE TABLE "audit_events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "xact_id" bigint NOT NULL DEFAULT tsunagu_current_xact_id(), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "category" text NOT NULL, "action" text NOT NULL, "outcome" text NOT NULL, "actor_id" uuid, "actor_role" text, "actor_unit_id" uuid, "resource_type" text, "resource_id" text, "case_id" uuid, "reason" text, "detail_code" text, "request_id" text, "ip" text, CONSTRAINT "PK_audit_events" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_unit" ON "audit_events"  ("actor_unit_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_actor" ON "audit_events"  ("actor_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_case" ON "audit_events"  ("case_id", "id") `);
    await queryRunner.query(`CREATE INDEX "IDX_audit_events_xact" ON "audit_events"  ("xact_id", "id") `);
    await queryRunner.query(`CREATE TABLE "audit_seals" ("chain_seq" bigint NOT NULL, "event_id" bigint NOT NULL, "prev_hash" character(64) NOT NULL, "hash" character(64) NOT NULL, "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "REL_9ba4ac55a1461c660ad1c49e26" UNIQUE ("event_id"), CONSTRAINT "PK_audit_seals" PRIMARY KEY ("chain_seq"))`);
    await queryRunner.query(`CREATE TABLE "departments" ("id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "UQ_91fddbe23e927e1e525c152baa3" UNIQUE ("code"), CONSTRAINT "PK_departments" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "units" ("id" uuid NOT NULL, "code" text NOT NULL, "name" text NOT NULL, "active" boolean NOT NULL DEFAULT true, CONSTRAINT "UQ_47635c1ab22d02fc3ebae3608b8" UNIQUE ("code"), CONSTRAINT "PK_units" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "users" ("id" uuid NOT NULL, "login_id" text NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "unit_id" uuid, "department_id" uuid, "active" boolean NOT NULL DEFAULT true, "password_hash" text NOT NULL, "mfa_secret" text, "mfa_enabled_at" TIMESTAMP WITH TIME ZONE, "mfa_last_step" bigint, "failed_logins" integer NOT NULL DEFAULT '0', "failed_window_start" TIMESTAMP WITH TIME ZONE, "locked_until" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_e564194a9a22f8c623354284f75" UNIQUE ("login_id"), CONSTRAINT "PK_users" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "token_hash" character(64) NOT NULL, "scope" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_seen_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_abaa9e068cdd390bc5210f79884" UNIQUE ("token_hash"), CONSTRAINT "PK_sessions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_sessions_user" ON "sessions"  ("user_id") `);
    await queryRunner.query(`CREATE TABLE "mfa_recovery_codes" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "code_hash" character(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_mfa_recovery_codes" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_mfa_recovery_codes_user" ON "mfa_recovery_codes"  ("user_id") `);
    await queryRunner.query(`ALTER TABLE "audit_seals" ADD CONSTRAINT "FK_audit_seals_event" FOREIGN KEY ("event_id") REFERENCES "audit_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_users_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "users" ADD CONSTRAINT "FK_users_department" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "mfa_recovery_codes" ADD CONSTRAINT "FK_mfa_recovery_codes_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    // Audit events and seals can only be appended: no UPDATE, DELETE or TRUNCATE, whoever asks.
    await queryRunner.query(`
      CREATE FUNCTION tsunagu_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME
          USING ERRCODE = 'insufficient_privilege';
      END;
      $$`);
    for (const table of ['audit_events', 'audit_seals']) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_update_delete" BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION tsunagu_audit_append_only()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_no_truncate" BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION tsunagu_audit_append_only()`,
      );
    }
    // Where the documented application role exists, it may only read and append to the trail.
    await queryRunner.query(`
      DO $$
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tsunagu_app') THEN
          REVOKE ALL ON audit_events, audit_seals FROM tsunagu_app;
          GRANT SELECT, INSERT ON audit_events, audit_seals TO tsunagu_app;
        END IF;
      END
      $$`);

    await queryRunner.query(`INSERT INTO "units" ("id", "code", "name") VALUES ('6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01', 'soudan', '相談係')`);
    await queryRunner.query(`
      INSERT INTO "departments" ("id", "code", "name") VALUES
        ('0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e01', 'shimin', '市民課'),
        ('0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e02', 'seikatsu-shien', '生活支援課'),
        ('0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e03', 'kosodate-shien', '子育て支援課'),
        ('0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e04', 'jutaku', '住宅課'),
        ('0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e05', 'kokuho', '国民健康保険課'),
        ('0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e06', 'gakko-kyoiku', '学校教育課'),
        ('0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e07', 'shogai-fukushi', '障害福祉課'),
        ('0c6a3f10-58b2-4d7e-9e21-5a4b7c8d9e08', 'jido-sodan', '児童相談所')`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_events', 'audit_seals']) {
      await queryRunner.query(`DROP TRIGGER "${table}_no_update_delete" ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER "${table}_no_truncate" ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION tsunagu_audit_append_only()`);
    await queryRunner.query(`ALTER TABLE "mfa_recovery_codes" DROP CONSTRAINT "FK_mfa_recovery_codes_user"`);
    await queryRunner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_department"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_unit"`);
    await queryRunner.query(`ALTER TABLE "audit_seals" DROP CONSTRAINT "FK_audit_seals_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_mfa_recovery_codes_user"`);
    await queryRunner.query(`DROP TABLE "mfa_recovery_codes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_sessions_user"`);
    await queryRunner.query(`DROP TABLE "sessions"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TABLE "units"`);
    await queryRunner.query(`DROP TABLE "departments"`);
    await queryRunner.query(`DROP TABLE "audit_seals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_xact"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_events_unit"`);
    await queryRunner.query(`DROP TABLE "audit_events"`);
    await queryRunner.query(`DROP FUNCTION tsunagu_current_xact_id()`);
  }
}
