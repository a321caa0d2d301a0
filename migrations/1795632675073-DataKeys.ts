import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-subject data keys for field encryption, wrapped by the master key (reviewed: generated from DataKey). */
export class DataKeys1795632675073 implements MigrationInterface {
  name = 'DataKeys1795632675073';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "data_keys" ("id" uuid NOT NULL, "subject_type" text NOT NULL, "subject_id" uuid NOT NULL, "wrapped_key" text, "master_key_id" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "destroyed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_data_keys" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_data_keys_master_key" ON "data_keys"  ("master_key_id") `);
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_data_keys_subject" ON "data_keys"  ("subject_type", "subject_id") `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."UQ_data_keys_subject"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_data_keys_master_key"`);
    await queryRunner.query(`DROP TABLE "data_keys"`);
  }
}
