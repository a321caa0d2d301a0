import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@tsunagu/common';
import { ApprovalReason, ApprovalState } from '../approval-codes';

/** An account waiting for the caller's approval, as a supervisor needs it to decide: who, where, why, asked by whom. */
export class AccountApprovalDto {
  @ApiProperty() userId: string;
  @ApiProperty() loginId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty({ nullable: true, type: String, description: "The account's 係 (counselors and supervisors)" }) unitName: string | null;
  @ApiProperty({ nullable: true, type: String, description: "The account's 部署 (liaison staff)" }) departmentName: string | null;
  @ApiProperty({ enum: ApprovalReason, isArray: true, description: 'The changes that put the account into approval, in order' }) reasons: ApprovalReason[];
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'Display name of the admin whose change asked for the approval' }) requestedByName: string | null;
  @ApiProperty({ enum: [ApprovalState.Pending, ApprovalState.AwaitingActivation] }) state: ApprovalState;
  @ApiProperty({ nullable: true, type: String, description: 'Until when the issued activation code may be used (awaiting activation only)' }) activationExpiresAt: string | null;
}

/** The one-time activation code: shown this once, to the approving supervisor, who hands it to the person. */
export class ActivationCodeDto {
  @ApiProperty({ example: '7KQ2-M9XD-4TRB' }) activationCode: string;
  @ApiProperty() expiresAt: string;
}
