import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, addMonths, eraYear, fiscalYearLabel, fiscalYearOf, fiscalYearRange, invalidField, IsCalendarDate, IsOmittable, isValidDate, toCsv } from '@tsunagu/common';
import { APP_CONFIG, AppConfig, ReportSection as ReportSectionCode } from '@tsunagu/config';
import { FacilityKind, PlacementKind } from '@tsunagu/facilities';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import ExcelJS from 'exceljs';
import { EntityManager } from 'typeorm';
import { gaussSuppress, PublishedNumber } from './gauss-suppression';
import { latestRuns, runCounts } from './latest-runs';
import { PlanInput, SUPPRESSED_NOTE } from './release-plan';

export class ProgramReportQueryDto {
  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @ApiProperty({ example: '2025-12-31', required: false, description: 'Count up to the end of this month (JST); the whole year by default' })
  @IsOmittable() @IsCalendarDate() asOf?: string;
  @ApiProperty({ enum: ['json', 'csv', 'xlsx'], required: false }) @IsOmittable() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class ReportFigure {
  @ApiProperty({ example: '相談件数（延べ）' }) label: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Null when suppressed, not entered yet, or not applicable (a suspended facility)' }) value: number | null;
  @ApiProperty({ description: 'As printed: the number, X (suppressed), 休止中 or 未入力' }) display: string;
  @ApiProperty({ example: '件' }) unit: string;
  @ApiProperty({ example: 'R7年12月末日現在' }) asOf: string;
  @ApiPropertyOptional({ description: 'Where a figure comes from when it is not computed from casework' }) source?: string;
}

export class ReportSection {
  @ApiProperty({ example: 'consultation-room' }) code: string;
  @ApiProperty({ example: '女性相談室' }) title: string;
  @ApiProperty({ enum: ['as-published', 'suppressed'], description: 'as-published: shown as they are (city policy); suppressed: small counts hidden at the public k' }) publication: 'as-published' | 'suppressed';
  @ApiProperty({ type: [ReportFigure] }) figures: ReportFigure[];
}

export class ProgramReport {
  @ApiProperty({ example: 2025 }) fiscalYear: number;
  @ApiProperty({ example: '令和7年度' }) fiscalYearLabel: string;
  @ApiProperty({ example: '2025-12-31' }) asOf: string;
  @ApiProperty({ type: [ReportSection] }) sections: ReportSection[];
  @ApiProperty({ type: [String], description: 'Months of the period without a finished statistics run: their figures are missing' }) missingMonths: string[];
  @ApiProperty() note: string;
}

/** The programs the 女性相談室 section adds up (the consultation room and the DV centre share it). */
export const CONSULTATION_ROOM_PROGRAMS = ['josei-soudan', 'dv-center'];

/**
 * Figures the city receives rather than records (contractors' monthly reports, non-case
 * activities), entered as aggregate entries under these program and metric codes.
 */
export const REPORT_AGGREGATES = {
  lgbtqPhone: { programCode: 'lgbtq-phone', metric: 'consultations' },
  lgbtqLine: { programCode: 'lgbtq-line', metric: 'consultations' },
  partnership: { programCode: 'partnership-oath', metric: 'oaths' },
  careerInPerson: { programCode: 'career-hoken', metric: 'consultations-in-person' },
  careerOnline: { programCode: 'career-hoken', metric: 'consultations-online' },
  padSchools: { programCode: 'pad-distribution', metric: 'schools' },
  padPupils: { programCode: 'pad-distribution', metric: 'pupils' },
} as const;

interface Entry {
  period: string;
  program_code: string;
  metric: string;
  value: number;
  source: string;
}

/** A figure while the report is built: `parts` are the figures of its section it adds up. */
interface Draft extends ReportFigure {
  parts?: number[];
}

/** "R7年12月末日現在", as the reference report dates its figures. */
export function asOfLabel(asOf: string): string {
  const { era, year } = eraYear(asOf, 'narrow');
  return `${era}${year}年${Number(asOf.slice(5, 7))}月末日現在`;
}

/** "R8年1月末現在": the last month a received figure covers. */
function monthEndLabel(month: string): string {
  const { era, year } = eraYear(`${month}-01`, 'narrow');
  return `${era}${year}年${Number(month.slice(5, 7))}月末現在`;
}

/** "R8年1月1日現在": a facility's report of who was in residence on the 1st. */
function firstOfMonthLabel(month: string): string {
  const { era, year } = eraYear(`${month}-01`, 'narrow');
  return `${era}${year}年${Number(month.slice(5, 7))}月1日現在`;
}

/**
 * The fiscal-year program report (令和N年度 実施事業), built only from the monthly statistics and
 * the aggregate entries — never from case tables — so it needs no case access. Headline figures
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
      const rows = await runCounts(tx.manager, runs.map((r) => r.id));
      const report = await this.build(tx.manager, query.fiscalYear, asOf, months, rows);
      report.missingMonths = months.filter((m) => !runs.some((r) => r.period === m));
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.ReportProgramRead, resourceType: 'report', detailCode: `${query.fiscalYear}:${asOf}` });
      return report;
    });
  }

  /** The report as CSV: UTF-8 with a BOM (Excel opens it right), one row per figure; a suppressed value is empty. */
  static toCsv(report: ProgramReport): string {
    const rows = report.sections.flatMap((section) =>
      section.figures.map((f) => [report.fiscalYearLabel, section.title, f.label, f.value, f.display === 'X' ? 'true' : 'false', f.unit, f.asOf, f.source ?? '']),
    );
    return toCsv(['年度', 'section', 'label', 'value', 'suppressed', 'unit', 'as_of', 'source'], rows);
  }

  /** The report as an XLSX workbook: one sheet, a table per section as the report lays them out, Japanese headers. */
  static async toXlsx(report: ProgramReport): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Tsunagu';
    const sheet = workbook.addWorksheet(`${report.fiscalYearLabel} 実施事業`);
    sheet.columns = [{ width: 36 }, { width: 12 }, { width: 8 }, { width: 22 }, { width: 24 }];
    sheet.addRow([`${report.fiscalYearLabel} 実施事業`]).font = { bold: true, size: 14 };
    for (const section of report.sections) {
      sheet.addRow([]);
      sheet.addRow([section.title]).font = { bold: true };
      const header = sheet.addRow(['項目', '実績', '単位', '時点', '出典']);
      header.font = { bold: true };
      for (const f of section.figures) sheet.addRow([f.label, f.value ?? f.display, f.unit, f.asOf, f.source ?? '']);
    }
    sheet.addRow([]);
    if (report.sections.some((s) => s.figures.some((f) => f.display === 'X'))) sheet.addRow([report.note]);
    if (report.missingMonths.length) sheet.addRow([`集計のない月：${report.missingMonths.join('、')}`]);
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  private async build(manager: EntityManager, fiscalYear: number, asOf: string, months: string[], rows: PlanInput[]): Promise<ProgramReport> {
    const label = asOfLabel(asOf);
    const sum = (metric: string, dimension: string, key: string | null, programs?: string[], keys?: Set<string>) =>
      rows
        .filter((r) => r.metric === metric && r.dimension === dimension && (key === null || r.key === key) && (!keys || keys.has(r.key)) && (!programs || programs.includes(r.programCode)))
        .reduce((n, r) => n + r.value, 0);
    const lastMonth = months[months.length - 1];
    // In the order they were entered: the report lists them as the city does.
    const facilities: { id: string; name: string; kind: string; status: string; in_city: boolean }[] = await manager.query(`SELECT id, name, kind, status, in_city FROM facilities ORDER BY created_at, id`);
    const ofKind = (kind: FacilityKind, inCity?: boolean) => facilities.filter((f) => f.kind === kind && (inCity === undefined || f.in_city === inCity));
    const names = (list: { name: string }[]) => new Set(list.map((f) => f.name));
    const figure = (labelText: string, value: number | null, unit: string, asOfText = label, source?: string): Draft => ({
      label: labelText,
      value,
      display: value === null ? '未入力' : String(value),
      unit,
      asOf: asOfText,
      ...(source ? { source } : {}),
    });
    const { from, to } = fiscalYearRange(fiscalYear);

    // Received figures: aggregate entries up to the end of the fiscal year (earlier years for the
    // multi-year tables), and the facilities' own monthly reports of the year.
    const entries: Entry[] = (
      await manager.query(`SELECT period, program_code, metric, value, source FROM statistics_aggregate_entries WHERE period <= $1 ORDER BY period`, [to.slice(0, 7)])
    ).map((e: Entry) => ({ ...e, value: Number(e.value) }));
    const ofYear = (year: number) => entries.filter((e) => fiscalYearOf(`${e.period}-01`) === year);
    const received = (code: { programCode: string; metric: string }, year = fiscalYear) => {
      const list = ofYear(year).filter((e) => e.program_code === code.programCode && e.metric === code.metric);
      return { list, value: list.reduce((n, e) => n + e.value, 0), last: list.at(-1)?.period, sources: [...new Set(list.map((e) => e.source))].join('・') };
    };
    /** One figure per fiscal year from the first with entries up to this one, as the report's 令和5年度：3件 lines. */
    const byYear = (code: { programCode: string; metric: string }, unit: string): Draft[] => {
      const years = [...new Set(entries.filter((e) => e.program_code === code.programCode && e.metric === code.metric).map((e) => fiscalYearOf(`${e.period}-01`)))];
      if (!years.includes(fiscalYear)) years.push(fiscalYear);
      return years
        .sort((a, b) => a - b)
        .map((year) => {
          const got = received(code, year);
          if (!got.list.length) return figure(fiscalYearLabel(year), null, unit, '', undefined);
          return figure(fiscalYearLabel(year), got.value, unit, year === fiscalYear ? monthEndLabel(got.last!) : '年度計', got.sources);
        });
    };
    /** A figure of the current year from entries, dated by the last month entered. */
    const thisYear = (labelText: string, codes: { programCode: string; metric: string }[], unit: string): Draft => {
      const got = codes.map((c) => received(c));
      const list = got.flatMap((g) => g.list);
      if (!list.length) return figure(labelText, null, unit, '');
      const last = list.map((e) => e.period).sort().at(-1)!;
      return figure(labelText, got.reduce((n, g) => n + g.value, 0), unit, monthEndLabel(last), [...new Set(list.map((e) => e.source))].join('・'));
    };
    const reports: { facility_id: string; month: string; households: number; exits: number }[] = await manager.query(
      `SELECT facility_id, month, households, exits FROM facility_monthly_reports WHERE month BETWEEN $1 AND $2 ORDER BY month`,
      [from.slice(0, 7), to.slice(0, 7)],
    );
    /** 延べ世帯数 and 退所世帯数 of facilities: from their own monthly reports where they send them, else computed. */
    const motherChild = (title: string, list: typeof facilities): Draft[] => {
      const reported = reports.filter((r) => list.some((f) => f.id === r.facility_id));
      if (reported.length) {
        const asOfText = firstOfMonthLabel(reported.at(-1)!.month);
        return [
          figure(`${title} 延べ世帯数`, reported.reduce((n, r) => n + r.households, 0), '世帯', asOfText, '施設月次報告'),
          figure(`${title} 退所世帯数`, reported.reduce((n, r) => n + r.exits, 0), '世帯', asOfText, '施設月次報告'),
        ];
      }
      const keys = names(list);
      return [figure(`${title} 延べ世帯数`, sum('facility-households', 'facility', null, undefined, keys), '世帯'), figure(`${title} 退所世帯数`, sum('facility-exits', 'facility', null, undefined, keys), '世帯')];
    };
    const maternity = ofKind(FacilityKind.Maternity, true).map((f) =>
      f.status === 'suspended' ? { ...figure(f.name, null, '人'), display: '休止中' } : figure(f.name, sum('facility-exits', 'facility', f.name), '人'),
    );
    maternity.push(figure('広域病院', sum('facility-exits', 'facility', null, undefined, names(ofKind(FacilityKind.Maternity, false))), '人'));
    const consultation = [
      figure('相談件数（延べ）', sum('contacts', 'total', 'all', CONSULTATION_ROOM_PROGRAMS), '件'),
      figure('うち電話対応', sum('contacts', 'channel', 'phone', CONSULTATION_ROOM_PROGRAMS), '件'),
      figure('DV件数', sum('contacts', 'dv', 'dv', CONSULTATION_ROOM_PROGRAMS), '件'),
    ];
    const career = [
      thisYear('相談件数', [REPORT_AGGREGATES.careerInPerson, REPORT_AGGREGATES.careerOnline], '件'),
      thisYear('うち対面', [REPORT_AGGREGATES.careerInPerson], '件'),
      thisYear('うちオンライン', [REPORT_AGGREGATES.careerOnline], '件'),
    ];
    career[0].parts = [1, 2];
    const shelters = names(ofKind(FacilityKind.PrivateShelter));

    const drafts: { code: ReportSectionCode; title: string; figures: Draft[] }[] = [
      { code: 'consultation-room', title: '女性相談室', figures: consultation },
      {
        code: 'private-shelter',
        title: '民間シェルター',
        figures: [
          figure('大人', sum('facility-adults', 'facility', null, undefined, shelters), '名'),
          figure('同伴児', sum('facility-children', 'facility', null, undefined, shelters), '名'),
          figure('受入日数', sum('facility-nights', 'facility', null, undefined, shelters), '日'),
        ],
      },
      {
        code: 'mother-child',
        title: '母子生活支援施設',
        figures: [...ofKind(FacilityKind.MotherChild, true).flatMap((f) => motherChild(f.name, [f])), ...motherChild('広域入所', ofKind(FacilityKind.MotherChild, false))],
      },
      { code: 'maternity', title: '助産施設（退所報告のあった人数）', figures: [...maternity, { ...figure('合計', maternity.reduce((n, f) => n + (f.value ?? 0), 0), '人'), parts: maternity.map((_, i) => i) }] },
      { code: 'entrusted-protection', title: '一時保護委託（市）', figures: [figure('件数', sum('placements', 'placement-kind', PlacementKind.EntrustedProtection), '件')] },
      { code: 'emergency-transport', title: '要保護女子緊急移送', figures: [figure('回数', sum('transports', 'total', 'all'), '回')] },
      {
        code: 'ashitaba-line',
        title: 'あしたば LINE相談',
        figures: [
          figure('相談件数', sum('line-answered', 'total', 'all', ['ashitaba-line']), '件'),
          figure('友だち登録者数', rows.filter((r) => r.period === lastMonth && r.metric === 'line-followers' && r.programCode === 'ashitaba-line').reduce((n, r) => n + r.value, 0), '人'),
          figure('生理用品提供数', sum('provisions', 'kind', 'sanitary-products', ['ashitaba-line']), 'セット'),
        ],
      },
      { code: 'lgbtq-phone', title: 'LGBTQ電話相談 相談件数', figures: byYear(REPORT_AGGREGATES.lgbtqPhone, '件') },
      { code: 'lgbtq-line', title: 'LGBTQ LINE相談 相談件数', figures: byYear(REPORT_AGGREGATES.lgbtqLine, '件') },
      { code: 'partnership', title: 'パートナーシップ宣誓 宣誓組数', figures: byYear(REPORT_AGGREGATES.partnership, '組') },
      { code: 'career', title: 'みんなのキャリアの保健室 相談実績', figures: career },
      {
        code: 'school-pads',
        title: '中学3年女子生徒への生理用品配付',
        figures: [thisYear('配付校数', [REPORT_AGGREGATES.padSchools], '校'), thisYear('配付人数', [REPORT_AGGREGATES.padPupils], '名')],
      },
    ];
    const sections: ReportSection[] = drafts.map((d) => this.publish(d.code, d.title, d.figures));

    // Other received figures (codes the report has no place for), summed over the year as entered.
    const known = new Set(Object.values(REPORT_AGGREGATES).map((c) => `${c.programCode}|${c.metric}`));
    const others = ofYear(fiscalYear).filter((e) => !known.has(`${e.program_code}|${e.metric}`));
    if (others.length) {
      const programs: { code: string; name: string }[] = await manager.query(`SELECT code, name FROM programs`);
      const byProgram = new Map<string, Entry[]>();
      for (const e of others) byProgram.set(e.program_code, [...(byProgram.get(e.program_code) ?? []), e]);
      for (const [code, list] of byProgram) {
        const metrics = [...new Set(list.map((e) => e.metric))].sort();
        const figures = metrics.map((metric) => {
          const mine = list.filter((e) => e.metric === metric);
          return figure(metric, mine.reduce((n, e) => n + e.value, 0), '', monthEndLabel(mine.at(-1)!.period), [...new Set(mine.map((e) => e.source))].join('・'));
        });
        sections.push({ code: `entries-${code}`, title: `${programs.find((p) => p.code === code)?.name ?? code}（集計値の入力）`, publication: 'as-published', figures });
      }
    }
    return { fiscalYear, fiscalYearLabel: fiscalYearLabel(fiscalYear), asOf, sections, missingMonths: [], note: SUPPRESSED_NOTE };
  }

  /**
   * A section as published: as it is when the city's policy says so, else with counts of 1..k-1
   * hidden (and whatever would give them away through the section's totals), at the public k.
   */
  private publish(code: ReportSectionCode, title: string, drafts: Draft[]): ReportSection {
    const strip = ({ parts: _parts, ...f }: Draft): ReportFigure => f;
    if (!this.config.statistics.suppressedSections.includes(code)) return { code, title, publication: 'as-published', figures: drafts.map(strip) };
    const inner = drafts.map((d, i) => (d.parts ? -1 : i)).filter((i) => i >= 0);
    const cell = new Map(inner.map((figureIndex, cellIndex) => [figureIndex, cellIndex]));
    const numbers: PublishedNumber[] = drafts.map((d, i) => ({ terms: d.parts ? d.parts.map((p) => cell.get(p)!) : [cell.get(i)!], value: d.value ?? 0 }));
    const { hidden } = gaussSuppress(numbers, inner.length, this.config.statistics.kPublic);
    return { code, title, publication: 'suppressed', figures: drafts.map((d, i) => (hidden[i] ? { ...strip(d), value: null, display: 'X' } : strip(d))) };
  }
}
