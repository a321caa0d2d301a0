import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@tsunagu/common';
import { ApprovalReason, ApprovalState, parseReasons } from '../../approvals/approval-codes';
import { User } from '../user.entity';

/** A staff account as shown to admins: no password hash, no MFA secret. */
export class UserResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() loginId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ nullable: true, type: String }) unitId: string | null;
  @ApiProperty({ nullable: true, type: String }) departmentId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() mfaEnabled: boolean;
  @ApiProperty({ enum: ApprovalState, description: 'Usable, waiting for a supervisor, or approved and waiting for its first sign-in with the activation code' })
  approvalState: ApprovalState;
  @ApiProperty({ enum: ApprovalReason, isArray: true, description: 'What put the account into approval (empty once approved)' })
  approvalReasons: ApprovalReason[];

  static from(user: User): UserResponseDto {
    return {
      id: user.id,
      loginId: user.loginId,
      displayName: user.displayName,
      role: user.role,
      unitId: user.unitId,
      departmentId: user.departmentId,
      active: user.active,
      mfaEnabled: user.mfaEnabledAt !== null,
      approvalState: !user.approvalPendingReason ? ApprovalState.Approved : user.activationCodeHash ? ApprovalState.AwaitingActivation : ApprovalState.Pending,
      approvalReasons: parseReasons(user.approvalPendingReason),
    };
  }
}

/** The signed-in user's own view: their account, what they may do, and whether MFA set-up is pending. */
export class MeResponseDto extends UserResponseDto {
  @ApiProperty({ description: 'True while the session may only set up MFA' }) mfaEnrolmentRequired: boolean;
  @ApiProperty({ type: [String] }) permissions: string[];
  @ApiProperty({ description: 'When this session ends regardless of activity' }) sessionExpiresAt: string;
  @ApiProperty({ description: 'Seconds without a request after which the session ends' }) idleTimeoutSeconds: number;
}
