import { useId, useState } from 'react';
import { useLoad } from '../../api/hooks';
import { fiscalYearLabel } from '../../format/dates';
import { CHANNEL_LABELS, Dimension, label, Metric, Permission } from '../../labels';
import { currentFiscalYearJst } from './periods';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { can, type ScreenProps } from '../../ui/screen';
import { useCodeNames } from '../../ui/code-names';
import { fiscalMonths, maxValue, monthLabel, niceMax, programsOf, segments, seriesOf, ticks, xAt, yAt, type Point, type Series } from './chart-data';
import './statistics.css';

const YEARS_BACK = 5;

/** 月次グラフ: a fiscal year's contacts by program and by channel, as line charts with their tables. */
export function MonthlyCharts({ api, me }: ScreenProps) {
  const current = currentFiscalYearJst();
  const [fiscalYear, setFiscalYear] = useState(current);
  const [program, setProgram] = useState('');
  const yearId = useId();
  const programId = useId();
  const months = fiscalMonths(fiscalYear);
  const monthly = useLoad(
    () => api.GET('/api/v1/statistics/monthly', { params: { query: { from: months[0], to: months[11], dimension: Dimension.Channel } } }),
    [api, fiscalYear],
  );
  const mayReadPrograms = can(me, Permission.MasterDataRead);
  const programLabel = useCodeNames(api, mayReadPrograms ? 'programs' : null).name;

  const data = monthly.state === 'done' ? monthly.data : null;
  const programs = data ? programsOf(data.cells, Metric.Contacts) : [];
  const chosenProgram = programs.includes(program) ? program : (programs[0] ?? '');
  const byProgram = data ? seriesOf(data.cells, months, { metric: Metric.Contacts, dimension: Dimension.Total, by: 'program' }) : [];
  const byChannel = data && chosenProgram ? seriesOf(data.cells, months, { metric: Metric.Contacts, dimension: Dimension.Channel, programCode: chosenProgram, by: 'key' }) : [];
  const anySuppressed = [...byProgram, ...byChannel].some((s) => s.points.some((p) => p.state === 'suppressed'));

  return (
    <section className="panel monthly-charts">
      <h1>月次グラフ</h1>
      <div className="field">
        <label htmlFor={yearId}>年度</label>
        <select id={yearId} value={fiscalYear} onChange={(e) => setFiscalYear(Number(e.target.value))}>
          {Array.from({ length: YEARS_BACK }, (_, i) => current - i).map((fy) => (
            <option key={fy} value={fy}>
              {fiscalYearLabel(fy)}
            </option>
          ))}
        </select>
      </div>
      {monthly.state === 'loading' && <p className="empty">読み込み中…</p>}
      {monthly.state === 'failed' && <ErrorSummary error={monthly.error} />}
      {data && (
        <>
          {data.missing.length > 0 && (
            <p className="notice">
              未集計の月: {data.missing.map(monthLabel).join('、')}（月次集計が終わると表示されます）
            </p>
          )}
          {data.stale.length > 0 && <p className="notice">集計後にデータが変わった月: {data.stale.map(monthLabel).join('、')}（次の集計で更新されます）</p>}
          {byProgram.length === 0 ? (
            <p role="status" className="empty">
              {fiscalYearLabel(fiscalYear)}の集計結果はまだありません。
            </p>
          ) : (
            <>
              <LineChart
                title={`${fiscalYearLabel(fiscalYear)} 事業別の相談件数（延べ）`}
                seriesHeading="事業"
                series={byProgram}
                months={months}
                nameOf={programLabel}
              />
              <div className="field">
                <label htmlFor={programId}>経路別グラフの事業</label>
                <select id={programId} value={chosenProgram} onChange={(e) => setProgram(e.target.value)}>
                  {programs.map((code) => (
                    <option key={code} value={code}>
                      {programLabel(code)}
                    </option>
                  ))}
                </select>
              </div>
              <LineChart
                title={`${fiscalYearLabel(fiscalYear)} ${programLabel(chosenProgram)}の相談経路別件数（延べ）`}
                seriesHeading="相談経路"
                series={byChannel}
                months={months}
                nameOf={(key) => label(CHANNEL_LABELS, key)}
              />
            </>
          )}
          {anySuppressed && <SuppressionNote note={data.note} />}
        </>
      )}
    </section>
  );
}

/**
 * The api's note names suppressed cells `X`; this screen shows them as —, so the note's mark is
 * swapped and the rest of its wording kept.
 */
function SuppressionNote({ note }: { note: string }) {
  const suppressed = note.split('　')[0];
  return <p className="note">注: {suppressed.startsWith('X') ? `—${suppressed.slice(1)}` : `—：秘匿（${suppressed}）`}。グラフでは線が途切れます。</p>;
}

const W = 640;
const H = 260;
const PLOT = { left: 48, right: 620, top: 16, bottom: 220 };
// Colours distinguishable in colour-blind vision (Okabe–Ito), each with its own dash and marker.
const STYLES = [
  { color: '#0072B2', dash: '', marker: 'circle' },
  { color: '#D55E00', dash: '6 3', marker: 'square' },
  { color: '#009E73', dash: '2 3', marker: 'triangle' },
  { color: '#CC79A7', dash: '8 3 2 3', marker: 'diamond' },
  { color: '#7a5c00', dash: '12 4', marker: 'circle' },
  { color: '#56B4E9', dash: '4 4', marker: 'square' },
] as const;

interface ChartProps {
  title: string;
  seriesHeading: string;
  series: Series[];
  months: string[];
  nameOf: (key: string) => string;
}

/** A hand-drawn line chart (no library) and a table with the same numbers. */
function LineChart({ title, seriesHeading, series, months, nameOf }: ChartProps) {
  const titleId = useId();
  const descId = useId();
  const top = niceMax(maxValue(series));
  const x = (i: number) => xAt(i, months.length, PLOT.left + 10, PLOT.right - 10);
  const y = (v: number) => yAt(v, top, PLOT.bottom, PLOT.top);
  return (
    <figure className="chart">
      <figcaption id={titleId}>{title}</figcaption>
      {series.length === 0 ? (
        <p className="empty">この事業の経路別の件数はありません。</p>
      ) : (
        <>
          <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={titleId} aria-describedby={descId} className="chart-svg">
            <desc id={descId}>
              {months.length}か月の推移。{series.map((s) => nameOf(s.key)).join('、')}。数値は下の表にあります。
            </desc>
            {ticks(top).map((t) => (
              <g key={t} className="tick">
                <line x1={PLOT.left} x2={PLOT.right} y1={y(t)} y2={y(t)} className={t === 0 ? 'axis' : 'grid'} />
                <text x={PLOT.left - 6} y={y(t) + 4} textAnchor="end">
                  {t.toLocaleString('ja-JP')}
                </text>
              </g>
            ))}
            {months.map((m, i) => (
              <text key={m} x={x(i)} y={PLOT.bottom + 18} textAnchor="middle" className="month">
                {monthLabel(m)}
              </text>
            ))}
            {series.map((s, si) => {
              const style = STYLES[si % STYLES.length];
              return (
                <g key={s.key} data-series={s.key}>
                  {segments(s.points).map((run) => (
                    <polyline
                      key={run[0].index}
                      points={run.map((p) => `${x(p.index)},${y(p.value)}`).join(' ')}
                      fill="none"
                      stroke={style.color}
                      strokeWidth={2.5}
                      strokeDasharray={style.dash || undefined}
                    />
                  ))}
                  {s.points.map((p, i) => (p.value === null ? null : <Marker key={p.period} shape={style.marker} x={x(i)} y={y(p.value)} color={style.color} />))}
                </g>
              );
            })}
          </svg>
          <ul className="legend" aria-hidden="true">
            {series.map((s, si) => {
              const style = STYLES[si % STYLES.length];
              return (
                <li key={s.key}>
                  <svg width="36" height="14" viewBox="0 0 36 14">
                    <line x1="2" x2="34" y1="7" y2="7" stroke={style.color} strokeWidth={2.5} strokeDasharray={style.dash || undefined} />
                    <Marker shape={style.marker} x={18} y={7} color={style.color} />
                  </svg>
                  {nameOf(s.key)}
                </li>
              );
            })}
          </ul>
          <DataTable title={title} seriesHeading={seriesHeading} series={series} months={months} nameOf={nameOf} />
        </>
      )}
    </figure>
  );
}

function Marker({ shape, x, y, color }: { shape: string; x: number; y: number; color: string }) {
  const r = 4;
  switch (shape) {
    case 'square':
      return <rect x={x - r} y={y - r} width={2 * r} height={2 * r} fill={color} />;
    case 'triangle':
      return <polygon points={`${x},${y - r - 1} ${x - r - 1},${y + r} ${x + r + 1},${y + r}`} fill={color} />;
    case 'diamond':
      return <polygon points={`${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`} fill={color} />;
    default:
      return <circle cx={x} cy={y} r={r} fill={color} />;
  }
}

/** A point as a table cell: the count, — for a suppressed one (never 0), 未集計 for a month without a run. */
export function PointCell({ point }: { point: Point }) {
  if (point.state === 'suppressed') {
    return (
      <td className="number suppressed">
        —<span className="sr-only">（秘匿）</span>
      </td>
    );
  }
  if (point.state === 'missing') return <td className="number missing">未集計</td>;
  return <td className="number">{point.value!.toLocaleString('ja-JP')}</td>;
}

function DataTable({ title, seriesHeading, series, months, nameOf }: ChartProps) {
  return (
    <div className="chart-table">
      <table className="results">
        <caption>
          {title}（表）<span className="sr-only">列は{seriesHeading}</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">月</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {nameOf(s.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {months.map((m, i) => (
            <tr key={m}>
              <th scope="row">{monthLabel(m)}</th>
              {series.map((s) => (
                <PointCell key={s.key} point={s.points[i]} />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
