import { Module } from '@nestjs/common';
import { CodesModule } from '@tsunagu/codes';
import { AggregateEntriesService } from './aggregate-entries.service';
import { ProgramReportService } from './program-report.service';
import { ReleasesService } from './releases.service';
import { StatisticsController } from './statistics.controller';
import { StatisticsProcessor } from './statistics.processor';
import { StatisticsService } from './statistics.service';

/** Monthly anonymized statistics: runs and the suppressed monthly figures. */
@Module({ imports: [CodesModule], controllers: [StatisticsController], providers: [StatisticsService, AggregateEntriesService, ProgramReportService, ReleasesService] })
export class StatisticsModule {}

/** The statistics jobs the worker runs. */
@Module({ providers: [StatisticsService, StatisticsProcessor] })
export class StatisticsJobsModule {}
