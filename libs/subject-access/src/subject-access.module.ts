import { Module } from '@nestjs/common';
import { CasesModule } from '@tsunagu/cases';
import { CodesModule } from '@tsunagu/codes';
import { SubjectAccessController } from './subject-access.controller';
import { SubjectAccessExportService } from './subject-access-export.service';
import { SubjectAccessReader } from './subject-access-reader';

/** 本人開示: everything held about one client, exported for her own request. */
@Module({
  imports: [CasesModule, CodesModule],
  controllers: [SubjectAccessController],
  providers: [SubjectAccessExportService, SubjectAccessReader],
})
export class SubjectAccessModule {}
