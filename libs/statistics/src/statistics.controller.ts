import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Res, StreamableFile } from '@nestjs/common';
import type { Response } from 'express';
import { ProgramReport, ProgramReportQueryDto } from './dto/program-report.dto';
import { ProgramReportService } from './program-report.service';
import { programReportCsv, programReportXlsx } from './program-report/export';
import { CreateReleaseDto, ReleaseDto } from './dto/release.dto';
import { ReleasesService } from './releases.service';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Permission, RequirePermission } from '@tsunagu/access';
import { Actor, UuidParam } from '@tsunagu/common';
import { AggregateEntryDto, AggregateQueryDto, CreateRunDto, MonthlyDto, MonthlyQueryDto, PutAggregateEntryDto, RunDto } from './dto/statistics.dto';
import { AggregateEntriesService } from './aggregate-entries.service';
import { StatisticsService } from './statistics.service';

@ApiTags('statistics')
@Controller()
export class StatisticsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly aggregates: AggregateEntriesService,
    private readonly reports: ProgramReportService,
    private readonly releases: ReleasesService,
  ) {}

  @Post('statistics/runs')
  @HttpCode(HttpStatus.ACCEPTED)
  @RequirePermission(Permission.StatisticsRun)
  @ApiAcceptedResponse({ type: RunDto })
  request(@CurrentActor() actor: Actor, @Body() dto: CreateRunDto): Promise<RunDto> {
    return this.statistics.request(actor, dto);
  }

  @Get('statistics/runs')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: [RunDto] })
  runs(@CurrentActor() actor: Actor): Promise<RunDto[]> {
    return this.statistics.runs(actor);
  }

  @Get('statistics/runs/:id')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: RunDto })
  run(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<RunDto> {
    return this.statistics.run(actor, id);
  }

  @Get('statistics/monthly')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: MonthlyDto })
  monthly(@CurrentActor() actor: Actor, @Query() query: MonthlyQueryDto): Promise<MonthlyDto> {
    return this.statistics.monthly(actor, query);
  }

  @Post('statistics/aggregate-entries')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.StatisticsRun)
  @ApiOkResponse({ type: AggregateEntryDto })
  putAggregate(@CurrentActor() actor: Actor, @Body() dto: PutAggregateEntryDto): Promise<AggregateEntryDto> {
    return this.aggregates.put(actor, dto);
  }

  @Get('statistics/aggregate-entries')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: [AggregateEntryDto] })
  listAggregates(@CurrentActor() actor: Actor, @Query() query: AggregateQueryDto): Promise<AggregateEntryDto[]> {
    return this.aggregates.list(actor, query);
  }

  @Get('reports/program')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: ProgramReport, description: 'The fiscal-year program report as JSON, CSV (UTF-8 with BOM, format=csv) or XLSX (format=xlsx)' })
  async program(@CurrentActor() actor: Actor, @Query() query: ProgramReportQueryDto, @Res({ passthrough: true }) res: Response): Promise<unknown> {
    const report = await this.reports.report(actor, query);
    if (query.format === 'csv') {
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="program-report-${query.fiscalYear}.csv"`);
      return programReportCsv(report);
    }
    if (query.format === 'xlsx') {
      res.setHeader('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      res.setHeader('content-disposition', `attachment; filename="program-report-${query.fiscalYear}.xlsx"`);
      return new StreamableFile(await programReportXlsx(report));
    }
    return report;
  }

  @Post('statistics/releases')
  @RequirePermission(Permission.StatisticsRelease)
  @ApiOkResponse({ type: ReleaseDto })
  release(@CurrentActor() actor: Actor, @Body() dto: CreateReleaseDto): Promise<ReleaseDto> {
    return this.releases.create(actor, dto);
  }

  @Get('statistics/releases/:id')
  @RequirePermission(Permission.StatisticsRead)
  @ApiOkResponse({ type: ReleaseDto })
  releaseById(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string): Promise<ReleaseDto> {
    return this.releases.get(actor, id);
  }
}
