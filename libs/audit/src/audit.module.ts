import { DynamicModule, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Clock } from '@tsunagu/common';
import { DataSource } from 'typeorm';
import { AuditController } from './audit.controller';
import { AuditQueryService } from './audit-query.service';
import { AuditSealer } from './audit-sealer';
import { AuditVerifier } from './audit-verifier';
import { AuditWriter } from './audit-writer';
import { TransactionRunner } from './transaction-runner';

/** The audit trail: writer and transaction helper for services, sealer, verifier, query API. */
@Module({})
export class AuditModule {
  static forRoot(options: { sealIntervalMs: number; http: boolean }): DynamicModule {
    return {
      module: AuditModule,
      global: true,
      controllers: options.http ? [AuditController] : [],
      providers: [
        AuditWriter,
        TransactionRunner,
        AuditVerifier,
        AuditQueryService,
        {
          provide: AuditSealer,
          useFactory: (ds: DataSource, clock: Clock) => new AuditSealer(ds, clock, options.sealIntervalMs),
          inject: [getDataSourceToken(), Clock],
        },
      ],
      exports: [AuditWriter, TransactionRunner, AuditVerifier, AuditSealer],
    };
  }
}
