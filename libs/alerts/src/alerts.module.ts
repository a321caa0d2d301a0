import { Module } from '@nestjs/common';
import { AlertsController } from './alerts.controller';
import { AlertsProcessor } from './alerts.processor';
import { AlertsService } from './alerts.service';

@Module({ controllers: [AlertsController], providers: [AlertsService], exports: [AlertsService] })
export class AlertsModule {}

/** The worker's side: the scheduled scan. */
@Module({ providers: [AlertsService, AlertsProcessor] })
export class AlertsJobsModule {}
