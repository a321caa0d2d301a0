import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor } from '@tsunagu/common';
import { StaffMemberDto } from './dto/staff-member.response';
import { StaffService } from './staff.service';

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
