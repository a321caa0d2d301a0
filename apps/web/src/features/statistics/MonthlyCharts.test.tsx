import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fiscalYearLabel } from '../../format/dates';
import { currentFiscalYearJst } from './periods';
import { fakeApi, type Reply } from '../../test-support';
import { SUPERVISOR } from '../../test-fixtures/supervisor';
import { MonthlyCharts } from './MonthlyCharts';

afterEach(cleanup);

const STATISTICIAN = { ...SUPERVISOR, role: 'statistician', permissions: ['statistics.read', 'statistics.run'] };
const NOTE = 'X：個人が特定されるおそれがあるため秘匿（関連秘匿を含む）　‐：該当数字なし';
const FY = currentFiscalYearJst();
const APRIL = `${FY}-04`;
const MAY = `${FY}-05`;

const cell = (period: string, programCode: string, dimension: string, key: string, value: number | null) => ({
  period,
  programCode,
  metric: 'contacts',
  dimension,
  key,
  value,
  display: value === null ? 'X' : value === 0 ? '‐' : String(value),
});

const body = {
  cells: [
    cell(APRIL, 'women', 'total', 'all', 12),
    cell(APRIL, 'women', 'channel', 'phone', 9),
    cell(APRIL, 'women', 'channel', 'line', null),
    cell(APRIL, 'youth', 'total', 'all', null),
    cell(APRIL, 'youth', 'channel', 'phone', 0),
    cell(MAY, 'women', 'total', 'all', 0),
    cell(MAY, 'women', 'channel', 'phone', 0),
    cell(MAY, 'women', 'channel', 'line', 0),
    cell(MAY, 'youth', 'total', 'all', 5),
    cell(MAY, 'youth', 'channel', 'phone', 5),
  ],
  missing: [`${FY}-06`],
  stale: [MAY],
  note: NOTE,
};

function setup(reply: () => Reply = () => ({ status: 200, body })) {
  const fake = fakeApi(reply);
  render(<MonthlyCharts api={fake.api} me={STATISTICIAN as never} params={{}} />);
  return fake;
}

const row = (table: HTMLElement, month: string) => within(table).getByRole('rowheader', { name: month }).closest('tr')!;

describe('MonthlyCharts', () => {
  it("asks for the fiscal year's months and draws both charts as images with tables", async () => {
    const { requests } = setup();
    const charts = await screen.findAllByRole('img');
    expect(charts).toHaveLength(2);
    const q = requests.find((r) => r.url.pathname === '/api/v1/statistics/monthly')!.url.searchParams;
    expect(Object.fromEntries(q)).toEqual({ from: APRIL, to: `${FY + 1}-03`, dimension: 'channel' });
    // A statistician may not read master data: the programs list is not asked for.
    expect(requests.some((r) => r.url.pathname === '/api/v1/programs')).toBe(false);
    expect(charts[0].getAttribute('aria-labelledby')).toBeTruthy();
    expect(screen.getByText(`${fiscalYearLabel(FY)} 事業別の相談件数（延べ）`)).toBeTruthy();
    const tables = screen.getAllByRole('table');
    expect(tables).toHaveLength(2);
    expect(within(tables[0]).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['月', 'women', 'youth']);
    expect(within(tables[1]).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['月', '電話', 'LINE']);
    expect(row(tables[0], '4月').textContent).toContain('12');
    expect(row(tables[0], '6月').textContent).toContain('未集計');
    expect(screen.getByText(/未集計の月: 6月/)).toBeTruthy();
    expect(screen.getByText(/集計後にデータが変わった月: 5月/)).toBeTruthy();
  });

  it('shows suppressed cells as — (秘匿), never as 0, and explains them', async () => {
    setup();
    const tables = await screen.findAllByRole('table');
    const april = within(row(tables[0], '4月')).getAllByRole('cell');
    expect(april[0].textContent).toBe('12');
    expect(april[1].textContent).toBe('—（秘匿）');
    expect(april[1].textContent).not.toContain('0');
    const may = within(row(tables[0], '5月')).getAllByRole('cell');
    expect(may[0].textContent).toBe('0');
    const channelApril = within(row(tables[1], '4月')).getAllByRole('cell');
    expect(channelApril.map((c) => c.textContent)).toEqual(['9', '—（秘匿）']);
    expect(screen.getByText(/注: —：個人が特定されるおそれがあるため秘匿（関連秘匿を含む）/)).toBeTruthy();
    // The suppressed month draws no point: the women line has April only, as its own run.
    const women = document.querySelector('[data-series="women"]')!;
    expect(women.querySelectorAll('circle')).toHaveLength(2);
    const youth = document.querySelector('[data-series="youth"]')!;
    expect(youth.querySelectorAll('rect')).toHaveLength(1);
  });

  it('switches the channel chart to another program and the fiscal year', async () => {
    const { requests } = setup();
    const user = userEvent.setup();
    await screen.findAllByRole('img');
    await user.selectOptions(screen.getByLabelText('経路別グラフの事業'), 'youth');
    const tables = screen.getAllByRole('table');
    expect(within(tables[1]).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['月', '電話']);
    expect(within(row(tables[1], '5月')).getByRole('cell').textContent).toBe('5');
    await user.selectOptions(screen.getByLabelText('年度'), String(FY - 1));
    await screen.findAllByRole('img');
    const last = requests.filter((r) => r.url.pathname === '/api/v1/statistics/monthly').at(-1)!;
    expect(last.url.searchParams.get('from')).toBe(`${FY - 1}-04`);
    expect(screen.getByRole('option', { name: fiscalYearLabel(FY - 1) })).toBeTruthy();
  });

  it('says when the year has no results, and shows an api error', async () => {
    setup(() => ({ status: 200, body: { cells: [], missing: [], stale: [], note: NOTE } }));
    expect(await screen.findByText(`${fiscalYearLabel(FY)}の集計結果はまだありません。`)).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
    cleanup();
    setup(() => ({ status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'to', message: '開始月以降、24か月以内で指定してください' }] } }));
    expect((await screen.findByRole('alert')).textContent).toContain('入力内容に誤りがあります');
  });
});
