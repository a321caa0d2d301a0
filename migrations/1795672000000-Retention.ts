import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-program retention: years a closed case is kept before it is due for destruction. Written by hand. */
export class Retention1795672000000 implements MigrationInterface {
  name = 'Retention1795672000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "programs" ADD "retention_years" integer NOT NULL DEFAULT 5`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "programs" DROP COLUMN "retention_years"`);
  }
}
