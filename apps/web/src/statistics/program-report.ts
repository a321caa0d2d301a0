/**
 * GET /api/v1/reports/program (JSON). The api returns an interface (libs/statistics
 * program-report.service.ts), not a DTO class, so the OpenAPI document leaves the response
 * untyped; this is its one local copy in the web app. Keep it in step with the api.
 */
export interface ReportFigure {
  label: string;
  /** Null when suppressed, not entered yet, or not applicable (a suspended facility). */
  value: number | null;
  /** As printed: the number, `X` (suppressed), 休止中 or 未入力. */
  display: string;
  unit: string;
  /** e.g. R7年12月末日現在 */
  asOf: string;
  source?: string;
}

export interface ReportSection {
  code: string;
  title: string;
  publication: 'as-published' | 'suppressed';
  figures: ReportFigure[];
}

export interface ProgramReport {
  fiscalYear: number;
  fiscalYearLabel: string;
  asOf: string;
  sections: ReportSection[];
  /** Months of the period without a finished statistics run. */
  missingMonths: string[];
  note: string;
}
