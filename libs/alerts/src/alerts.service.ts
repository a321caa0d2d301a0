import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { CodesService } from '@tsunagu/codes';
import { Actor, Clock, ConflictError, DomainError, NotFoundError } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccessAlert, AlertStatus } from './access-alert.entity';
import { ALERT_RULE_LABELS, detect, Finding, TrailEvent } from './alert-rules';
import { AcknowledgeAlertDto, AlertDto, AlertQueryDto } from './dto/alert.dto';

const DAY_MS = 24 * 3_600_000;
const JST_MS = 9 * 3_600_000;

/** The instant the JST day of `at` began. */
function jstMidnight(at: Date): Date {
  const jst = at.getTime() + JST_MS;
  return new Date(jst - (jst % DAY_MS) - JST_MS);
}

/** Access-anomaly detection over the audit trail, and the supervisors' view of what it found. */
@Injectable()
export class AlertsService {
  private readonly logger = new Logger(AlertsService.name);

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly codes: CodesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /**
   * Runs every rule over the recent trail (yesterday and today in JST; break-glass over the last
   * two weeks) and records what is over a threshold. Idempotent: a repeat raises counts only, so
   * two workers scanning at once or a scan after a crash change nothing twice. Returns how many
   * alerts were created or grew.
   */
  async scan(now: Date = this.clock.now()): Promise<number> {
    const dayFrom = new Date(jstMidnight(now).getTime() - DAY_MS);
    const weekFrom = new Date(jstMidnight(now).getTime() - 14 * DAY_MS);
    const rows: Array<{ occurred_at: Date; action: string; actor_id: string; actor_role: string | null; actor_unit_id: string | null; case_id: string | null; assigned: boolean | null }> =
      await this.dataSource.query(
        `SELECT e.occurred_at, e.action, e.actor_id, e.actor_role, e.actor_unit_id, e.case_id,
                CASE WHEN e.case_id IS NULL THEN NULL ELSE c.assigned_counselor_id IS NOT DISTINCT FROM e.actor_id END AS assigned
           FROM audit_events e LEFT JOIN cases c ON c.id = e.case_id
          WHERE e.outcome = 'allowed' AND e.actor_id IS NOT NULL AND e.category = $1 AND e.occurred_at <= $2
            AND (e.occurred_at >= $3 OR (e.action = $5 AND e.occurred_at >= $4))`,
        [AuditCategory.Case, now, dayFrom, weekFrom, AuditAction.CaseBreakGlass],
      );
    const events: TrailEvent[] = rows.map((r) => ({
      at: new Date(r.occurred_at),
      action: r.action,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      actorUnitId: r.actor_unit_id,
      caseId: r.case_id,
      assignedToActor: r.assigned,
    }));
    const findings = detect(events, this.config.alerts, await this.codes.closures(), now);
    let changed = 0;
    for (const finding of findings) changed += await this.record(finding, now);
    if (changed > 0) this.logger.log({ msg: 'access alerts raised', alerts: changed, events: events.length });
    return changed;
  }

  /** Inserts a finding or raises the stored count; an acknowledged alert whose count grew opens again. */
  private async record(f: Finding, now: Date): Promise<number> {
    const result: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO access_alerts (id, rule, actor_id, actor_unit_id, period, observed, threshold, first_at, last_at, status, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'open', $10)
       ON CONFLICT (rule, actor_id, period) DO UPDATE SET
         observed = EXCLUDED.observed,
         threshold = EXCLUDED.threshold,
         first_at = LEAST(access_alerts.first_at, EXCLUDED.first_at),
         last_at = GREATEST(access_alerts.last_at, EXCLUDED.last_at),
         actor_unit_id = COALESCE(EXCLUDED.actor_unit_id, access_alerts.actor_unit_id),
         status = 'open'
       WHERE EXCLUDED.observed > access_alerts.observed
       RETURNING id`,
      [randomUUID(), f.rule, f.actorId, f.actorUnitId, f.period, f.observed, f.threshold, f.firstAt, f.lastAt, now],
    );
    return result.length;
  }

  /** The alerts about staff of the supervisor's unit, open ones first. */
  list(actor: Actor, query: AlertQueryDto): Promise<AlertDto[]> {
    return this.tx.run(actor, async (tx) => {
      const qb = tx.manager
        .getRepository(AccessAlert)
        .createQueryBuilder('a')
        .innerJoin('users', 'u', 'u.id = a.actor_id')
        .addSelect('u.display_name', 'actor_name')
        .where('a.actor_unit_id = :unit', { unit: actor.unitId })
        .orderBy(`CASE WHEN a.status = 'open' THEN 0 ELSE 1 END`)
        .addOrderBy('a.last_at', 'DESC')
        .limit(200);
      if (query.status) qb.andWhere('a.status = :status', { status: query.status });
      const { entities, raw } = await qb.getRawAndEntities<{ actor_name: string }>();
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.AlertList, resourceType: 'alert' });
      return entities.map((a, i) => toDto(a, raw[i].actor_name));
    });
  }

  /** A supervisor records the follow-up; an alert about herself is for another supervisor. */
  acknowledge(actor: Actor, id: string, dto: AcknowledgeAlertDto): Promise<AlertDto> {
    return this.tx.run(actor, async (tx) => {
      const alert = await tx.manager
        .getRepository(AccessAlert)
        .createQueryBuilder('a')
        .where('a.id = :id AND a.actor_unit_id = :unit', { id, unit: actor.unitId })
        .setLock('pessimistic_write')
        .getOne();
      if (!alert) throw new NotFoundError('アラートが見つかりません');
      if (alert.actorId === actor.userId) {
        tx.denied({ category: AuditCategory.Security, action: AuditAction.AlertAcknowledge, resourceType: 'alert', resourceId: id, reason: 'own-alert' });
        throw new DomainError(HttpStatus.FORBIDDEN, '自分に関するアラートは他の査察指導員が確認します');
      }
      if (alert.status === AlertStatus.Acknowledged) throw new ConflictError('このアラートは確認済みです');
      const acknowledged = { status: AlertStatus.Acknowledged, acknowledgedBy: actor.userId, acknowledgedAt: this.clock.now(), note: dto.note ?? null };
      await tx.manager.update(AccessAlert, { id }, acknowledged);
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.AlertAcknowledge, resourceType: 'alert', resourceId: id });
      const name: Array<{ display_name: string }> = await tx.manager.query(`SELECT display_name FROM users WHERE id = $1`, [alert.actorId]);
      return toDto({ ...alert, ...acknowledged }, name[0]?.display_name ?? '');
    });
  }
}

function toDto(a: AccessAlert, actorName: string): AlertDto {
  return {
    id: a.id,
    rule: a.rule,
    ruleLabel: ALERT_RULE_LABELS[a.rule] ?? a.rule,
    actorId: a.actorId,
    actorName,
    period: a.period,
    observed: a.observed,
    threshold: a.threshold,
    firstAt: a.firstAt.toISOString(),
    lastAt: a.lastAt.toISOString(),
    status: a.status,
    acknowledgedBy: a.acknowledgedBy,
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    note: a.note,
  };
}
