import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { FacilityFiguresDto, FacilitySummaryDto, FiguresQueryDto, MonthlyReportDto, PutMonthlyReportDto } from './dto/figures.dto';
import { FacilityFiguresService } from './facility-figures.service';

@ApiTags('facilities')
@Controller()
export class FacilityFiguresController {
  constructor(private readonly figures: FacilityFiguresService) {}

  @Get('facilities/:id/figures')
  @RequirePermission(Permission.PlacementApprove)
  @ApiOkResponse({ type: FacilityFiguresDto })
  get(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Query() query: FiguresQueryDto): Promise<FacilityFiguresDto> {
    return this.figures.figures(actor, id, query.fiscalYear);
  }

  @Put('facilities/:id/monthly-reports/:month')
  @RequirePermission(Permission.PlacementApprove)
  @ApiOkResponse({ type: MonthlyReportDto })
  put(
    @CurrentActor() actor: Actor,
    @Param('id', UuidParam('id')) id: string,
    @Param('month') month: string,
    @Body() dto: PutMonthlyReportDto,
  ): Promise<MonthlyReportDto> {
    return this.figures.putMonthlyReport(actor, id, month, dto);
  }

  @Get('facility-figures')
  @RequirePermission(Permission.PlacementApprove)
  @ApiOkResponse({ type: FacilitySummaryDto })
  summary(@CurrentActor() actor: Actor, @Query() query: FiguresQueryDto): Promise<FacilitySummaryDto> {
    return this.figures.summary(actor, query.fiscalYear);
  }
}
