import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, addMonths, Clock, ConflictError, fiscalYearLabel, fiscalYearRange, InvalidInputError, NotFoundError } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { randomUUID } from 'node:crypto';
import { CreateReleaseDto, ReleaseDto } from './dto/release.dto';
import { EarlierReleaseConflict } from './gauss-suppression';
import { PlannedCell, planRelease, publishedCell, SUPPRESSION_NOTE } from './release-plan';
import { ReleaseCell, StatisticsRelease } from './statistics.entities';
import { latestRuns, runCounts } from './latest-runs';
import { Metric } from './metric-names';

/**
 * Metrics a public release carries: counts that add up over months. Stocks and distinct counts
 * (followers, 実人数) don't, and shelter and facility figures stay out of public exports.
 */
export const PUBLIC_METRICS: readonly Metric[] = [Metric.Contacts, Metric.CasesOpened, Metric.CasesClosed, Metric.LineSessions, Metric.LineAnswered, Metric.LineFollows, Metric.Provisions, Metric.Transports, Metric.Referrals];

/**
 * Public releases: frozen, audited snapshots of a fiscal year up to a month, suppressed at the
 * public k over everything published for the year, earlier releases held fixed.
 */
@Injectable()
export class ReleasesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  create(actor: Actor, dto: CreateReleaseDto): Promise<ReleaseDto> {
    const { from, to } = fiscalYearRange(dto.fiscalYear);
    if (dto.upToMonth < from.slice(0, 7) || dto.upToMonth > to.slice(0, 7)) {
      throw new InvalidInputError([{ field: 'upToMonth', message: 'その年度の月を指定してください', constraints: ['withinFiscalYear'] }]);
    }
    const months: string[] = [];
    for (let m = from.slice(0, 7); m <= dto.upToMonth; m = addMonths(`${m}-01`, 1).slice(0, 7)) months.push(m);
    const k = this.config.statistics.kPublic;
    return this.tx.run(actor, async (tx) => {
      // One release of a year at a time: each builds on the one before.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('statistics-release'), $1)`, [dto.fiscalYear]);
      const runs: { id: string; period: string }[] = await latestRuns(tx.manager, months);
      const missing = months.filter((m) => !runs.some((r) => r.period === m));
      if (missing.length) throw new ConflictError(`集計が済んでいない月があります：${missing.join('、')}`);
      const previous = await tx.manager.findOne(StatisticsRelease, { where: { fiscalYear: dto.fiscalYear }, order: { createdAt: 'DESC' } });
      if (previous && previous.upToMonth > dto.upToMonth) throw new ConflictError('公表済みの月より前までの公表はできません');
      const earlier: PlannedCell[] = previous ? await tx.manager.find(ReleaseCell, { where: { releaseId: previous.id } }) : [];
      const counts = await runCounts(tx.manager, runs.map((r) => r.id), PUBLIC_METRICS);
      let plan: PlannedCell[];
      try {
        plan = planRelease(
          counts,
          months,
          k,
          earlier,
        );
      } catch (error) {
        // A month corrected since the last release can make what it published give a cell away.
        if (error instanceof EarlierReleaseConflict) throw new ConflictError('前回の公表値と合わせると秘匿すべき数が分かってしまうため、この公表は作成できません。前回の公表以降に訂正された月を確認してください');
        throw error;
      }
      const release: StatisticsRelease = { id: randomUUID(), fiscalYear: dto.fiscalYear, upToMonth: dto.upToMonth, k, createdBy: actor.userId, createdAt: this.clock.now() };
      await tx.manager.insert(StatisticsRelease, release);
      for (let i = 0; i < plan.length; i += 500) {
        await tx.manager.insert(ReleaseCell, plan.slice(i, i + 500).map((c) => ({ releaseId: release.id, ...c })));
      }
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsReleaseCreate, resourceType: 'statistics-release', resourceId: release.id, detailCode: `${dto.fiscalYear}:${dto.upToMonth}` });
      return this.toDto(release, plan);
    });
  }

  get(actor: Actor, id: string): Promise<ReleaseDto> {
    return this.tx.run(actor, async (tx) => {
      const release = await tx.manager.findOne(StatisticsRelease, { where: { id } });
      if (!release) throw new NotFoundError('公表データが見つかりません');
      const cells = await tx.manager.find(ReleaseCell, { where: { releaseId: id } });
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsReleaseRead, resourceType: 'statistics-release', resourceId: id });
      return this.toDto(release, cells);
    });
  }

  private toDto(release: StatisticsRelease, cells: PlannedCell[]): ReleaseDto {
    const order = (c: PlannedCell) => `${c.programCode}|${c.metric}|${c.dimension}|${c.key}|${c.period}`;
    return {
      id: release.id,
      fiscalYear: release.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(release.fiscalYear),
      upToMonth: release.upToMonth,
      k: release.k,
      createdAt: release.createdAt.toISOString(),
      note: SUPPRESSION_NOTE,
      cells: [...cells]
        .sort((a, b) => order(a).localeCompare(order(b)))
        .map(publishedCell),
    };
  }
}
