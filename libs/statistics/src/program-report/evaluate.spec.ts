import { FacilityKind } from '@tsunagu/facilities';
import { Dimension, Metric } from '../metric-names';
import { PROGRAM_REPORT, REPORT_AGGREGATES, SectionSpec } from './definition';
import { evaluateReport, otherReceivedSections, ReportInputs } from './evaluate';

const cell = (period: string, programCode: string, metric: string, dimension: string, key: string, value: number) => ({ period, programCode, metric, dimension, key, value });

const INPUTS: ReportInputs = {
  fiscalYear: 2025,
  asOf: '2025-12-31',
  months: ['2025-11', '2025-12'],
  cells: [
    cell('2025-11', 'josei-soudan', 'contacts', 'total', 'all', 10),
    cell('2025-12', 'dv-center', 'contacts', 'total', 'all', 5),
    cell('2025-12', 'ashitaba-line', 'contacts', 'total', 'all', 99), // another program: not in 女性相談室
    cell('2025-11', 'josei-soudan', 'contacts', 'channel', 'phone', 4),
    cell('2025-11', 'ashitaba-line', 'line-followers', 'total', 'all', 30),
    cell('2025-12', 'ashitaba-line', 'line-followers', 'total', 'all', 32),
    cell('2025-12', 'josei-soudan', 'facility-exits', 'facility', '架空産院', 2),
    cell('2025-12', 'josei-soudan', 'facility-exits', 'facility', '架空広域病院', 1),
    cell('2025-12', 'josei-soudan', 'facility-households', 'facility', '架空母子寮', 7),
  ],
  facilities: [
    { id: 'f1', name: '架空産院', kind: FacilityKind.Maternity, status: 'active', inCity: true },
    { id: 'f2', name: '架空休止院', kind: FacilityKind.Maternity, status: 'suspended', inCity: true },
    { id: 'f3', name: '架空広域病院', kind: FacilityKind.Maternity, status: 'active', inCity: false },
    { id: 'f4', name: '架空母子寮', kind: FacilityKind.MotherChild, status: 'active', inCity: true },
    { id: 'f5', name: '架空報告寮', kind: FacilityKind.MotherChild, status: 'active', inCity: true },
  ],
  entries: [
    { period: '2024-06', programCode: 'partnership-oath', metric: 'oaths', value: 3, source: '市民課' },
    { period: '2025-05', programCode: 'career-hoken', metric: 'consultations-in-person', value: 6, source: '受託事業者' },
    { period: '2025-10', programCode: 'career-hoken', metric: 'consultations-online', value: 2, source: '受託事業者' },
    { period: '2025-09', programCode: 'other-program', metric: 'visits', value: 4, source: '担当課' },
  ],
  facilityReports: [
    { facilityId: 'f5', month: '2025-11', households: 3, exits: 0 },
    { facilityId: 'f5', month: '2025-12', households: 4, exits: 1 },
  ],
};

const section = (code: string) => evaluateReport(PROGRAM_REPORT, INPUTS).find((s) => s.code === code)!;
const values = (code: string) => section(code).figures.map((f) => [f.label, f.display]);

describe('the declared program report', () => {
  it('adds up the cells of its programs only, for the whole period', () => {
    expect(values('consultation-room')).toEqual([
      ['相談件数（延べ）', '15'],
      ['うち電話対応', '4'],
      ['DV件数', '0'],
    ]);
    expect(section('consultation-room').figures[0].asOf).toBe('R7年12月末日現在');
  });

  it('takes a stock at the last month, not summed over the period', () => {
    expect(section('ashitaba-line').figures.find((f) => f.label === '友だち登録者数')!.value).toBe(32);
  });

  it('lists facilities one by one (休止中 for a suspended one), the ones outside the city together, and a total that suppression knows as one', () => {
    expect(values('maternity')).toEqual([
      ['架空産院', '2'],
      ['架空休止院', '休止中'],
      ['広域病院', '1'],
      ['合計', '3'],
    ]);
    expect(section('maternity').figures[3].parts).toEqual([0, 1, 2]);
  });

  it('prefers a facility’s own monthly reports, dated by the last one, and computes the others', () => {
    const figures = section('mother-child').figures;
    expect(figures.map((f) => [f.label, f.value, f.source ?? null])).toEqual([
      ['架空母子寮 延べ世帯数', 7, null],
      ['架空母子寮 退所世帯数', 0, null],
      ['架空報告寮 延べ世帯数', 7, '施設月次報告'],
      ['架空報告寮 退所世帯数', 1, '施設月次報告'],
      ['広域入所 延べ世帯数', 0, null],
      ['広域入所 退所世帯数', 0, null],
    ]);
    expect(figures[2].asOf).toBe('R7年12月1日現在');
  });

  it('shows received figures of the year with their source and last month, 未入力 when none, and one line per year since the first', () => {
    expect(section('career').figures.map((f) => [f.label, f.value, f.asOf, f.source])).toEqual([
      ['相談件数', 8, 'R7年10月末現在', '受託事業者'],
      ['うち対面', 6, 'R7年5月末現在', '受託事業者'],
      ['うちオンライン', 2, 'R7年10月末現在', '受託事業者'],
    ]);
    expect(section('career').figures[0].parts).toEqual([1, 2]);
    expect(values('school-pads')).toEqual([
      ['配付校数', '未入力'],
      ['配付人数', '未入力'],
    ]);
    expect(values('partnership')).toEqual([
      ['令和6年度', '3'],
      ['令和7年度', '未入力'],
    ]);
  });

  it('gives received figures the report has no place for a section of their own', () => {
    const [other] = otherReceivedSections(INPUTS, Object.values(REPORT_AGGREGATES), new Map([['other-program', '架空事業']]));
    expect(other).toMatchObject({ code: 'entries-other-program', title: '架空事業（集計値の入力）', figures: [expect.objectContaining({ label: 'visits', value: 4, source: '担当課' })] });
  });

  it('evaluates a definition a city changes, with no code change', () => {
    const next: SectionSpec[] = [
      { code: 'consultation-room', title: '女性相談室（電話のみ）', rows: [{ kind: 'cells', label: '電話', unit: '件', metric: Metric.Contacts, dimension: Dimension.Channel, key: 'phone', programs: ['josei-soudan'] }] },
    ];
    expect(evaluateReport(next, INPUTS)).toEqual([{ code: 'consultation-room', title: '女性相談室（電話のみ）', figures: [expect.objectContaining({ label: '電話', value: 4 })] }]);
  });
});
