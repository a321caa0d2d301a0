import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in is throttled per account and address (libs/auth login-throttle) and accounts are never
 * locked, so the lockout counters on `users` go. Written by hand; `down` brings the columns back
 * empty (nobody locked).
 */
export class RetireLockout1795676000000 implements MigrationInterface {
  name = 'RetireLockout1795676000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "failed_logins", DROP COLUMN "failed_window_start", DROP COLUMN "locked_until"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "failed_logins" integer NOT NULL DEFAULT '0', ADD "failed_window_start" TIMESTAMP WITH TIME ZONE, ADD "locked_until" TIMESTAMP WITH TIME ZONE`,
    );
  }
}
