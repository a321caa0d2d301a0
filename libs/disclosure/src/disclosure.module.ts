import { Module } from '@nestjs/common';
import { CasesModule } from '@tsunagu/cases';
import { CodesModule } from '@tsunagu/codes';
import { DisclosureExportController } from './disclosure-export.controller';
import { DisclosureExportService } from './disclosure-export.service';
import { DisclosureReader } from './disclosure-reader';

/** 本人開示: everything held about one client, exported for her own request. */
@Module({
  imports: [CasesModule, CodesModule],
  controllers: [DisclosureExportController],
  providers: [DisclosureExportService, DisclosureReader],
})
export class DisclosureModule {}
