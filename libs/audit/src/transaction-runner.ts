import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry, AuditSubject, AuditWriter } from './audit-writer';

/** One use case's transaction: the entity manager and the audit trail, handed out together. */
export interface Tx {
  readonly manager: EntityManager;
  /** Records an event in this transaction: if it fails, the whole change is rolled back. */
  audit(entry: AuditEntry): Promise<void>;
}

/**
 * The one way services change protected data: `run(subject, tx => ...)` commits the change and
 * its audit events together, or neither (fail closed).
 */
@Injectable()
export class TransactionRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly auditWriter: AuditWriter,
  ) {}

  run<T>(subject: AuditSubject, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      let audited = false;
      const tx: Tx = {
        manager,
        audit: async (entry) => {
          await this.auditWriter.write(manager, subject, entry);
          audited = true;
        },
      };
      const result = await work(tx);
      // A change without its audit event must not commit.
      if (!audited) throw new Error('TransactionRunner: the unit of work wrote no audit event');
      return result;
    });
  }
}
