import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import {
  AdmitPlacementDto,
  ApprovePlacementDto,
  CancelPlacementDto,
  CreatePlacementDto,
  EndPlacementDto,
  PlacementDto,
  PlacementQueryDto,
  RejectPlacementDto,
} from './dto/placement.dto';
import { PlacementsService } from './placements.service';

@ApiTags('placements')
@Controller()
export class PlacementsController {
  constructor(private readonly placements: PlacementsService) {}

  @Post('cases/:id/placements')
  @RequirePermission(Permission.PlacementRequest)
  @ApiCreatedResponse({ type: PlacementDto })
  create(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CreatePlacementDto): Promise<PlacementDto> {
    return this.placements.create(actor, id, dto);
  }

  @Get('cases/:id/placements')
  @RequirePermission(Permission.CaseRead)
  @ApiOkResponse({ type: [PlacementDto] })
  listForCase(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<PlacementDto[]> {
    return this.placements.listForCase(actor, id);
  }

  @Get('placements')
  @RequirePermission(Permission.PlacementApprove)
  @ApiOkResponse({ type: [PlacementDto] })
  queue(@CurrentActor() actor: Actor, @Query() query: PlacementQueryDto): Promise<PlacementDto[]> {
    return this.placements.queue(actor, query);
  }

  @Post('placements/:id/approve')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.PlacementApprove)
  @ApiOkResponse({ type: PlacementDto })
  approve(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: ApprovePlacementDto): Promise<PlacementDto> {
    return this.placements.approve(actor, id, dto);
  }

  @Post('placements/:id/reject')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.PlacementApprove)
  @ApiOkResponse({ type: PlacementDto })
  reject(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: RejectPlacementDto): Promise<PlacementDto> {
    return this.placements.reject(actor, id, dto);
  }

  @Post('placements/:id/admit')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.PlacementRequest)
  @ApiOkResponse({ type: PlacementDto })
  admit(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: AdmitPlacementDto): Promise<PlacementDto> {
    return this.placements.admit(actor, id, dto);
  }

  @Post('placements/:id/end')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.PlacementRequest)
  @ApiOkResponse({ type: PlacementDto })
  end(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: EndPlacementDto): Promise<PlacementDto> {
    return this.placements.end(actor, id, dto);
  }

  @Post('placements/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.PlacementRequest)
  @ApiOkResponse({ type: PlacementDto })
  cancel(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: CancelPlacementDto): Promise<PlacementDto> {
    return this.placements.cancel(actor, id, dto);
  }
}
