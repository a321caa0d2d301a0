import { Module } from '@nestjs/common';
import { CasesModule } from '@tsunagu/cases';
import { FacilitiesController } from './facilities/facilities.controller';
import { FacilitiesService } from './facilities/facilities.service';
import { PlacementsController } from './placements/placements.controller';
import { PlacementsService } from './placements/placements.service';

/** Shelters and facilities, and the placements of women and children in them. */
@Module({
  imports: [CasesModule],
  controllers: [FacilitiesController, PlacementsController],
  providers: [FacilitiesService, PlacementsService],
})
export class FacilitiesModule {}
