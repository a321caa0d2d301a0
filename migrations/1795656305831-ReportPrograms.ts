import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Programs for figures the program report carries that are no consultations: パートナーシップ
 * 宣誓 (組数) and the 中学3年女子 生理用品配付 (校数・人数). They take aggregate entries only:
 * with no channels, no consultation can be recorded under them. Written by hand (data only).
 */
export class ReportPrograms1795656305831 implements MigrationInterface {
  name = 'ReportPrograms1795656305831';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      INSERT INTO "programs" ("code", "name", "channels", "counting_unit", "sort_order") VALUES
        ('partnership-oath', 'パートナーシップ宣誓制度', '{}', 'contact', 70),
        ('pad-distribution', '中学3年女子生徒への生理用品配付', '{}', 'contact', 80)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM "programs" WHERE "code" IN ('partnership-oath', 'pad-distribution')`);
  }
}
