import { toCsv } from '@tsunagu/common';
import ExcelJS from 'exceljs';
import type { ProgramReport } from '../dto/program-report.dto';

/** The report as CSV: UTF-8 with a BOM (Excel opens it right), one row per figure; a suppressed value is empty. */
export function programReportCsv(report: ProgramReport): string {
  const rows = report.sections.flatMap((section) =>
    section.figures.map((f) => [report.fiscalYearLabel, section.title, f.label, f.value, f.display === 'X' ? 'true' : 'false', f.unit, f.asOf, f.source ?? '']),
  );
  return toCsv(['年度', 'section', 'label', 'value', 'suppressed', 'unit', 'as_of', 'source'], rows);
}

/** The report as an XLSX workbook: one sheet, a table per section as the report lays them out, Japanese headers. */
export async function programReportXlsx(report: ProgramReport): Promise<Buffer> {
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
