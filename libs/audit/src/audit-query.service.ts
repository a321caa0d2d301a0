import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hasPermission, Permission } from '@tsunagu/access';
import { Actor } from '@tsunagu/common';
import { DataSource } from 'typeorm';
import { AuditAction } from './audit-actions';
import { AuditCategory, AuditEvent } from './audit-event.entity';
import { AuditWriter } from './audit-writer';
import { AuditEventDto, AuditPageDto, AuditQueryDto } from './dto/audit-query.dto';

/**
 * The audit log as each role may see it: a supervisor, the events of their unit's staff and of
 * their unit's cases; an
 * admin, security and administration events only (never who read which case).
 */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly writer: AuditWriter,
  ) {}

  async list(actor: Actor, query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? 50;
    const qb = this.dataSource
      .getRepository(AuditEvent)
      .createQueryBuilder('e')
      .leftJoin('audit_seals', 's', 's.event_id = e.id')
      .addSelect('s.chain_seq IS NOT NULL', 'sealed')
      .orderBy('e.id', 'DESC')
      .limit(limit + 1);
    if (hasPermission(actor.role, Permission.AuditReadSecurity)) {
      qb.andWhere('e.category IN (:...categories)', { categories: [AuditCategory.Security, AuditCategory.Admin] });
    } else {
      // What the unit's staff did, and what anyone did to the unit's cases (a denied probe from elsewhere included).
      qb.andWhere('(e.actor_unit_id = :unit OR e.case_id IN (SELECT c.id FROM cases c WHERE c.unit_id = :unit))', { unit: actor.unitId });
    }
    if (query.caseId) qb.andWhere('e.case_id = :caseId', { caseId: query.caseId });
    if (query.actorId) qb.andWhere('e.actor_id = :actorId', { actorId: query.actorId });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.from) qb.andWhere('e.occurred_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.occurred_at < :to', { to: new Date(query.to) });
    if (query.cursor) qb.andWhere('e.id < :cursor', { cursor: query.cursor });
    const { entities, raw } = await qb.getRawAndEntities();
    const page = entities.slice(0, limit);
    await this.writer.record(actor, { category: AuditCategory.Security, action: AuditAction.AuditRead, resourceType: 'audit-log' });
    return {
      items: page.map((e, i) => toDto(e, Boolean((raw[i] as { sealed: boolean }).sealed))),
      nextCursor: entities.length > limit ? page[page.length - 1].id : null,
    };
  }
}

function toDto(e: AuditEvent, sealed: boolean): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    category: e.category,
    action: e.action,
    outcome: e.outcome,
    actorId: e.actorId,
    actorRole: e.actorRole,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    caseId: e.caseId,
    reason: e.reason,
    detailCode: e.detailCode,
    requestId: e.requestId,
    sealed,
  };
}
