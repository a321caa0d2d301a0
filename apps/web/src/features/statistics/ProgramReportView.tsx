import { useId, useState, type FormEvent } from 'react';
import type { ApiClient } from '../../api/client';
import { toDisplayError, type DisplayError } from '../../api/errors';
import { saveWithBlobUrl, type SaveFile } from '../../api/save-file';
import { currentFiscalYearJst, fiscalYearLabel } from './periods';
import type { ProgramReport, ReportFigure, ReportSection } from './program-report';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/TextField';

const FIELD_LABELS = { fiscalYear: '年度', asOf: '時点' };
const YEARS_SHOWN = 6;
type Format = 'csv' | 'xlsx';

interface Props {
  api: ApiClient;
  /** Saves a downloaded file; the default hands the browser a Blob URL (the token stays in the header). */
  save?: SaveFile;
}

/** 事業実績報告: the fiscal year's figures as tables, with CSV and XLSX downloads. */
export function ProgramReportView({ api, save = saveWithBlobUrl }: Props) {
  const latest = currentFiscalYearJst();
  const [fiscalYear, setFiscalYear] = useState(latest);
  const [asOf, setAsOf] = useState('');
  const [report, setReport] = useState<ProgramReport | null>(null);
  const [error, setError] = useState<DisplayError | null>(null);
  const [busy, setBusy] = useState(false);
  const yearId = useId();
  const asOfId = useId();

  const query = (format?: Format) => ({ fiscalYear, ...(asOf ? { asOf } : {}), ...(format ? { format } : {}) });

  const show = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { data, error: failure, response } = await api.GET('/api/v1/reports/program', { params: { query: query() } });
      if (response.ok && data) setReport(data);
      else {
        setReport(null);
        setError(toDisplayError(response.status, failure, FIELD_LABELS));
      }
    } catch {
      setError(toDisplayError(undefined, undefined));
    } finally {
      setBusy(false);
    }
  };

  const download = async (format: Format) => {
    setError(null);
    try {
      const { data, error: failure, response } = await api.GET('/api/v1/reports/program', { params: { query: query(format) }, parseAs: 'blob' });
      if (response.ok && data) save(data, `program-report-${fiscalYear}.${format}`);
      else setError(toDisplayError(response.status, failure, FIELD_LABELS));
    } catch {
      setError(toDisplayError(undefined, undefined));
    }
  };

  return (
    <section aria-labelledby="program-report-title" className="panel">
      <h2 id="program-report-title">事業実績報告</h2>
      <form onSubmit={show} noValidate className="search-form">
        <div className="field">
          <label htmlFor={yearId}>年度</label>
          <select id={yearId} name="fiscalYear" value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))}>
            {Array.from({ length: YEARS_SHOWN }, (_, i) => latest - i).map((year) => (
              <option key={year} value={year}>
                {fiscalYearLabel(year)}（{year}年度）
              </option>
            ))}
          </select>
        </div>
        <TextField
          id={asOfId}
          label="時点（任意）"
          hint="指定した日の月末までを集計します。空欄なら年度全体です。"
          name="asOf"
          type="date"
          value={asOf}
          onValue={setAsOf}
          error={error?.fields.asOf ? `${FIELD_LABELS.asOf}: ${error.fields.asOf}` : undefined}
        />
        <button type="submit" className="primary" disabled={busy}>
          表示
        </button>
      </form>
      <div className="downloads">
        <button type="button" onClick={() => void download('csv')}>
          CSVをダウンロード
        </button>
        <button type="button" onClick={() => void download('xlsx')}>
          Excel（XLSX）をダウンロード
        </button>
      </div>
      <ErrorSummary error={error} />
      {report && <ReportTables report={report} />}
    </section>
  );
}

function ReportTables({ report }: { report: ProgramReport }) {
  const anySuppressed = report.sections.some((s) => s.figures.some((f) => f.display === 'X'));
  return (
    <div className="report" aria-live="polite">
      <h3>
        {report.fiscalYearLabel} 事業実績（{report.asOf}）
      </h3>
      {report.missingMonths.length > 0 && (
        <p className="notice" role="status">
          集計が完了していない月があります（{report.missingMonths.join('、')}）。これらの月の実績は含まれていません。
        </p>
      )}
      {report.sections.map((section) => (
        <SectionTable key={section.code} section={section} />
      ))}
      {anySuppressed && <p className="note">{report.note}</p>}
    </div>
  );
}

const shown = (figure: ReportFigure) => (figure.value === null ? figure.display : figure.value.toLocaleString('ja-JP'));

function SectionTable({ section }: { section: ReportSection }) {
  return (
    <table className="results report-section">
      <caption>{section.title}</caption>
      <thead>
        <tr>
          <th scope="col">項目</th>
          <th scope="col">実績</th>
          <th scope="col">単位</th>
          <th scope="col">時点</th>
          <th scope="col">出典</th>
        </tr>
      </thead>
      <tbody>
        {section.figures.map((figure) => (
          <tr key={figure.label}>
            <th scope="row">{figure.label}</th>
            <td className="number">{shown(figure)}</td>
            <td>{figure.unit}</td>
            <td>{figure.asOf}</td>
            <td>{figure.source ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
