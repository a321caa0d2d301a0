import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { AggregateEntryDto, AggregateQueryDto, CreateRunDto, MonthlyDto, MonthlyQueryDto, PutAggregateEntryDto, RunDto } from './dto/statistics.dto';
import { AggregateEntriesService } from './aggregate-entries.service';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly aggregates: AggregateEntriesService,
  ) {}

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

  @Post('aggregate-entries')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.StatisticsRun)
  @ApiOkResponse({ type: AggregateEntryDto })
  putAggregate(@CurrentActor() actor: Actor, @Body() dto: PutAggregateEntryDto): Promise<AggregateEntryDto> {
    return this.aggregates.put(actor, dto);
  }

  @Get('aggregate-entries')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: [AggregateEntryDto] })
  listAggregates(@CurrentActor() actor: Actor, @Query() query: AggregateQueryDto): Promise<AggregateEntryDto[]> {
    return this.aggregates.list(actor, query);
  }
}
