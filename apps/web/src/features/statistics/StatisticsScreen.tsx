import type { ApiClient } from '../../api/client';
import { MonthlyRun } from './MonthlyRun';
import { ProgramReportView } from './ProgramReportView';

/** 統計: the 統計担当's home (monthly runs and the fiscal-year report). */
export function StatisticsScreen({ api }: { api: ApiClient }) {
  return (
    <div className="statistics">
      <MonthlyRun api={api} />
      <ProgramReportView api={api} />
    </div>
  );
}
