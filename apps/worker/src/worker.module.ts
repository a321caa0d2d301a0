import { Module } from '@nestjs/common';
import { AlertsJobsModule } from '@tsunagu/alerts';
import { CasesJobsModule } from '@tsunagu/cases';
import { RetentionJobsModule } from '@tsunagu/retention';
import { LineJobsModule } from '@tsunagu/line';
import { ReferralsJobsModule } from '@tsunagu/referrals';
import { StatisticsJobsModule } from '@tsunagu/statistics';
import { DataKeyRewrapProcessor } from '@tsunagu/crypto';
import { QueueProbeProcessor } from '@tsunagu/queue';

/**
 * Every job handler Tsunagu has. Imported by the worker process and, on the single-process
 * default, by the api process too, so the same handlers run in both set-ups.
 */
@Module({
  imports: [AlertsJobsModule, CasesJobsModule, LineJobsModule, ReferralsJobsModule, RetentionJobsModule, StatisticsJobsModule],
  providers: [QueueProbeProcessor, DataKeyRewrapProcessor],
})
export class WorkerModule {}
