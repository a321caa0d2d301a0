import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, SchemaDefinition } from './data-source-options';
import { runMigrationsLocked } from './migrate';
import { SystemInfoService } from './system-info.service';
import { SCHEMA_DEFINITION } from './tokens';

export interface DatabaseModuleOptions {
  url: string;
  poolSize: number;
  migrateOnStart: boolean;
  applicationName: string;
  schema: SchemaDefinition;
}

/** TypeORM on `pg`, for a real server and for the embedded PGlite socket alike. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(options.url, options.schema, { poolSize: options.poolSize, applicationName: options.applicationName }),
            // Fail start-up at once instead of retrying for half a minute on a wrong URL.
            retryAttempts: 0,
          }),
          dataSourceFactory: async (dataSourceOptions) => {
            const dataSource = await new DataSource(dataSourceOptions!).initialize();
            if (options.migrateOnStart) await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: SCHEMA_DEFINITION, useValue: options.schema }, SystemInfoService],
      exports: [SystemInfoService],
    };
  }
}
