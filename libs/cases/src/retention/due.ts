import { EntityManager } from 'typeorm';
import type { RetentionCaseDto } from './retention.service';

export interface DueRow {
  client_id: string;
  unit_id: string;
  case_id: string;
  case_number: string;
  program_code: string;
  closed_on: string;
  retain_until: string;
}

/**
 * Her cases, when every one is closed and past its program's retention on `today`: the one rule
 * for the list, the daily reminders and the destruction. Clients already shredded are left out.
 */
export async function dueCases(manager: EntityManager, today: string, where: { unitId?: string; clientId?: string }): Promise<DueRow[]> {
  return manager.query(
    `WITH held AS (
       SELECT c.client_id,
              bool_and(c.status = 'closed' AND c.closed_on IS NOT NULL AND (c.closed_on + make_interval(years => p.retention_years))::date <= $1::date) AS expired
         FROM cases c JOIN programs p ON p.code = c.program_code
        WHERE ($3::uuid IS NULL OR c.client_id = $3)
        GROUP BY c.client_id)
     SELECT c.client_id, cl.unit_id, c.id AS case_id, c.case_number, c.program_code, c.closed_on::text AS closed_on,
            (c.closed_on + make_interval(years => p.retention_years))::date::text AS retain_until
       FROM cases c
       JOIN programs p ON p.code = c.program_code
       JOIN held h ON h.client_id = c.client_id AND h.expired
       JOIN clients cl ON cl.id = c.client_id AND cl.shredded_at IS NULL AND ($2::uuid IS NULL OR cl.unit_id = $2)
      ORDER BY c.client_id, c.closed_on, c.case_number`,
    [today, where.unitId ?? null, where.clientId ?? null],
  );
}

export function groupByClient(rows: DueRow[]): Map<string, RetentionCaseDto[]> {
  const byClient = new Map<string, RetentionCaseDto[]>();
  for (const r of rows) {
    const list = byClient.get(r.client_id) ?? [];
    list.push({ caseId: r.case_id, caseNumber: r.case_number, programCode: r.program_code, closedOn: r.closed_on, retainUntil: r.retain_until });
    byClient.set(r.client_id, list);
  }
  return byClient;
}

export const latest = (cases: RetentionCaseDto[]): string => cases.map((c) => c.retainUntil).sort().at(-1)!;

