import { MigrationInterface, QueryRunner } from 'typeorm';

/** The installation row: its id identifies this database across restarts and restores. */
export class Foundation1764090000000 implements MigrationInterface {
  name = 'Foundation1764090000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "installation" (
        "id" uuid NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_installation" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`INSERT INTO "installation" ("id") VALUES (gen_random_uuid())`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "installation"`);
  }
}
