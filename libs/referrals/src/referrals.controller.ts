import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { ConsentsService } from './consents.service';
import {
  ApproveReferralDto,
  ConsentDto,
  CreateConsentDto,
  CreateReferralDto,
  InboxDetailDto,
  InboxItemDto,
  ReasonDto,
  ReferralDto,
  ReferralQueryDto,
  RespondDto,
  UpdateReferralDto,
  VersionDto,
  WithdrawConsentDto,
} from './dto/referral.dto';
import { ReferralStatus } from './referral-codes';
import { ReferralsService } from './referrals.service';

const Id = () => Param('id', UuidParam('id'));

@ApiTags('referrals')
@Controller()
export class ReferralsController {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly consents: ConsentsService,
  ) {}

  @Post('clients/:id/consents')
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: ConsentDto })
  createConsent(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: CreateConsentDto): Promise<ConsentDto> {
    return this.consents.create(actor, id, dto);
  }

  @Get('clients/:id/consents')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [ConsentDto] })
  consentsOf(@CurrentActor() actor: Actor, @Id() id: string): Promise<ConsentDto[]> {
    return this.consents.list(actor, id);
  }

  @Post('consents/:id/withdraw')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: ConsentDto })
  withdraw(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: WithdrawConsentDto): Promise<ConsentDto> {
    return this.consents.withdraw(actor, id, dto);
  }

  @Post('cases/:id/referrals')
  @RequirePermission(Permission.ReferralDraft)
  @ApiCreatedResponse({ type: ReferralDto })
  create(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: CreateReferralDto): Promise<ReferralDto> {
    return this.referrals.create(actor, id, dto);
  }

  @Get('cases/:id/referrals')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [ReferralDto] })
  listForCase(@CurrentActor() actor: Actor, @Id() id: string): Promise<ReferralDto[]> {
    return this.referrals.listForCase(actor, id);
  }

  @Get('referrals')
  @RequirePermission(Permission.ReferralApprove)
  @ApiOkResponse({ type: [ReferralDto] })
  queue(@CurrentActor() actor: Actor, @Query() query: ReferralQueryDto): Promise<ReferralDto[]> {
    return this.referrals.queue(actor, query);
  }

  @Get('referrals/inbox')
  @RequirePermission(Permission.ReferralInbox)
  @ApiOkResponse({ type: [InboxItemDto] })
  inbox(@CurrentActor() actor: Actor): Promise<InboxItemDto[]> {
    return this.referrals.inbox(actor);
  }

  @Get('referrals/inbox/:id')
  @RequirePermission(Permission.ReferralInbox)
  @ApiOkResponse({ type: InboxDetailDto })
  inboxItem(@CurrentActor() actor: Actor, @Id() id: string): Promise<InboxDetailDto> {
    return this.referrals.inboxItem(actor, id);
  }

  @Patch('referrals/:id')
  @RequirePermission(Permission.ReferralDraft)
  @ApiOkResponse({ type: ReferralDto })
  update(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: UpdateReferralDto): Promise<ReferralDto> {
    return this.referrals.update(actor, id, dto);
  }

  @Post('referrals/:id/submit')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ReferralDraft)
  @ApiOkResponse({ type: ReferralDto })
  submit(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: VersionDto): Promise<ReferralDto> {
    return this.referrals.submit(actor, id, dto);
  }

  @Post('referrals/:id/approve')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ReferralApprove)
  @ApiOkResponse({ type: ReferralDto })
  approve(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: ApproveReferralDto): Promise<ReferralDto> {
    return this.referrals.approve(actor, id, dto);
  }

  @Post('referrals/:id/reject')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ReferralApprove)
  @ApiOkResponse({ type: ReferralDto })
  reject(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: ReasonDto): Promise<ReferralDto> {
    return this.referrals.reject(actor, id, dto);
  }

  @Post('referrals/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ReferralApprove)
  @ApiOkResponse({ type: ReferralDto })
  revoke(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: VersionDto): Promise<ReferralDto> {
    return this.referrals.revoke(actor, id, dto);
  }

  @Post('referrals/:id/close')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ReferralDraft)
  @ApiOkResponse({ type: ReferralDto })
  close(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: VersionDto): Promise<ReferralDto> {
    return this.referrals.close(actor, id, dto);
  }

  @Post('referrals/:id/accept')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ReferralInbox)
  @ApiOkResponse({ type: InboxItemDto })
  accept(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: RespondDto): Promise<InboxItemDto> {
    return this.referrals.respond(actor, id, dto, ReferralStatus.Accepted);
  }

  @Post('referrals/:id/decline')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.ReferralInbox)
  @ApiOkResponse({ type: InboxItemDto })
  decline(@CurrentActor() actor: Actor, @Id() id: string, @Body() dto: RespondDto): Promise<InboxItemDto> {
    return this.referrals.respond(actor, id, dto, ReferralStatus.Declined);
  }
}
