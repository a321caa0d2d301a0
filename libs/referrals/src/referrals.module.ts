import { Module } from '@nestjs/common';
import { CasesModule } from '@tsunagu/cases';
import { ConsentsService } from './consents.service';
import { ReferralsController } from './referrals.controller';
import { ReferralsService } from './referrals.service';

/** Interdepartmental referrals (庁内連携) under the client's consent, and the liaison inbox. */
@Module({
  imports: [CasesModule],
  controllers: [ReferralsController],
  providers: [ReferralsService, ConsentsService],
})
export class ReferralsModule {}
