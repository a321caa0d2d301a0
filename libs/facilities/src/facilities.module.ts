import { Module } from '@nestjs/common';
import { CasesModule } from '@tsunagu/cases';
import { FacilitiesController } from './facilities/facilities.controller';
import { FacilitiesService } from './facilities/facilities.service';
import { PlacementsController } from './placements/placements.controller';
import { PlacementsService } from './placements/placements.service';
import { FacilityFiguresController } from './figures/facility-figures.controller';
import { FacilityFiguresService } from './figures/facility-figures.service';
import { TransportsController } from './transports/transports.controller';
import { TransportsService } from './transports/transports.service';

/** Shelters and facilities, the placements of women and children in them, 緊急移送, and the facilities' yearly figures. */
@Module({
  imports: [CasesModule],
  controllers: [FacilitiesController, PlacementsController, TransportsController, FacilityFiguresController],
  providers: [FacilitiesService, PlacementsService, TransportsService, FacilityFiguresService],
})
export class FacilitiesModule {}
