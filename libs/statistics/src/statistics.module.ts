import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller';
import { StatisticsProcessor } from './statistics.processor';
import { StatisticsService } from './statistics.service';

/** Monthly anonymized statistics: runs and the suppressed monthly figures. */
@Module({ controllers: [StatisticsController], providers: [StatisticsService] })
export class StatisticsModule {}

/** The statistics jobs the worker runs. */
@Module({ providers: [StatisticsService, StatisticsProcessor] })
export class StatisticsJobsModule {}
