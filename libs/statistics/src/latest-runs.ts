import { EntityManager } from 'typeorm';
import type { PlanInput } from './release-plan';
import { RunStatus } from './statistics.entities';

/** Each month's figures are its latest finished run: their ids, for the months that have one. */
export function latestRuns(manager: EntityManager, months: readonly string[]): Promise<{ id: string; period: string }[]> {
  return manager.query(
    `SELECT DISTINCT ON (period) id, period FROM statistics_runs WHERE status = $2 AND period = ANY($1) ORDER BY period, finished_at DESC`,
    [months, RunStatus.Done],
  );
}

/** The counts the given runs wrote (only `metrics`, when given), as planning and reports read them. */
export async function runCounts(manager: EntityManager, runIds: readonly string[], metrics?: readonly string[]): Promise<PlanInput[]> {
  if (!runIds.length) return [];
  const rows: { period: string; program_code: string; metric: string; dimension: string; key: string; value: string }[] = await manager.query(
    `SELECT period, program_code, metric, dimension, key, value FROM monthly_statistics WHERE run_id = ANY($1)${metrics ? ' AND metric = ANY($2)' : ''}`,
    metrics ? [runIds, metrics] : [runIds],
  );
  return rows.map((r) => ({ period: r.period, programCode: r.program_code, metric: r.metric, dimension: r.dimension, key: r.key, value: Number(r.value) }));
}
