import { Controller, Get, Injectable } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, Role } from '@tsunagu/common';
import { User } from './user.entity';

/** A colleague as case workers see her: a name to put to an assignee or an approver, nothing else. */
export class StaffMemberDto {
  @ApiProperty() id: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: [Role.Counselor, Role.Supervisor] }) role: Role;
  @ApiProperty() active: boolean;
}

/** The staff of the caller's 係: counselors and supervisors see who their colleagues are. */
@Injectable()
export class StaffService {
  constructor(private readonly tx: TransactionRunner) {}

  list(actor: Actor): Promise<StaffMemberDto[]> {
    return this.tx.run(actor, async (tx) => {
      const users = actor.unitId ? await tx.manager.find(User, { where: { unitId: actor.unitId }, order: { displayName: 'ASC' } }) : [];
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StaffList, resourceType: 'user' });
      return users.map((u) => ({ id: u.id, displayName: u.displayName, role: u.role, active: u.active }));
    });
  }
}

@ApiTags('users')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [StaffMemberDto] })
  list(@CurrentActor() actor: Actor): Promise<StaffMemberDto[]> {
    return this.staff.list(actor);
  }
}
