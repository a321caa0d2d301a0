import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { CreateTransportDto, TransportDto } from './dto/transport.dto';
import { TransportsService } from './transports.service';

@ApiTags('placements')
@Controller('cases/:id/transports')
export class TransportsController {
  constructor(private readonly transports: TransportsService) {}

  @Post()
  @RequirePermission(Permission.CaseWrite)
  @ApiCreatedResponse({ type: TransportDto })
  create(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreateTransportDto): Promise<TransportDto> {
    return this.transports.create(actor, id, dto);
  }

  @Get()
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [TransportDto] })
  list(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<TransportDto[]> {
    return this.transports.list(actor, id);
  }
}
