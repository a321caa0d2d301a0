import { Module } from '@nestjs/common';
import { CodesModule } from '@tsunagu/codes';
import { AlertsController } from './alerts.controller';
import { AlertsProcessor } from './alerts.processor';
import { AlertsService } from './alerts.service';

@Module({ imports: [CodesModule], controllers: [AlertsController], providers: [AlertsService], exports: [AlertsService] })
export class AlertsModule {}

/** The worker's side: the scheduled scan. */
@Module({ imports: [CodesModule], providers: [AlertsService, AlertsProcessor] })
export class AlertsJobsModule {}
