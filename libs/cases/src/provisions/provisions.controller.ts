import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { CreateProvisionDto, ProvisionDto } from './dto/provision.dto';
import { ProvisionsService } from './provisions.service';

@ApiTags('cases')
@Controller('cases/:id/provisions')
export class ProvisionsController {
  constructor(private readonly provisions: ProvisionsService) {}

  @Post()
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: ProvisionDto })
  create(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreateProvisionDto): Promise<ProvisionDto> {
    return this.provisions.createForCase(actor, id, dto);
  }

  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [ProvisionDto] })
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<ProvisionDto[]> {
    return this.provisions.listForCase(actor, id);
  }
}
