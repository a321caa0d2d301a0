import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, addMonths, fiscalYearLabel, fiscalYearRange, invalidField, isValidDate } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { EntityManager } from 'typeorm';
import { ProgramReport, ProgramReportQueryDto, ReportFigure, ReportSection } from './dto/program-report.dto';
import { gaussSuppress, PublishedNumber } from './gauss-suppression';
import { latestRuns, runCounts } from './latest-runs';
import { PROGRAM_REPORT, REPORT_AGGREGATES } from './program-report/definition';
import { DraftFigure, evaluateReport, otherReceivedSections, ReportInputs } from './program-report/evaluate';
import { SUPPRESSED_NOTE } from './release-plan';

/**
 * The fiscal-year program report (令和N年度 実施事業): the declared report (program-report/
 * definition.ts) evaluated over the monthly statistics and the received figures — never over
 * case tables, so it needs no case access — then published section by section. Headline figures
 * the city publishes by policy are shown as they are.
 */
@Injectable()
export class ProgramReportService {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  report(actor: Actor, query: ProgramReportQueryDto): Promise<ProgramReport> {
    const { from, to } = fiscalYearRange(query.fiscalYear);
    const asOf = query.asOf ?? to;
    if (!isValidDate(asOf) || asOf < from || asOf > to) throw invalidField('asOf', 'その年度の日付を指定してください', 'withinFiscalYear');
    const months: string[] = [];
    for (let m = from.slice(0, 7); m <= asOf.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) months.push(m);
    return this.tx.run(actor, async (tx) => {
      const runs: { id: string; period: string }[] = await latestRuns(tx.manager, months);
      const inputs = await this.inputs(tx.manager, query.fiscalYear, asOf, months, runs.map((r) => r.id));
      const sections = evaluateReport(PROGRAM_REPORT, inputs).map((d) => this.publish(d.code, d.title, d.figures));
      const programs: { code: string; name: string }[] = await tx.manager.query(`SELECT code, name FROM programs`);
      for (const other of otherReceivedSections(inputs, Object.values(REPORT_AGGREGATES), new Map(programs.map((p) => [p.code, p.name])))) {
        sections.push({ ...other, publication: 'as-published', figures: other.figures.map(strip) });
      }
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.ReportProgramRead, resourceType: 'report', detailCode: `${query.fiscalYear}:${asOf}` });
      return {
        fiscalYear: query.fiscalYear,
        fiscalYearLabel: fiscalYearLabel(query.fiscalYear),
        asOf,
        sections,
        missingMonths: months.filter((m) => !runs.some((r) => r.period === m)),
        note: SUPPRESSED_NOTE,
      };
    });
  }

  /** What the report is computed from: the period's cells, the facilities, the received figures and the facilities' own reports. */
  private async inputs(manager: EntityManager, fiscalYear: number, asOf: string, months: string[], runIds: string[]): Promise<ReportInputs> {
    const { from, to } = fiscalYearRange(fiscalYear);
    const cells = await runCounts(manager, runIds);
    const facilities: { id: string; name: string; kind: string; status: string; in_city: boolean }[] = await manager.query(`SELECT id, name, kind, status, in_city FROM facilities ORDER BY created_at, id`);
    const entries: { period: string; program_code: string; metric: string; value: string | number; source: string }[] = await manager.query(
      `SELECT period, program_code, metric, value, source FROM statistics_aggregate_entries WHERE period <= $1 ORDER BY period`,
      [to.slice(0, 7)],
    );
    const reports: { facility_id: string; month: string; households: number; exits: number }[] = await manager.query(
      `SELECT facility_id, month, households, exits FROM facility_monthly_reports WHERE month BETWEEN $1 AND $2 ORDER BY month`,
      [from.slice(0, 7), to.slice(0, 7)],
    );
    return {
      fiscalYear,
      asOf,
      months,
      cells,
      facilities: facilities.map((f) => ({ id: f.id, name: f.name, kind: f.kind, status: f.status, inCity: f.in_city })),
      entries: entries.map((e) => ({ period: e.period, programCode: e.program_code, metric: e.metric, value: Number(e.value), source: e.source })),
      facilityReports: reports.map((r) => ({ facilityId: r.facility_id, month: r.month, households: r.households, exits: r.exits })),
    };
  }

  /**
   * A section as published: as it is when the city's policy says so, else with counts of 1..k-1
   * hidden (and whatever would give them away through the section's totals), at the public k.
   */
  private publish(code: ReportSection['code'], title: string, drafts: DraftFigure[]): ReportSection {
    if (!(this.config.statistics.suppressedSections as readonly string[]).includes(code)) return { code, title, publication: 'as-published', figures: drafts.map(strip) };
    const inner = drafts.map((d, i) => (d.parts ? -1 : i)).filter((i) => i >= 0);
    const cell = new Map(inner.map((figureIndex, cellIndex) => [figureIndex, cellIndex]));
    const numbers: PublishedNumber[] = drafts.map((d, i) => ({ terms: d.parts ? d.parts.map((p) => cell.get(p)!) : [cell.get(i)!], value: d.value ?? 0 }));
    const { hidden } = gaussSuppress(numbers, inner.length, this.config.statistics.kPublic);
    return { code, title, publication: 'suppressed', figures: drafts.map((d, i) => (hidden[i] ? { ...strip(d), value: null, display: 'X' } : strip(d))) };
  }
}

const strip = ({ parts: _parts, ...f }: DraftFigure): ReportFigure => f;
