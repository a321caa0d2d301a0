import { Module } from '@nestjs/common';
import { QueueAdminController } from './queue-admin.controller';
import { QueueAdminService } from './queue-admin.service';

/** The admin's view of the queue, for the api process (the worker serves no HTTP). */
@Module({ controllers: [QueueAdminController], providers: [QueueAdminService] })
export class QueueAdminModule {}
