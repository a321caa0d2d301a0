import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { AlertsService } from './alerts.service';
import { AcknowledgeAlertDto, AlertDto, AlertQueryDto } from './dto/alert.dto';

/** Insider-misuse alerts about the staff of the supervisor's unit. */
@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @RequirePermission(Permission.AlertsReview)
  @ApiOkResponse({ type: [AlertDto] })
  list(@CurrentActor() actor: Actor, @Query() query: AlertQueryDto): Promise<AlertDto[]> {
    return this.alerts.list(actor, query);
  }

  @Post(':id/acknowledge')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.AlertsReview)
  @ApiOkResponse({ type: AlertDto })
  acknowledge(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: AcknowledgeAlertDto): Promise<AlertDto> {
    return this.alerts.acknowledge(actor, id, dto);
  }
}
