import { Module } from '@nestjs/common';
import { CodesModule } from '@tsunagu/codes';
import { CaseAccessService } from './access/case-access.service';
import { BreakGlassController } from './break-glass/break-glass.controller';
import { BreakGlassService } from './break-glass/break-glass.service';
import { CasesController } from './cases/cases.controller';
import { CasesService } from './cases/cases.service';
import { ClientsController } from './clients/clients.controller';
import { ClientsService } from './clients/clients.service';
import { ContactsController } from './contacts/contacts.controller';
import { ContactsService } from './contacts/contacts.service';

/** The counselor's daily work: clients, cases, consultation records, restricted cases and break-glass. */
@Module({
  imports: [CodesModule],
  controllers: [ClientsController, CasesController, ContactsController, BreakGlassController],
  providers: [CaseAccessService, ClientsService, CasesService, ContactsService, BreakGlassService],
  exports: [CaseAccessService],
})
export class CasesModule {}
