import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, Clock, ConflictError, NotFoundError } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { randomUUID } from 'node:crypto';
import { CaseAccessService } from '../access/case-access.service';
import { Case } from '../cases/case.entity';
import { BreakGlassGrant } from './break-glass-grant.entity';
import { BreakGlassGrantDto, BreakGlassQueryDto, ReviewBreakGlassDto } from './dto/break-glass.dto';

/** Opening a restricted case in an emergency: a stated reason, a time limit, a supervisor's review. */
@Injectable()
export class BreakGlassService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  open(actor: Actor, caseId: string, reason: string): Promise<BreakGlassGrantDto> {
    return this.tx.run(actor, async (tx) => {
      const item = await tx.manager.findOne(Case, { where: { id: caseId, unitId: actor.unitId ?? undefined } });
      if (!item) throw this.access.notFound(tx, AuditAction.CaseBreakGlass, 'case', caseId, caseId);
      if ((await this.access.readableCaseIds(tx.manager, actor, [caseId])).has(caseId)) {
        throw new ConflictError('このケースは既に閲覧できます。緊急閲覧は不要です');
      }
      const now = this.clock.now();
      const grant: BreakGlassGrant = {
        id: randomUUID(),
        caseId,
        userId: actor.userId,
        reason,
        grantedAt: now,
        expiresAt: new Date(now.getTime() + this.config.cases.breakGlassMs),
        reviewedAt: null,
        reviewedBy: null,
        reviewNote: null,
      };
      await tx.manager.insert(BreakGlassGrant, grant);
      await tx.audit({
        category: AuditCategory.Case,
        action: AuditAction.CaseBreakGlass,
        resourceType: 'break-glass',
        resourceId: grant.id,
        caseId,
        reason,
        detailCode: 'review-required',
      });
      return toDto(grant);
    });
  }

  list(actor: Actor, query: BreakGlassQueryDto): Promise<BreakGlassGrantDto[]> {
    return this.tx.run(actor, async (tx) => {
      const qb = tx.manager
        .getRepository(BreakGlassGrant)
        .createQueryBuilder('g')
        .innerJoin(Case, 'c', 'c.id = g.case_id')
        .where('c.unit_id = :unit', { unit: actor.unitId })
        .orderBy('g.granted_at', 'DESC')
        .limit(200);
      if (query.reviewed === false) qb.andWhere('g.reviewed_at IS NULL');
      if (query.reviewed === true) qb.andWhere('g.reviewed_at IS NOT NULL');
      const grants = await qb.getMany();
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.BreakGlassList, resourceType: 'break-glass' });
      return grants.map(toDto);
    });
  }

  review(actor: Actor, grantId: string, dto: ReviewBreakGlassDto): Promise<BreakGlassGrantDto> {
    return this.tx.run(actor, async (tx) => {
      const grant = await tx.manager
        .getRepository(BreakGlassGrant)
        .createQueryBuilder('g')
        .innerJoin(Case, 'c', 'c.id = g.case_id')
        .where('g.id = :grantId AND c.unit_id = :unit', { grantId, unit: actor.unitId })
        .setLock('pessimistic_write', undefined, ['g'])
        .getOne();
      if (!grant) throw new NotFoundError('緊急閲覧の記録が見つかりません');
      if (grant.reviewedAt) throw new ConflictError('この緊急閲覧は確認済みです');
      const reviewed = { reviewedAt: this.clock.now(), reviewedBy: actor.userId, reviewNote: dto.note ?? null };
      await tx.manager.update(BreakGlassGrant, { id: grantId }, reviewed);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.BreakGlassReview, resourceType: 'break-glass', resourceId: grantId, caseId: grant.caseId });
      return toDto({ ...grant, ...reviewed });
    });
  }
}

function toDto(g: BreakGlassGrant): BreakGlassGrantDto {
  return {
    id: g.id,
    caseId: g.caseId,
    userId: g.userId,
    reason: g.reason,
    grantedAt: g.grantedAt.toISOString(),
    expiresAt: g.expiresAt.toISOString(),
    reviewedAt: g.reviewedAt?.toISOString() ?? null,
    reviewedBy: g.reviewedBy,
    reviewNote: g.reviewNote,
  };
}
