import { Module } from '@nestjs/common';
import { CasesJobsModule, CasesModule } from '@tsunagu/cases';
import { RetentionTasksProcessor } from './retention-tasks.processor';
import { RetentionController } from './retention.controller';
import { RetentionService } from './retention.service';

/**
 * Retention and destruction of a person's records, above the features whose data it empties
 * (cases, facilities, referrals, LINE): each of those exports the functions that shred its own
 * part, and this library composes them in one transaction.
 */
@Module({
  imports: [CasesModule],
  controllers: [RetentionController],
  providers: [RetentionService],
})
export class RetentionModule {}

/** The retention reminders the worker runs daily. */
@Module({ imports: [CasesJobsModule], providers: [RetentionTasksProcessor] })
export class RetentionJobsModule {}
