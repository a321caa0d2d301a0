import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stale-month marks for the DV figures a monthly run now counts: 保護命令 by the month issued,
 * 支援措置 by the month a term starts and the month this office gave its opinion, and DV details
 * by the month their case was opened (a case's details are often entered after it opens, so
 * the case's month is looked up). Written by hand.
 */
export class DvStatistics1795659045993 implements MigrationInterface {
  name = 'DvStatistics1795659045993';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, column] of COUNTED) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_${column}_statistics_stale" AFTER INSERT OR UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION tsunagu_mark_statistics_stale('${column}', 'date')`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION tsunagu_mark_case_month_stale() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO statistics_stale_months (period, marked_at)
        SELECT left(c.opened_on::text, 7), now() FROM cases c
         WHERE c.id IN (CASE WHEN TG_OP <> 'INSERT' THEN OLD.case_id END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.case_id END)
        ON CONFLICT (period) DO NOTHING;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(`CREATE TRIGGER "case_dv_statistics_stale" AFTER INSERT OR UPDATE OR DELETE ON "case_dv" FOR EACH ROW EXECUTE FUNCTION tsunagu_mark_case_month_stale()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "case_dv_statistics_stale" ON "case_dv"`);
    await queryRunner.query(`DROP FUNCTION tsunagu_mark_case_month_stale()`);
    for (const [table, column] of COUNTED) await queryRunner.query(`DROP TRIGGER "${table}_${column}_statistics_stale" ON "${table}"`);
  }
}

const COUNTED = [
  ['protection_orders', 'issued_on'],
  ['support_measures', 'starts_on'],
  ['support_measures', 'opinion_given_on'],
];
