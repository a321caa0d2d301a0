import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An account that can read personal records (counselor, supervisor, liaison) waits for a
 * supervisor's approval after an admin creates it, sets its password, resets its MFA, changes its
 * role, unit or department, or reactivates it; the approval issues a one-time activation code the
 * supervisor hands to the person, who signs in with it once and chooses her own password
 * (libs/auth approvals). Existing accounts stay approved. Written by hand.
 */
export class AccountApproval1795677000000 implements MigrationInterface {
  name = 'AccountApproval1795677000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "users" ADD "approval_pending_reason" text, ADD "approval_requested_at" TIMESTAMP WITH TIME ZONE, ADD "approval_requested_by" uuid, ADD "activation_code_hash" text, ADD "activation_expires_at" TIMESTAMP WITH TIME ZONE`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_users_approval_requested" CHECK ((approval_pending_reason IS NULL) = (approval_requested_at IS NULL))`,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "CHK_users_activation" CHECK ((activation_code_hash IS NULL) = (activation_expires_at IS NULL) AND (activation_code_hash IS NULL OR approval_pending_reason IS NOT NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_activation"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_approval_requested"`);
    await queryRunner.query(
      `ALTER TABLE "users" DROP COLUMN "activation_expires_at", DROP COLUMN "activation_code_hash", DROP COLUMN "approval_requested_by", DROP COLUMN "approval_requested_at", DROP COLUMN "approval_pending_reason"`,
    );
  }
}
