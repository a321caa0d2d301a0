import { EntityManager } from 'typeorm';

/** Each month's figures are its latest finished run: their ids, for the months that have one. */
export function latestRuns(manager: EntityManager, months: readonly string[]): Promise<{ id: string; period: string }[]> {
  return manager.query(
    `SELECT DISTINCT ON (period) id, period FROM statistics_runs WHERE status = 'done' AND period = ANY($1) ORDER BY period, finished_at DESC`,
    [months],
  );
}
