import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Actor, Clock, RequestMeta } from '@tsunagu/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditAction } from './audit-actions';
import { AuditCategory, AuditEvent, AuditOutcome } from './audit-event.entity';

/** What a service says about an action; who and where come from the actor. */
export interface AuditEntry {
  category: AuditCategory;
  /** From the catalogue only, so the alert rules and the audit log screens know every action written. */
  action: AuditAction;
  outcome?: AuditOutcome;
  resourceType?: string;
  resourceId?: string;
  caseId?: string;
  reason?: string;
  /** A code (never free text) saying more, e.g. why access was denied. */
  detailCode?: string;
}

/** Someone acting, or a request not yet tied to a user (a failed login names the user it tried, if known). */
export type AuditSubject = Actor | (RequestMeta & { userId?: string | null; role?: string | null; unitId?: string | null });

/** Writes audit events: inside a business transaction, or on their own for reads and denials. */
@Injectable()
export class AuditWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Inserts through `manager`, so the event commits or rolls back with the change. */
  async write(manager: EntityManager, subject: AuditSubject, entry: AuditEntry): Promise<void> {
    const row = this.toRow(subject, entry);
    // Plain SQL: this runs in every audited request, and the query builder costs more CPU than the insert.
    await manager.query(
      `INSERT INTO audit_events (occurred_at, category, action, outcome, actor_id, actor_role, actor_unit_id,
                                 resource_type, resource_id, case_id, reason, detail_code, request_id, ip)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        row.occurredAt,
        row.category,
        row.action,
        row.outcome,
        row.actorId,
        row.actorRole,
        row.actorUnitId,
        row.resourceType,
        row.resourceId,
        row.caseId,
        row.reason,
        row.detailCode,
        row.requestId,
        row.ip,
      ],
    );
  }

  /** Commits an event by itself: denied attempts must stay recorded though the request fails. */
  async record(subject: AuditSubject, entry: AuditEntry): Promise<void> {
    await this.write(this.dataSource.manager, subject, entry);
  }

  private toRow(subject: AuditSubject, entry: AuditEntry): Omit<AuditEvent, 'id' | 'xactId'> {
    return {
      occurredAt: this.clock.now(),
      category: entry.category,
      action: entry.action,
      outcome: entry.outcome ?? AuditOutcome.Allowed,
      actorId: subject.userId ?? null,
      actorRole: ('role' in subject ? subject.role : null) ?? null,
      actorUnitId: ('unitId' in subject ? subject.unitId : null) ?? null,
      resourceType: entry.resourceType ?? null,
      resourceId: entry.resourceId ?? null,
      caseId: entry.caseId ?? null,
      reason: entry.reason ?? null,
      detailCode: entry.detailCode ?? null,
      requestId: subject.requestId,
      ip: subject.ip,
    };
  }
}
