import { DynamicModule, Module, Type } from '@nestjs/common';
import { AccessModule } from '@tsunagu/access';
import { AlertsModule } from '@tsunagu/alerts';
import { AuditModule } from '@tsunagu/audit';
import { AuthModule } from '@tsunagu/auth';
import { CasesModule } from '@tsunagu/cases';
import { SubjectAccessModule } from '@tsunagu/subject-access';
import { FacilitiesModule } from '@tsunagu/facilities';
import { LineModule } from '@tsunagu/line';
import { ReferralsModule } from '@tsunagu/referrals';
import { RetentionModule } from '@tsunagu/retention';
import { StatisticsModule } from '@tsunagu/statistics';
import { CodesModule } from '@tsunagu/codes';
import { CommonModule } from '@tsunagu/common';
import { AppConfig, ConfigModule } from '@tsunagu/config';
import { CryptoModule } from '@tsunagu/crypto';
import { DatabaseModule } from '@tsunagu/database';
import { LoggingModule } from '@tsunagu/logging';
import { OrganizationModule } from '@tsunagu/organization';
import { QueueModule } from '@tsunagu/queue';
import { QueueAdminModule } from '@tsunagu/queue-admin';
import { SCHEMA } from '@tsunagu/schema';
import type { DestinationStream } from 'pino';
// The all-in-one process runs the worker's handlers itself; they live with the worker app.
import { WorkerModule } from '../../worker/src/worker.module';
import { HealthModule } from './health/health.module';

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  /** Run queue consumers in this process too (npm start, and always without Redis). */
  withWorker: boolean;
  logDestination?: DestinationStream;
  /** Extra modules mounted under the api (tests use it to exercise the HTTP pipeline). */
  extraImports?: Array<Type | DynamicModule>;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    const { config } = options;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        CryptoModule.forRoot(config),
        LoggingModule.forRoot(config.logLevel, options.logDestination),
        DatabaseModule.forRoot({
          url: options.databaseUrl,
          poolSize: config.database.poolSize,
          migrateOnStart: config.database.migrateOnStart,
          applicationName: 'tsunagu-api',
          schema: SCHEMA,
        }),
        QueueModule.forRoot(config.queue, { consume: options.withWorker }),
        ...(options.withWorker ? [WorkerModule] : []),
        // The worker seals the audit chain; an api process does so only when it runs the worker too.
        AuditModule.forRoot({ sealIntervalMs: options.withWorker ? config.audit.sealIntervalMs : 0, http: true }),
        AccessModule,
        AuthModule.forRoot({ loginRateLimitPerMinute: config.auth.loginRateLimitPerMinute }),
        CodesModule,
        OrganizationModule,
        CasesModule,
        FacilitiesModule,
        LineModule,
        ReferralsModule,
        SubjectAccessModule,
        RetentionModule,
        StatisticsModule,
        AlertsModule,
        QueueAdminModule,
        HealthModule,
        ...(options.extraImports ?? []),
      ],
    };
  }
}
