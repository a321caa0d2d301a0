import ExcelJS from 'exceljs';
import { ProgramReport } from '../dto/program-report.dto';
import { programReportCsv, programReportXlsx } from './export';

// The source of an aggregate entry is text someone typed; in the report's files it must stay text.
const HOSTILE = ['=HYPERLINK("https://example.invalid","x")', '＝1+1', '＋1', '－1', '＠SUM(A1)', '@SUM(A1)'];

const report: ProgramReport = {
  fiscalYear: 2025,
  fiscalYearLabel: '令和7年度',
  asOf: '2025-12-31',
  missingMonths: [],
  note: '',
  sections: [
    {
      code: 'received',
      title: '受託事業',
      publication: 'as-published',
      figures: HOSTILE.map((source, i) => ({ label: `項目${i}`, value: i, display: String(i), unit: '件', asOf: 'R7年12月末日現在', source })),
    },
  ],
};

describe('program report files keep hostile text as text', () => {
  it('CSV: every source starting with a formula character, half- or full-width, gets the apostrophe', () => {
    const lines = programReportCsv(report).split('\r\n').slice(1, -1);
    expect(lines.map((line, i) => line.endsWith(`,"'${HOSTILE[i].replace(/"/g, '""')}"`))).toEqual(HOSTILE.map(() => true));
  });

  it('XLSX: such a source is a string cell, never a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await programReportXlsx(report)).buffer);
    const cells: ExcelJS.Cell[] = [];
    workbook.worksheets[0].eachRow((row) => row.eachCell((c) => cells.push(c)));
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([]);
    const sources = cells.filter((c) => typeof c.value === 'string' && HOSTILE.includes(c.value));
    expect(sources.map((c) => [c.value, c.type])).toEqual(HOSTILE.map((s) => [s, ExcelJS.ValueType.String]));
  });
});
