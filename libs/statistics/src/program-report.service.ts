import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, addMonths, fiscalYearLabel, fiscalYearRange, InvalidInputError, isValidDate } from '@tsunagu/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import ExcelJS from 'exceljs';
import { EntityManager } from 'typeorm';
import { latestRuns } from './latest-runs';

export class ProgramReportQueryDto {
  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @ApiProperty({ example: '2025-12-31', required: false, description: 'Count up to the end of this month (JST); the whole year by default' })
  @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/) asOf?: string;
  @ApiProperty({ enum: ['json', 'csv', 'xlsx'], required: false }) @IsOptional() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export interface ReportFigure {
  label: string;
  value: number | null;
  unit: string;
  /** e.g. R7年12月末日現在 */
  asOf: string;
  /** Where a figure comes from when it is not computed from casework. */
  source?: string;
}

export interface ReportSection {
  title: string;
  figures: ReportFigure[];
}

export interface ProgramReport {
  fiscalYear: number;
  fiscalYearLabel: string;
  asOf: string;
  sections: ReportSection[];
  /** Months of the period without a finished statistics run: their figures are missing. */
  missingMonths: string[];
}

/** The programs the 女性相談室 section adds up (the consultation room and the DV centre share it). */
export const CONSULTATION_ROOM_PROGRAMS = ['josei-soudan', 'dv-center'];

interface Row {
  period: string;
  program_code: string;
  metric: string;
  dimension: string;
  key: string;
  value: string;
}

/** "R7年12月末日現在", as the reference report dates its figures. */
export function asOfLabel(asOf: string): string {
  const parts = new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'short', year: 'numeric', timeZone: 'Asia/Tokyo' }).formatToParts(new Date(`${asOf}T12:00:00+09:00`));
  const year = parts.find((p) => p.type === 'year')?.value ?? '';
  const era = parts.find((p) => p.type === 'era')?.value === '令和' ? 'R' : 'H';
  return `${era}${year}年${Number(asOf.slice(5, 7))}月末日現在`;
}

/**
 * The fiscal-year program report (令和N年度 実施事業), built only from the monthly statistics and
 * the aggregate entries — never from case tables — so it needs no case access. Headline figures
 * the city publishes by policy are shown as they are.
 */
@Injectable()
export class ProgramReportService {
  constructor(private readonly tx: TransactionRunner) {}

  report(actor: Actor, query: ProgramReportQueryDto): Promise<ProgramReport> {
    const { from, to } = fiscalYearRange(query.fiscalYear);
    const asOf = query.asOf ?? to;
    if (!isValidDate(asOf) || asOf < from || asOf > to) {
      throw new InvalidInputError([{ field: 'asOf', message: 'その年度の日付を指定してください', constraints: ['withinFiscalYear'] }]);
    }
    const months: string[] = [];
    for (let m = from.slice(0, 7); m <= asOf.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) months.push(m);
    return this.tx.run(actor, async (tx) => {
      const runs: { id: string; period: string }[] = await latestRuns(tx.manager, months);
      const rows: Row[] = runs.length ? await tx.manager.query(`SELECT period, program_code, metric, dimension, key, value FROM monthly_statistics WHERE run_id = ANY($1)`, [runs.map((r) => r.id)]) : [];
      const report = await this.build(tx.manager, query.fiscalYear, asOf, months, rows);
      report.missingMonths = months.filter((m) => !runs.some((r) => r.period === m));
      await tx.audit({ category: AuditCategory.Admin, action: 'report.program.read', resourceType: 'report', detailCode: `${query.fiscalYear}:${asOf}` });
      return report;
    });
  }

  /** The report as CSV: UTF-8 with a BOM (Excel opens it right), one row per figure. */
  static toCsv(report: ProgramReport): string {
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    const lines = [['年度', 'section', 'label', 'value', 'unit', 'as_of', 'source'].map(quote).join(',')];
    for (const section of report.sections) {
      for (const f of section.figures) {
        lines.push([report.fiscalYearLabel, section.title, f.label, f.value === null ? '' : String(f.value), f.unit, f.asOf, f.source ?? ''].map(quote).join(','));
      }
    }
    return `\uFEFF${lines.join('\r\n')}\r\n`;
  }

  /** The report as an XLSX workbook: one sheet, a table per section, Japanese headers. */
  static async toXlsx(report: ProgramReport): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Tsunagu';
    const sheet = workbook.addWorksheet(`${report.fiscalYearLabel} 実施事業`);
    sheet.columns = [{ width: 36 }, { width: 12 }, { width: 8 }, { width: 22 }, { width: 24 }];
    sheet.addRow([`${report.fiscalYearLabel} 実施事業`]).font = { bold: true, size: 14 };
    for (const section of report.sections) {
      sheet.addRow([]);
      sheet.addRow([section.title]).font = { bold: true };
      const header = sheet.addRow(['項目', '値', '単位', '時点', '出典']);
      header.font = { bold: true };
      for (const f of section.figures) sheet.addRow([f.label, f.value ?? '‐', f.unit, f.asOf, f.source ?? '']);
    }
    if (report.missingMonths.length) {
      sheet.addRow([]);
      sheet.addRow([`集計のない月：${report.missingMonths.join('、')}`]);
    }
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  private async build(manager: EntityManager, fiscalYear: number, asOf: string, months: string[], rows: Row[]): Promise<ProgramReport> {
    const label = asOfLabel(asOf);
    const sum = (metric: string, dimension: string, key: string | null, programs?: string[], keys?: Set<string>) =>
      rows
        .filter((r) => r.metric === metric && r.dimension === dimension && (key === null || r.key === key) && (!keys || keys.has(r.key)) && (!programs || programs.includes(r.program_code)))
        .reduce((n, r) => n + Number(r.value), 0);
    const lastMonth = months[months.length - 1];
    const facilities: { name: string; kind: string; status: string; in_city: boolean }[] = await manager.query(`SELECT name, kind, status, in_city FROM facilities ORDER BY name`);
    const ofKind = (kind: string) => facilities.filter((f) => f.kind === kind);
    const names = (kind: string) => new Set(ofKind(kind).map((f) => f.name));
    const figure = (labelText: string, value: number | null, unit: string, source?: string): ReportFigure => ({ label: labelText, value, unit, asOf: label, ...(source ? { source } : {}) });

    const sections: ReportSection[] = [
      {
        title: '女性相談室',
        figures: [
          figure('相談件数（延べ）', sum('contacts', 'total', 'all', CONSULTATION_ROOM_PROGRAMS), '件'),
          figure('うち電話対応', sum('contacts', 'channel', 'phone', CONSULTATION_ROOM_PROGRAMS), '件'),
          figure('DV件数', sum('contacts', 'dv', 'dv', CONSULTATION_ROOM_PROGRAMS), '件'),
        ],
      },
      {
        title: '民間シェルター',
        figures: [
          figure('大人', sum('facility-adults', 'facility', null, undefined, names('private-shelter')), '名'),
          figure('同伴児', sum('facility-children', 'facility', null, undefined, names('private-shelter')), '名'),
          figure('受入日数', sum('facility-nights', 'facility', null, undefined, names('private-shelter')), '日'),
        ],
      },
      {
        title: '母子生活支援施設',
        figures: [
          ...ofKind('mother-child').flatMap((f) => [
            figure(`${f.name} 延べ世帯数`, sum('facility-households', 'facility', f.name), '世帯'),
            figure(`${f.name} 退所世帯数`, sum('facility-exits', 'facility', f.name), '世帯'),
          ]),
          figure('広域入所', ofKind('mother-child').filter((f) => !f.in_city).reduce((n, f) => n + sum('facility-admissions', 'facility', f.name), 0), '世帯'),
        ],
      },
      {
        title: '助産施設',
        figures: [
          ...ofKind('maternity').map((f) =>
            f.status === 'suspended' ? figure(`${f.name}（休止中）`, null, '件') : figure(`${f.name}${f.in_city ? '' : '（広域）'}`, sum('facility-admissions', 'facility', f.name), '件'),
          ),
          figure('合計', sum('facility-admissions', 'facility', null, undefined, names('maternity')), '件'),
        ],
      },
      { title: '一時保護委託', figures: [figure('件数', sum('placements', 'placement-kind', 'entrusted-protection'), '件')] },
      { title: '要保護女子緊急移送', figures: [figure('回数', sum('transports', 'total', 'all'), '回')] },
      {
        title: 'あしたば LINE相談',
        figures: [
          figure('相談件数', sum('line-answered', 'total', 'all', ['ashitaba-line']), '件'),
          figure('友だち登録者数', rows.filter((r) => r.period === lastMonth && r.metric === 'line-followers' && r.program_code === 'ashitaba-line').reduce((n, r) => n + Number(r.value), 0), '人'),
          figure('生理用品提供数', sum('provisions', 'kind', 'sanitary-products', ['ashitaba-line']), 'セット'),
        ],
      },
    ];
    // Figures entered as aggregates (contractors, facilities, non-case activities), summed over the period.
    const entries: { program_code: string; metric: string; value: string; sources: string }[] = await manager.query(
      `SELECT program_code, metric, sum(value)::bigint AS value, string_agg(DISTINCT source, '・') AS sources FROM statistics_aggregate_entries WHERE period = ANY($1) GROUP BY program_code, metric ORDER BY program_code, metric`,
      [months],
    );
    if (entries.length) {
      const programs: { code: string; name: string }[] = await manager.query(`SELECT code, name FROM programs`);
      const nameOf = (code: string) => programs.find((p) => p.code === code)?.name ?? code;
      const byProgram = new Map<string, ReportFigure[]>();
      for (const e of entries) {
        const list = byProgram.get(e.program_code) ?? [];
        list.push(figure(e.metric, Number(e.value), '', e.sources));
        byProgram.set(e.program_code, list);
      }
      for (const [code, figures] of byProgram) sections.push({ title: `${nameOf(code)}（集計値の入力）`, figures });
    }
    return { fiscalYear, fiscalYearLabel: fiscalYearLabel(fiscalYear), asOf, sections, missingMonths: [] };
  }
}
