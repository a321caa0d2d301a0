import { EntityManager } from 'typeorm';
import type { RetentionCaseDto } from './dto/retention.dto';

interface DueRow {
  client_id: string;
  unit_id: string;
  /** Null for a client registered without any case. */
  case_id: string | null;
  case_number: string | null;
  program_code: string | null;
  closed_on: string | null;
  retain_until: string;
}

/** A client due for destruction: her unit, her cases (none for a client never given one) and the date she was kept until. */
export interface DueClient {
  clientId: string;
  unitId: string;
  /** The latest date any of her records had to be kept until (JST). */
  retainUntil: string;
  cases: RetentionCaseDto[];
}

/**
 * The clients due for destruction on `today` (JST): the one rule for the list, the daily
 * reminders and the destruction. Clients already shredded are left out.
 * - A client with cases is due when every one is closed and past its program's retention
 *   (`programs.retention_years` after the closing date).
 * - "Past" means after the day the period ends (`retain_until`, shown as 保存期限 …まで): the
 *   period counts from the day after the closing (民法140条, 初日不算入) and so ends with the
 *   closing's calendar date that many years later: a record closed on 2026-03-31 with 1 year is
 *   kept through 2027-03-31 and due on 2027-04-01, never on its last day.
 * - A client registered without any case has no program to take a period from: she is due the
 *   longest retention of any program after her record last changed.
 */
export async function dueClients(manager: EntityManager, today: string, where: { unitId?: string; clientId?: string }): Promise<DueClient[]> {
  const rows: DueRow[] = await manager.query(
    `WITH held AS (
       SELECT c.client_id,
              bool_and(c.status = 'closed' AND c.closed_on IS NOT NULL AND (c.closed_on + make_interval(years => p.retention_years))::date < $1::date) AS expired
         FROM cases c JOIN programs p ON p.code = c.program_code
        WHERE ($3::uuid IS NULL OR c.client_id = $3)
        GROUP BY c.client_id)
     SELECT c.client_id, cl.unit_id, c.id AS case_id, c.case_number, c.program_code, c.closed_on::text AS closed_on,
            (c.closed_on + make_interval(years => p.retention_years))::date::text AS retain_until
       FROM cases c
       JOIN programs p ON p.code = c.program_code
       JOIN held h ON h.client_id = c.client_id AND h.expired
       JOIN clients cl ON cl.id = c.client_id AND cl.shredded_at IS NULL AND ($2::uuid IS NULL OR cl.unit_id = $2)
     UNION ALL
     SELECT cl.id, cl.unit_id, NULL, NULL, NULL, NULL, k.retain_until::text
       FROM clients cl
       CROSS JOIN LATERAL (
         SELECT ((cl.updated_at AT TIME ZONE 'Asia/Tokyo')::date + make_interval(years => (SELECT max(retention_years) FROM programs)))::date AS retain_until
       ) k
      WHERE cl.shredded_at IS NULL AND ($2::uuid IS NULL OR cl.unit_id = $2) AND ($3::uuid IS NULL OR cl.id = $3)
        AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.client_id = cl.id)
        AND k.retain_until < $1::date
     ORDER BY 1, 6, 4`,
    [today, where.unitId ?? null, where.clientId ?? null],
  );
  const byClient = new Map<string, DueClient>();
  for (const r of rows) {
    const due = byClient.get(r.client_id) ?? { clientId: r.client_id, unitId: r.unit_id, retainUntil: r.retain_until, cases: [] };
    if (r.retain_until > due.retainUntil) due.retainUntil = r.retain_until;
    if (r.case_id !== null) {
      due.cases.push({ caseId: r.case_id, caseNumber: r.case_number!, programCode: r.program_code!, closedOn: r.closed_on!, retainUntil: r.retain_until });
    }
    byClient.set(r.client_id, due);
  }
  return [...byClient.values()];
}
