import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { ClientsService } from './clients.service';
import { ChildDto, ClientDto, ClientReadQueryDto, ClientSearchDto, ClientSummaryDto, CreateChildDto, CreateClientDto, UpdateClientDto } from './dto/client.dto';

@ApiTags('clients')
@Controller('clients')
export class ClientsController {
  constructor(private readonly clients: ClientsService) {}

  @Post()
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: ClientDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateClientDto): Promise<ClientDto> {
    return this.clients.create(actor, dto);
  }

  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [ClientSummaryDto] })
  search(@CurrentActor() actor: Actor, @Query() query: ClientSearchDto): Promise<ClientSummaryDto[]> {
    return this.clients.search(actor, query);
  }

  @Get(':id')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: ClientDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Query() query: ClientReadQueryDto): Promise<ClientDto> {
    return this.clients.get(actor, id, query);
  }

  @Get(':id/summary')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: ClientSummaryDto })
  summary(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<ClientSummaryDto> {
    return this.clients.summary(actor, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.CaseWrite)
  @ApiOkResponse({ type: ClientDto })
  update(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: UpdateClientDto): Promise<ClientDto> {
    return this.clients.update(actor, id, dto);
  }

  @Post(':id/children')
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: ChildDto })
  addChild(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreateChildDto): Promise<ChildDto> {
    return this.clients.addChild(actor, id, dto);
  }

  @Get(':id/children')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [ChildDto] })
  children(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<ChildDto[]> {
    return this.clients.children(actor, id);
  }
}
