import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor } from '@tsunagu/common';
import { AuditQueryService } from './audit-query.service';
import { AuditVerifier } from './audit-verifier';
import { AuditPageDto, AuditQueryDto, ChainVerificationDto } from './dto/audit-query.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditController {
  constructor(
    private readonly query: AuditQueryService,
    private readonly verifier: AuditVerifier,
  ) {}

  @Get()
  @RequirePermission(Permission.AuditReadUnit, Permission.AuditReadSecurity)
  @ApiOkResponse({ type: AuditPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.query.list(actor, query);
  }

  @Get('verify')
  @RequirePermission(Permission.AuditVerify)
  @ApiOkResponse({ type: ChainVerificationDto })
  verify(): Promise<ChainVerificationDto> {
    return this.verifier.verify();
  }
}
