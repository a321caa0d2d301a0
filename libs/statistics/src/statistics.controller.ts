import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { CreateRunDto, MonthlyDto, MonthlyQueryDto, RunDto } from './dto/statistics.dto';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Post('runs')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequirePermission(Permission.StatisticsRun)
  @ApiAcceptedResponse({ type: RunDto })
  request(@CurrentActor() actor: Actor, @Body() dto: CreateRunDto): Promise<RunDto> {
    return this.statistics.request(actor, dto);
  }

  @Get('runs')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: [RunDto] })
  runs(@CurrentActor() actor: Actor): Promise<RunDto[]> {
    return this.statistics.runs(actor);
  }

  @Get('runs/:id')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: RunDto })
  run(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<RunDto> {
    return this.statistics.run(actor, id);
  }

  @Get('monthly')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: MonthlyDto })
  monthly(@CurrentActor() actor: Actor, @Query() query: MonthlyQueryDto): Promise<MonthlyDto> {
    return this.statistics.monthly(actor, query);
  }
}
