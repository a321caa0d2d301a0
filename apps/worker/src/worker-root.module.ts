import { DynamicModule, Module } from '@nestjs/common';
import { AuditModule } from '@tsunagu/audit';
import { CommonModule } from '@tsunagu/common';
import { AppConfig, ConfigModule } from '@tsunagu/config';
import { CryptoModule } from '@tsunagu/crypto';
import { DatabaseModule } from '@tsunagu/database';
import { LoggingModule } from '@tsunagu/logging';
import { QueueModule } from '@tsunagu/queue';
import { SCHEMA } from '@tsunagu/schema';
import { WorkerModule } from './worker.module';

/** The worker process: database, queue consumers and job handlers; no HTTP. */
@Module({})
export class WorkerRootModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: WorkerRootModule,
      imports: [
        ConfigModule.forRoot(config),
        CommonModule,
        CryptoModule.forRoot(config),
        AuditModule.forRoot({ sealIntervalMs: config.audit.sealIntervalMs, http: false }),
        LoggingModule.forRoot(config.logLevel),
        DatabaseModule.forRoot({
          url: databaseUrl,
          poolSize: config.database.poolSize,
          migrateOnStart: config.database.migrateOnStart,
          applicationName: 'tsunagu-worker',
          schema: SCHEMA,
        }),
        QueueModule.forRoot(config.queue, { consume: true }),
        WorkerModule,
      ],
    };
  }
}
