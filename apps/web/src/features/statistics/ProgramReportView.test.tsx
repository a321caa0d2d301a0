import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { currentFiscalYearJst, fiscalYearLabel } from './periods';
import type { ProgramReport } from './program-report';
import { fakeApi } from '../../test-support';
import { ProgramReportView } from './ProgramReportView';

afterEach(cleanup);

const report: ProgramReport = {
  fiscalYear: 2025,
  fiscalYearLabel: '令和7年度',
  asOf: 'R7年12月末日現在',
  missingMonths: ['2026-01', '2026-02'],
  note: 'X は件数が少ないため秘匿しています。',
  sections: [
    {
      code: 'consultation',
      title: '女性相談室',
      publication: 'suppressed',
      figures: [
        { label: '相談延べ件数', value: 1234, display: '1,234', unit: '件', asOf: 'R7年12月末日現在' },
        { label: '一時保護件数', value: null, display: 'X', unit: '件', asOf: 'R7年12月末日現在' },
      ],
    },
    {
      code: 'shelter',
      title: '民間シェルター',
      publication: 'as-published',
      figures: [{ label: '利用者数', value: null, display: '未入力', unit: '人', asOf: 'R7年12月末日現在', source: '委託先月報' }],
    },
  ],
};

describe('ProgramReportView', () => {
  it('defaults to the current fiscal year labelled in 和暦', () => {
    const { api } = fakeApi(() => ({ status: 200, body: report }));
    render(<ProgramReportView api={api} />);
    const select = screen.getByLabelText('年度') as HTMLSelectElement;
    expect(select.value).toBe(String(currentFiscalYearJst()));
    expect(select.selectedOptions[0].textContent).toContain(fiscalYearLabel(currentFiscalYearJst()));
  });

  it('shows one table per section, X and 未入力 as printed, the missing months and the note', async () => {
    const { api, requests } = fakeApi(() => ({ status: 200, body: report }));
    render(<ProgramReportView api={api} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('時点（任意）'), '2025-12-31');
    await user.click(screen.getByRole('button', { name: '表示' }));
    const consultation = await screen.findByRole('table', { name: '女性相談室' });
    expect(requests[0].url.searchParams.get('asOf')).toBe('2025-12-31');
    expect(within(consultation).getByRole('row', { name: /一時保護件数/ }).textContent).toContain('X');
    expect(within(consultation).getByRole('row', { name: /相談延べ件数/ }).textContent).toContain('1,234');
    const shelter = screen.getByRole('table', { name: '民間シェルター' });
    const row = within(shelter).getByRole('row', { name: /利用者数/ });
    expect(row.textContent).toContain('未入力');
    expect(row.textContent).toContain('委託先月報');
    expect(screen.getByRole('status').textContent).toContain('2026-01、2026-02');
    expect(screen.getByText('X は件数が少ないため秘匿しています。')).toBeTruthy();
  });

  it('downloads the CSV with the token in the header only, and saves the blob', async () => {
    const { api, requests, headers } = fakeApi(() => ({ status: 200, body: 'csv' }));
    const save = vi.fn();
    render(<ProgramReportView api={api} save={save} />);
    await userEvent.setup().click(screen.getByRole('button', { name: 'CSVをダウンロード' }));
    await vi.waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(requests[0].url.searchParams.get('format')).toBe('csv');
    expect(requests[0].url.search).not.toContain('token');
    expect(headers[0].get('authorization')).toBe('Bearer token');
    expect((save.mock.calls[0][0] as Blob).size).toBe(JSON.stringify('csv').length);
    expect(save.mock.calls[0][1]).toBe(`program-report-${currentFiscalYearJst()}.csv`);
  });
});
