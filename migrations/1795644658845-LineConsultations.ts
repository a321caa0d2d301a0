import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * LINE consultations (accounts, inbox, users, follows, conversations, messages with delivery
 * state), provisions handed out, programs' service hours and the city's closure days
 * (reviewed: generated from the entities, plus the seeds below).
 */
export class LineConsultations1795644658845 implements MigrationInterface {
  name = 'LineConsultations1795644658845';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "closure_days" ("id" uuid NOT NULL, "on_date" date, "month_day" text, "label" text NOT NULL, CONSTRAINT "CHK_closure_days_one_kind" CHECK (("on_date" IS NULL) <> ("month_day" IS NULL)), CONSTRAINT "PK_closure_days" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "provisions" ("id" uuid NOT NULL, "kind" text NOT NULL, "quantity" integer NOT NULL, "provided_on" date NOT NULL, "program_code" text NOT NULL, "unit_id" uuid NOT NULL, "case_id" uuid, "line_conversation_id" uuid, "recorded_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "CHK_provisions_quantity" CHECK ("quantity" > 0), CONSTRAINT "PK_provisions" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_provisions_case" ON "provisions"  ("case_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_provisions_program_date" ON "provisions"  ("program_code", "provided_on") `);
    await queryRunner.query(`CREATE TABLE "line_channels" ("id" uuid NOT NULL, "key" text NOT NULL, "name" text NOT NULL, "program_code" text NOT NULL, "unit_id" uuid NOT NULL, "data_key_id" uuid NOT NULL, "secret_enc" text NOT NULL, "access_token_enc" text NOT NULL, "active" boolean NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_line_channels" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_line_channels_key" ON "line_channels"  ("key") `);
    await queryRunner.query(`CREATE TABLE "line_inbox" ("id" uuid NOT NULL, "channel_id" uuid NOT NULL, "webhook_event_id" text NOT NULL, "event_type" text NOT NULL, "is_redelivery" boolean NOT NULL, "payload_enc" text NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_line_inbox" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_line_inbox_unprocessed" ON "line_inbox"  ("processed_at", "received_at") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_line_inbox_event" ON "line_inbox"  ("channel_id", "webhook_event_id") `);
    await queryRunner.query(`CREATE TABLE "line_users" ("id" uuid NOT NULL, "channel_id" uuid NOT NULL, "user_id_bidx" text NOT NULL, "user_id_enc" text NOT NULL, "data_key_id" uuid NOT NULL, "following" boolean NOT NULL, "client_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_line_users" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_line_users_channel_user" ON "line_users"  ("channel_id", "user_id_bidx") `);
    await queryRunner.query(`CREATE TABLE "line_follow_events" ("id" uuid NOT NULL, "channel_id" uuid NOT NULL, "line_user_id" uuid NOT NULL, "kind" text NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_line_follow_events" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_line_follow_events_channel" ON "line_follow_events"  ("channel_id", "occurred_at") `);
    await queryRunner.query(`CREATE TABLE "line_conversations" ("id" uuid NOT NULL, "channel_id" uuid NOT NULL, "line_user_id" uuid NOT NULL, "status" text NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_message_at" TIMESTAMP WITH TIME ZONE NOT NULL, "waiting_since" TIMESTAMP WITH TIME ZONE, "first_response_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" text, "case_id" uuid, "contact_id" uuid, "auto_reply_period" text, "version" integer NOT NULL, CONSTRAINT "PK_line_conversations" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_line_conversations_channel_status" ON "line_conversations"  ("channel_id", "status", "waiting_since") `);
    await queryRunner.query(`CREATE INDEX "IDX_line_conversations_user_status" ON "line_conversations"  ("line_user_id", "status") `);
    await queryRunner.query(`CREATE TABLE "line_messages" ("id" uuid NOT NULL, "conversation_id" uuid NOT NULL, "direction" text NOT NULL, "kind" text NOT NULL, "text_enc" text, "line_message_id" text, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "delivery" text, "retry_key" uuid, "author_id" uuid, "send_attempts" integer NOT NULL DEFAULT '0', "read_token_enc" text, CONSTRAINT "PK_line_messages" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_line_messages_conversation" ON "line_messages"  ("conversation_id", "occurred_at") `);
    await queryRunner.query(`ALTER TABLE "programs" ADD "service_hours" jsonb`);
    await queryRunner.query(`ALTER TABLE "provisions" ADD CONSTRAINT "FK_provisions_program" FOREIGN KEY ("program_code") REFERENCES "programs"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "provisions" ADD CONSTRAINT "FK_provisions_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "provisions" ADD CONSTRAINT "FK_provisions_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "provisions" ADD CONSTRAINT "FK_provisions_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // Service hours of the reference city's programs (JST; weekday 0 = Sunday). The others have no fixed hours.
    const hours: Record<string, unknown[]> = {
      'ashitaba-line': [{ kind: 'weekly', weekdays: [1, 2, 3, 4, 5], start: '19:00', end: '22:00' }],
      'lgbtq-line': [{ kind: 'monthly', nth: 4, weekday: 5, start: '19:00', end: '22:00' }],
      'lgbtq-phone': [{ kind: 'monthly', nth: 1, weekday: 2, start: '16:00', end: '19:00' }],
      'career-hoken': [{ kind: 'weekly', weekdays: [3], start: '14:00', end: '17:00' }],
    };
    for (const [code, rules] of Object.entries(hours)) {
      await queryRunner.query(`UPDATE "programs" SET "service_hours" = $1::jsonb WHERE "code" = $2`, [JSON.stringify(rules), code]);
    }
    // 年末年始 (12/29–1/3), every year.
    await queryRunner.query(`
      INSERT INTO "closure_days" ("id", "month_day", "label") VALUES
        ('5c1e0a2b-7d3f-4e8a-9b6c-2f1a0c9d8e01', '12-29', '年末年始'),
        ('5c1e0a2b-7d3f-4e8a-9b6c-2f1a0c9d8e02', '12-30', '年末年始'),
        ('5c1e0a2b-7d3f-4e8a-9b6c-2f1a0c9d8e03', '12-31', '年末年始'),
        ('5c1e0a2b-7d3f-4e8a-9b6c-2f1a0c9d8e04', '01-01', '年末年始'),
        ('5c1e0a2b-7d3f-4e8a-9b6c-2f1a0c9d8e05', '01-02', '年末年始'),
        ('5c1e0a2b-7d3f-4e8a-9b6c-2f1a0c9d8e06', '01-03', '年末年始')`);
    await queryRunner.query(`ALTER TABLE "line_channels" ADD CONSTRAINT "FK_line_channels_program" FOREIGN KEY ("program_code") REFERENCES "programs"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_channels" ADD CONSTRAINT "FK_line_channels_unit" FOREIGN KEY ("unit_id") REFERENCES "units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_channels" ADD CONSTRAINT "FK_line_channels_data_key" FOREIGN KEY ("data_key_id") REFERENCES "data_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_inbox" ADD CONSTRAINT "FK_line_inbox_channel" FOREIGN KEY ("channel_id") REFERENCES "line_channels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_users" ADD CONSTRAINT "FK_line_users_channel" FOREIGN KEY ("channel_id") REFERENCES "line_channels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_users" ADD CONSTRAINT "FK_line_users_data_key" FOREIGN KEY ("data_key_id") REFERENCES "data_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_users" ADD CONSTRAINT "FK_line_users_client" FOREIGN KEY ("client_id") REFERENCES "clients"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_follow_events" ADD CONSTRAINT "FK_line_follow_events_channel" FOREIGN KEY ("channel_id") REFERENCES "line_channels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_follow_events" ADD CONSTRAINT "FK_line_follow_events_user" FOREIGN KEY ("line_user_id") REFERENCES "line_users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_conversations" ADD CONSTRAINT "FK_line_conversations_channel" FOREIGN KEY ("channel_id") REFERENCES "line_channels"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_conversations" ADD CONSTRAINT "FK_line_conversations_user" FOREIGN KEY ("line_user_id") REFERENCES "line_users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await queryRunner.query(`ALTER TABLE "line_messages" ADD CONSTRAINT "FK_line_messages_conversation" FOREIGN KEY ("conversation_id") REFERENCES "line_conversations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "line_messages" DROP CONSTRAINT "FK_line_messages_conversation"`);
    await queryRunner.query(`ALTER TABLE "line_conversations" DROP CONSTRAINT "FK_line_conversations_user"`);
    await queryRunner.query(`ALTER TABLE "line_conversations" DROP CONSTRAINT "FK_line_conversations_channel"`);
    await queryRunner.query(`ALTER TABLE "line_follow_events" DROP CONSTRAINT "FK_line_follow_events_user"`);
    await queryRunner.query(`ALTER TABLE "line_follow_events" DROP CONSTRAINT "FK_line_follow_events_channel"`);
    await queryRunner.query(`ALTER TABLE "line_users" DROP CONSTRAINT "FK_line_users_client"`);
    await queryRunner.query(`ALTER TABLE "line_users" DROP CONSTRAINT "FK_line_users_data_key"`);
    await queryRunner.query(`ALTER TABLE "line_users" DROP CONSTRAINT "FK_line_users_channel"`);
    await queryRunner.query(`ALTER TABLE "line_inbox" DROP CONSTRAINT "FK_line_inbox_channel"`);
    await queryRunner.query(`ALTER TABLE "line_channels" DROP CONSTRAINT "FK_line_channels_data_key"`);
    await queryRunner.query(`ALTER TABLE "line_channels" DROP CONSTRAINT "FK_line_channels_unit"`);
    await queryRunner.query(`ALTER TABLE "line_channels" DROP CONSTRAINT "FK_line_channels_program"`);
    await queryRunner.query(`ALTER TABLE "provisions" DROP CONSTRAINT "FK_provisions_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "provisions" DROP CONSTRAINT "FK_provisions_case"`);
    await queryRunner.query(`ALTER TABLE "provisions" DROP CONSTRAINT "FK_provisions_unit"`);
    await queryRunner.query(`ALTER TABLE "provisions" DROP CONSTRAINT "FK_provisions_program"`);
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "service_hours"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_line_messages_conversation"`);
    await queryRunner.query(`DROP TABLE "line_messages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_line_conversations_user_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_line_conversations_channel_status"`);
    await queryRunner.query(`DROP TABLE "line_conversations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_line_follow_events_channel"`);
    await queryRunner.query(`DROP TABLE "line_follow_events"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_line_users_channel_user"`);
    await queryRunner.query(`DROP TABLE "line_users"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_line_inbox_event"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_line_inbox_unprocessed"`);
    await queryRunner.query(`DROP TABLE "line_inbox"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_line_channels_key"`);
    await queryRunner.query(`DROP TABLE "line_channels"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_provisions_program_date"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_provisions_case"`);
    await queryRunner.query(`DROP TABLE "provisions"`);
    await queryRunner.query(`DROP TABLE "closure_days"`);
  }
}
