import { eraYear, fiscalYearLabel, fiscalYearOf } from '@tsunagu/common';
import type { ReportSectionCode } from '@tsunagu/config';
import { FacilityStatus } from '@tsunagu/facilities';
import type { ReportFigure } from '../dto/program-report.dto';
import { Dimension } from '../metric-names';
import type { PlanInput } from '../release-plan';
import type { AggregateCode, ExpansionSpec, FacilityFilter, FigureSpec, SectionSpec } from './definition';

/** A facility as the report needs it; `status` is a FacilityStatus code (suspended prints 休止中). */
export interface ReportFacility {
  id: string;
  name: string;
  kind: string;
  status: string;
  inCity: boolean;
}

/** An aggregate entry: a figure the city received for a month. */
export interface ReportEntry {
  period: string;
  programCode: string;
  metric: string;
  value: number;
  source: string;
}

/** A facility's own monthly report (施設月次報告): households in residence on the 1st, and exits. */
export interface FacilityMonthlyFigures {
  facilityId: string;
  month: string;
  households: number;
  exits: number;
}

/** Everything a report is computed from: statistics cells and received figures, never case tables. */
export interface ReportInputs {
  fiscalYear: number;
  /** The last day counted (YYYY-MM-DD). */
  asOf: string;
  /** The months of the period (YYYY-MM), in order. */
  months: readonly string[];
  cells: readonly PlanInput[];
  /** In the order they were entered: the report lists them as the city does. */
  facilities: readonly ReportFacility[];
  /** Up to the end of the fiscal year (earlier years too, for the by-year tables), by period. */
  entries: readonly ReportEntry[];
  /** Of the fiscal year, by month. */
  facilityReports: readonly FacilityMonthlyFigures[];
}

/** A figure as evaluated: `parts` are the section's figures it is the total of (for suppression). */
export interface DraftFigure extends ReportFigure {
  parts?: number[];
}

export interface DraftSection {
  code: ReportSectionCode;
  title: string;
  figures: DraftFigure[];
}

/** "R7年12月末日現在", as the reference report dates its figures. */
export function asOfLabel(asOf: string): string {
  const { era, year } = eraYear(asOf, 'narrow');
  return `${era}${year}年${Number(asOf.slice(5, 7))}月末日現在`;
}

/** "R8年1月末現在": the last month a received figure covers. */
export function monthEndLabel(month: string): string {
  const { era, year } = eraYear(`${month}-01`, 'narrow');
  return `${era}${year}年${Number(month.slice(5, 7))}月末現在`;
}

/** "R8年1月1日現在": a facility's report of who was in residence on the 1st. */
function firstOfMonthLabel(month: string): string {
  const { era, year } = eraYear(`${month}-01`, 'narrow');
  return `${era}${year}年${Number(month.slice(5, 7))}月1日現在`;
}

const FACILITY_REPORT_SOURCE = '施設月次報告';

function figure(label: string, value: number | null, unit: string, asOf: string, source?: string): DraftFigure {
  return { label, value, display: value === null ? '未入力' : String(value), unit, asOf, ...(source ? { source } : {}) };
}

const sourcesOf = (entries: readonly ReportEntry[]) => [...new Set(entries.map((e) => e.source))].join('・');

/** Evaluates the declared report over its inputs: one draft section per spec, in order. */
export function evaluateReport(spec: readonly SectionSpec[], inputs: ReportInputs): DraftSection[] {
  const at = asOfLabel(inputs.asOf);
  const lastMonth = inputs.months[inputs.months.length - 1];
  const ofYear = (year: number) => inputs.entries.filter((e) => fiscalYearOf(`${e.period}-01`) === year);
  const received = (code: AggregateCode, year = inputs.fiscalYear) => ofYear(year).filter((e) => e.programCode === code.programCode && e.metric === code.metric);
  const facilitiesOf = (filter: FacilityFilter) => inputs.facilities.filter((f) => f.kind === filter.kind && (filter.inCity === undefined || f.inCity === filter.inCity));

  const sumCells = (metric: string, dimension: string, key: string | undefined, programs?: readonly string[], facilityNames?: ReadonlySet<string>, period?: string) =>
    inputs.cells
      .filter(
        (r) =>
          r.metric === metric &&
          r.dimension === dimension &&
          (key === undefined || r.key === key) &&
          (!facilityNames || facilityNames.has(r.key)) &&
          (!programs || programs.includes(r.programCode)) &&
          (!period || r.period === period),
      )
      .reduce((n, r) => n + r.value, 0);

  /** From the facilities' own monthly reports where they send them, else from the cells. */
  const facilityFigure = (label: string, unit: string, metric: string, list: readonly ReportFacility[], reported?: 'households' | 'exits'): DraftFigure => {
    if (reported) {
      const reports = inputs.facilityReports.filter((r) => list.some((f) => f.id === r.facilityId));
      if (reports.length) return figure(label, reports.reduce((n, r) => n + r[reported], 0), unit, firstOfMonthLabel(reports.at(-1)!.month), FACILITY_REPORT_SOURCE);
    }
    return figure(label, sumCells(metric, Dimension.Facility, undefined, undefined, new Set(list.map((f) => f.name))), unit, at);
  };

  const one = (row: FigureSpec, before: DraftFigure[]): DraftFigure => {
    switch (row.kind) {
      case 'cells':
        if (row.facilities) return facilityFigure(row.label, row.unit, row.metric, facilitiesOf(row.facilities), row.reported);
        return figure(row.label, sumCells(row.metric, row.dimension, row.key, row.programs), row.unit, at);
      case 'month-end':
        return figure(row.label, sumCells(row.metric, row.dimension, row.key, row.programs, undefined, lastMonth), row.unit, at);
      case 'received': {
        const list = row.codes.flatMap((code) => received(code));
        const drafted = list.length
          ? figure(row.label, list.reduce((n, e) => n + e.value, 0), row.unit, monthEndLabel(list.map((e) => e.period).sort().at(-1)!), sourcesOf(list))
          : figure(row.label, null, row.unit, '');
        return row.totalOf ? { ...drafted, parts: [...row.totalOf] } : drafted;
      }
      case 'total':
        return { ...figure(row.label, before.reduce((n, f) => n + (f.value ?? 0), 0), row.unit, at), parts: before.map((_, i) => i) };
    }
  };

  const expand = (row: ExpansionSpec): DraftFigure[] => {
    switch (row.kind) {
      case 'each-facility':
        return facilitiesOf(row.facilities).flatMap((f) =>
          row.figures.map((spec) =>
            row.suspended === 'shown' && f.status === FacilityStatus.Suspended
              ? { ...figure(`${f.name}${spec.labelSuffix}`, null, spec.unit, at), display: '休止中' }
              : facilityFigure(`${f.name}${spec.labelSuffix}`, spec.unit, spec.metric, [f], spec.reported),
          ),
        );
      case 'received-by-year': {
        const years = [...new Set(inputs.entries.filter((e) => e.programCode === row.code.programCode && e.metric === row.code.metric).map((e) => fiscalYearOf(`${e.period}-01`)))];
        if (!years.includes(inputs.fiscalYear)) years.push(inputs.fiscalYear);
        return years
          .sort((a, b) => a - b)
          .map((year) => {
            const list = received(row.code, year);
            if (!list.length) return figure(fiscalYearLabel(year), null, row.unit, '');
            const value = list.reduce((n, e) => n + e.value, 0);
            return figure(fiscalYearLabel(year), value, row.unit, year === inputs.fiscalYear ? monthEndLabel(list.at(-1)!.period) : '年度計', sourcesOf(list));
          });
      }
    }
  };

  return spec.map((section) => {
    const figures: DraftFigure[] = [];
    for (const row of section.rows) {
      if (row.kind === 'each-facility' || row.kind === 'received-by-year') figures.push(...expand(row));
      else figures.push(one(row, figures));
    }
    return { code: section.code, title: section.title, figures };
  });
}

/**
 * Received figures under codes the report has no place for, one section per program, summed over
 * the fiscal year as entered (so nothing a city enters is silently left out).
 */
export function otherReceivedSections(
  inputs: Pick<ReportInputs, 'fiscalYear' | 'entries'>,
  known: readonly AggregateCode[],
  programNames: ReadonlyMap<string, string>,
): Array<{ code: string; title: string; figures: DraftFigure[] }> {
  const knownKeys = new Set(known.map((c) => `${c.programCode}|${c.metric}`));
  const others = inputs.entries.filter((e) => fiscalYearOf(`${e.period}-01`) === inputs.fiscalYear && !knownKeys.has(`${e.programCode}|${e.metric}`));
  const byProgram = new Map<string, ReportEntry[]>();
  for (const e of others) byProgram.set(e.programCode, [...(byProgram.get(e.programCode) ?? []), e]);
  return [...byProgram].map(([code, list]) => ({
    code: `entries-${code}`,
    title: `${programNames.get(code) ?? code}（集計値の入力）`,
    figures: [...new Set(list.map((e) => e.metric))].sort().map((metric) => {
      const mine = list.filter((e) => e.metric === metric);
      return figure(metric, mine.reduce((n, e) => n + e.value, 0), '', monthEndLabel(mine.at(-1)!.period), sourcesOf(mine));
    }),
  }));
}
