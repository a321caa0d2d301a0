import { Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { AccountApprovalService } from './account-approval.service';
import { AccountApprovalDto, ActivationCodeDto } from './dto/account-approval.dto';

@ApiTags('account-approvals')
@Controller('account-approvals')
export class AccountApprovalsController {
  constructor(private readonly approvals: AccountApprovalService) {}

  @Get()
  @RequirePermission(Permission.AccountApprove)
  @ApiOperation({ summary: 'Accounts an admin changed that wait for this supervisor’s approval' })
  @ApiOkResponse({ type: [AccountApprovalDto] })
  list(@CurrentActor() actor: Actor): Promise<AccountApprovalDto[]> {
    return this.approvals.list(actor);
  }

  @Post(':userId/approve')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.AccountApprove)
  @ApiOperation({ summary: 'Approve the account; returns its one-time activation code, shown this once, to hand to the person' })
  @ApiOkResponse({ type: ActivationCodeDto })
  approve(@CurrentActor() actor: Actor, @Param('userId', UuidParam('userId')) userId: string): Promise<ActivationCodeDto> {
    return this.approvals.approve(actor, userId);
  }

  @Post(':userId/reject')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.AccountApprove)
  @ApiOperation({ summary: 'Refuse the change: the account is disabled until an admin enables it (and it waits again)' })
  async reject(@CurrentActor() actor: Actor, @Param('userId', UuidParam('userId')) userId: string): Promise<void> {
    await this.approvals.reject(actor, userId);
  }
}
