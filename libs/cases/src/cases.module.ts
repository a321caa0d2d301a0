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
import { DvController } from './dv/dv.controller';
import { DvService } from './dv/dv.service';
import { ProvisionsController } from './provisions/provisions.controller';
import { ProvisionsService } from './provisions/provisions.service';
import { RenewalTasksProcessor } from './tasks/renewal-tasks.processor';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks.service';

/** The counselor's daily work: clients, cases, consultation records, restricted cases and break-glass. */
@Module({
  imports: [CodesModule],
  controllers: [ClientsController, CasesController, ContactsController, BreakGlassController, DvController, TasksController, ProvisionsController],
  providers: [CaseAccessService, ClientsService, CasesService, ContactsService, BreakGlassService, DvService, TasksService, ProvisionsService],
  exports: [CaseAccessService, ContactsService, ProvisionsService, ClientsService, TasksService],
})
export class CasesModule {}

/** The case jobs the worker runs (renewal reminders). */
@Module({ providers: [CaseAccessService, TasksService, RenewalTasksProcessor], exports: [TasksService] })
export class CasesJobsModule {}
