import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, addDays, addMonths, Clock, ConflictError, fiscalYearOf, fiscalYearRange, InvalidInputError, jstDate, jstStartOfDay, NotFoundError } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { JOB_QUEUE_TOKEN, JobContext, JobName, JobQueue } from '@tsunagu/queue';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In } from 'typeorm';
import { CreateRunDto, MonthlyCellDto, MonthlyDto, MonthlyQueryDto, RunDto } from './dto/statistics.dto';
import { bind, METRICS } from './metrics';
import { RunStatus, StatisticsRun } from './statistics.entities';
import { PlannedCell, publishedCell, SUPPRESSION_NOTE } from './release-plan';
import { planMonthlyView } from './suppression';
import { latestRuns, runCounts } from './latest-runs';

/** A run that holds its month: another for the same month waits until it is done or failed. */
const UNFINISHED: readonly RunStatus[] = [RunStatus.Queued, RunStatus.Running];

const MAX_MONTHS = 24;
const PLAN_CACHE_SIZE = 8;

const runDto = (r: StatisticsRun): RunDto => ({
  id: r.id,
  period: r.period,
  status: r.status,
  progress: r.progress,
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
  errorCode: r.errorCode,
});

/** Months between two YYYY-MM, inclusive. */
function months(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length <= MAX_MONTHS; m = addMonths(`${m}-01`, 1).slice(0, 7)) out.push(m);
  return out;
}

/** Field by field, in code-point order. */
function compareTuples(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/**
 * Monthly anonymized statistics: runs computed in the worker from the case tables, read by
 * statisticians (and supervisors) with small counts suppressed. A run writes its rows under
 * its own id while it works; only when all are written does it become the month's figures, in
 * one short transaction — so a crashed run leaves the previous result in place.
 */
@Injectable()
export class StatisticsService {
  private readonly logger = new Logger('Statistics');
  /** Monthly-view plans by fiscal year, keyed by k and run ids; oldest dropped first. */
  private readonly plans = new Map<string, readonly PlannedCell[]>();

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async request(actor: Actor, dto: CreateRunDto): Promise<RunDto> {
    if (dto.period > jstDate(this.clock.now()).slice(0, 7)) {
      throw new InvalidInputError([{ field: 'period', message: '今月までの月を指定してください', constraints: ['pastMonth'] }]);
    }
    const run = await this.tx.run(actor, async (tx) => {
      const busy = await tx.manager.existsBy(StatisticsRun, { period: dto.period, status: In([...UNFINISHED]) });
      if (busy) throw new ConflictError('この月の集計は実行中です。終わってから再実行してください');
      const created = this.newRun(dto.period, actor.userId);
      await tx.manager.insert(StatisticsRun, created);
      await this.stageRun(tx.manager, created);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsRunRequest, resourceType: 'statistics-run', resourceId: created.id, detailCode: dto.period });
      return created;
    });
    await this.dispatchStaged();
    return runDto(run);
  }

  async runs(actor: Actor): Promise<RunDto[]> {
    return this.tx.run(actor, async (tx) => {
      const rows = await tx.manager.find(StatisticsRun, { order: { createdAt: 'DESC' }, take: 100 });
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsRunList, resourceType: 'statistics-run' });
      return rows.map(runDto);
    });
  }

  async run(actor: Actor, id: string): Promise<RunDto> {
    return this.tx.run(actor, async (tx) => {
      const row = await tx.manager.findOne(StatisticsRun, { where: { id } });
      if (!row) throw new NotFoundError('集計が見つかりません');
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsRunRead, resourceType: 'statistics-run', resourceId: id });
      return runDto(row);
    });
  }

  /**
   * The months' figures from their latest finished runs, suppressed at the internal k over each
   * fiscal year touched (see planMonthlyView); the range, program and dimension only select what
   * is returned. Totals and one-way breakdowns only: cross-tabulations are for fiscal-year
   * releases, never this view.
   */
  async monthly(actor: Actor, query: MonthlyQueryDto): Promise<MonthlyDto> {
    if (query.to < query.from || months(query.from, query.to).length > MAX_MONTHS) {
      throw new InvalidInputError([{ field: 'to', message: `開始月以降、${MAX_MONTHS}か月以内で指定してください`, constraints: ['range'] }]);
    }
    const wanted = months(query.from, query.to);
    const years = [...new Set(wanted.map((m) => fiscalYearOf(`${m}-01`)))];
    const yearMonths = years.flatMap((fy) => {
      const { from, to } = fiscalYearRange(fy);
      return months(from.slice(0, 7), to.slice(0, 7));
    });
    return this.tx.run(actor, async (tx) => {
      const latest: { id: string; period: string }[] = await latestRuns(tx.manager, yearMonths);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsMonthlyRead, resourceType: 'statistics', detailCode: `${query.from}..${query.to}` });
      // Filters apply to the plan, never to what is planned.
      const asked = new Set(wanted);
      const wantedCell = (c: PlannedCell) =>
        asked.has(c.period) && (!query.program || c.programCode === query.program) && (!query.dimension || c.dimension === query.dimension || c.dimension === 'total');
      const selected: PlannedCell[] = [];
      for (const fy of years) {
        for (const c of await this.yearPlan(tx.manager, latest.filter((r) => fiscalYearOf(`${r.period}-01`) === fy))) if (wantedCell(c)) selected.push(c);
      }
      const order = (c: PlannedCell) => [c.period, c.programCode, c.metric, c.dimension, c.key];
      const cells: MonthlyCellDto[] = selected
        .sort((a, b) => compareTuples(order(a), order(b)))
        .map(publishedCell);
      const done = new Set(latest.map((r) => r.period).filter((m) => asked.has(m)));
      const stale: { period: string }[] = await tx.manager.query(`SELECT period FROM statistics_stale_months WHERE period = ANY($1) ORDER BY period`, [[...done]]);
      return { cells, missing: wanted.filter((m) => !done.has(m)), stale: stale.map((r) => r.period), note: SUPPRESSION_NOTE };
    });
  }

  /**
   * A fiscal year's monthly-view plan from its months' latest runs. A finished run's rows never
   * change, so the plan is kept by run ids: planning a busy year takes most of a second.
   */
  private async yearPlan(manager: EntityManager, runs: readonly { id: string; period: string }[]): Promise<readonly PlannedCell[]> {
    if (!runs.length) return [];
    const k = this.config.statistics.kInternal;
    const key = `${k}|${runs.map((r) => r.id).sort().join(',')}`;
    const cached = this.plans.get(key);
    if (cached) return cached;
    const plan = planMonthlyView(
      await runCounts(manager, runs.map((r) => r.id)),
      runs.map((r) => r.period),
      k,
    );
    if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
    this.plans.set(key, plan);
    return plan;
  }

  /** The job: computes the month under the run's id, then swaps it in. Safe to retry after a crash. */
  async execute(runId: string, ctx: JobContext): Promise<void> {
    const run = await this.dataSource.manager.findOne(StatisticsRun, { where: { id: runId } });
    if (!run || run.status === RunStatus.Done) return;
    const { period } = run;
    const first = `${period}-01`;
    const next = addMonths(first, 1);
    const today = jstDate(this.clock.now());
    const values = { run: runId, period, start: jstStartOfDay(first), end: jstStartOfDay(next), first, last: addDays(next, -1), today, cap: today < next ? today : next };
    try {
      await this.dataSource.query(`UPDATE statistics_runs SET status = $2, started_at = $3, progress = 0, error_code = NULL WHERE id = $1`, [runId, RunStatus.Running, this.clock.now()]);
      // From here on the run reads the current data; a change made while it works marks the month again.
      await this.dataSource.query(`DELETE FROM statistics_stale_months WHERE period = $1`, [period]);
      // A retried run starts from nothing.
      await this.dataSource.query(`DELETE FROM monthly_statistics WHERE run_id = $1`, [runId]);
      for (let i = 0; i < METRICS.length; i++) {
        const [sql, params] = bind(METRICS[i].sql, values);
        await this.dataSource.query(sql, params);
        await this.dataSource.query(`UPDATE statistics_runs SET progress = $2 WHERE id = $1`, [runId, Math.floor(((i + 1) / METRICS.length) * 95)]);
      }
      await this.tx.run({ requestId: `job:${JobName.StatisticsRun}:${runId}`, ip: null }, async (tx) => {
        // Two runs of a month finishing together: one at a time, the later one wins.
        await tx.manager.query(`SELECT id FROM statistics_runs WHERE period = $1 FOR UPDATE`, [period]);
        await tx.manager.query(`DELETE FROM monthly_statistics WHERE period = $1 AND run_id <> $2`, [period, runId]);
        await tx.manager.query(`UPDATE statistics_runs SET status = $2, progress = 100, finished_at = $3 WHERE id = $1`, [runId, RunStatus.Done, this.clock.now()]);
        await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsRunDone, resourceType: 'statistics-run', resourceId: runId, detailCode: period });
      });
    } catch (error) {
      const last = ctx.attempt >= ctx.maxAttempts;
      this.logger.warn({ runId, attempt: ctx.attempt, errorType: (error as Error)?.name }, 'Statistics run failed');
      await this.dataSource
        .query(`UPDATE statistics_runs SET status = $2, error_code = $3 WHERE id = $1`, [runId, last ? RunStatus.Failed : RunStatus.Queued, (error as { code?: string })?.code ?? 'error'])
        .catch(() => undefined);
      if (!last) throw error;
    }
  }

  /** The monthly schedule (02:00 JST on the 1st): last month, and every computed month marked stale since. */
  async scheduled(): Promise<string[]> {
    const last = addMonths(`${jstDate(this.clock.now()).slice(0, 7)}-01`, -1).slice(0, 7);
    const runs = await this.tx.run({ requestId: `job:${JobName.StatisticsMonthly}:${last}`, ip: null }, async (tx) => {
      // Two workers firing the schedule together (or one retrying it): the second waits here,
      // then finds the month already queued, running or just scheduled, and adds nothing.
      await tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('tsunagu.statistics.scheduled'))`);
      const [{ taken }]: { taken: boolean }[] = await tx.manager.query(
        `SELECT EXISTS (SELECT 1 FROM statistics_runs
                         WHERE period = $1 AND (status = ANY($3) OR (requested_by IS NULL AND created_at > $2))) AS taken`,
        [last, new Date(this.clock.now().getTime() - 6 * 3_600_000), UNFINISHED],
      );
      const stale: { period: string }[] = await tx.manager.query(
        `SELECT s.period FROM statistics_stale_months s
          WHERE EXISTS (SELECT 1 FROM statistics_runs r WHERE r.period = s.period AND r.status = $1)
            AND NOT EXISTS (SELECT 1 FROM statistics_runs r WHERE r.period = s.period AND r.status = ANY($2))
          ORDER BY s.period`,
        [RunStatus.Done, UNFINISHED],
      );
      const periods = [...new Set([...(taken ? [] : [last]), ...stale.map((s) => s.period)])];
      if (periods.length === 0) {
        await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsRunSchedule, resourceType: 'statistics-run', detailCode: 'already-scheduled' });
        return [];
      }
      const created = periods.map((period) => this.newRun(period, null));
      for (const run of created) {
        await tx.manager.insert(StatisticsRun, run);
        await this.stageRun(tx.manager, run);
      }
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.StatisticsRunSchedule, resourceType: 'statistics-run', detailCode: periods.join(',').slice(0, 120) });
      return created;
    });
    if (runs.length) await this.dispatchStaged();
    return runs.map((r) => r.period);
  }

  /** The run's job, committed with the run: a queued run always has its job, even after a crash. */
  private async stageRun(manager: EntityManager, run: StatisticsRun): Promise<void> {
    await this.queue.stage(manager, JobName.StatisticsRun, { runId: run.id }, { idempotencyKey: `statistics-run-${run.id}` });
  }

  /** Best effort once committed: what this does not hand over, the outbox relay does on its next pass or at the next start. */
  private async dispatchStaged(): Promise<void> {
    await this.queue.dispatchStaged().catch((error: unknown) => this.logger.warn({ errorType: (error as Error)?.name }, 'Statistics job left to the outbox relay'));
  }

  private newRun(period: string, requestedBy: string | null): StatisticsRun {
    return { id: randomUUID(), period, status: RunStatus.Queued, progress: 0, requestedBy, createdAt: this.clock.now(), startedAt: null, finishedAt: null, errorCode: null };
  }
}
