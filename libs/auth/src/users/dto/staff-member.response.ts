import { ApiProperty } from '@nestjs/swagger';
import { Role } from '@tsunagu/common';

/** A colleague as case workers see her: a name to put to an assignee or an approver, nothing else. */
export class StaffMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: [Role.Counselor, Role.Supervisor] }) role: Role;
  @ApiProperty() active: boolean;
}
