import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditOutcome } from './audit-event.entity';
import { AuditEntry, AuditSubject, AuditWriter } from './audit-writer';

/** One use case's transaction: the entity manager and the audit trail, handed out together. */
export interface Tx {
  readonly manager: EntityManager;
  /** Records an event in this transaction: if it fails, the whole change is rolled back. */
  audit(entry: AuditEntry): Promise<void>;
  /**
   * Records a refused attempt once this transaction is over: the refusal's error rolls the
   * transaction back, the record of the attempt stays. (Written after, not beside, the
   * transaction: the embedded database serves one session at a time.)
   */
  denied(entry: AuditEntry): void;
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

  async run<T>(subject: AuditSubject, work: (tx: Tx) => Promise<T>): Promise<T> {
    const denials: AuditEntry[] = [];
    try {
      return await this.dataSource.transaction(async (manager) => {
        let audited = false;
        const tx: Tx = {
          manager,
          audit: async (entry) => {
            await this.auditWriter.write(manager, subject, entry);
            audited = true;
          },
          denied: (entry) => denials.push({ ...entry, outcome: AuditOutcome.Denied }),
        };
        const result = await work(tx);
        // A change without its audit event must not commit.
        if (!audited) throw new Error('TransactionRunner: the unit of work wrote no audit event');
        return result;
      });
    } finally {
      for (const entry of denials) await this.auditWriter.record(subject, entry);
    }
  }
}
