import { Module } from '@nestjs/common';
import { CasesModule } from '@tsunagu/cases';
import { ConsentsService } from './consents.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';
import { ReferralTasksProcessor } from './referral-tasks.processor';

/** Interdepartmental referrals (庁内連携) under the client's consent, and the liaison inbox. */
@Module({
  imports: [CasesModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ConsentsService],
})
export class ReferralsModule {}

/** The referral jobs the worker runs (overdue reminders). */
@Module({ imports: [CasesModule], providers: [ReferralTasksProcessor] })
export class ReferralsJobsModule {}
