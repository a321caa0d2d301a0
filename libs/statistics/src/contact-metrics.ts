import { Dimension, DV_KEY, Metric, TOTAL_KEY } from './metric-names';

/**
 * The month's contacts (延べ件数, anonymous ones included) by program: in total and by channel,
 * concern, DV, age band and gender; and 実人数, the distinct clients among them (anonymous
 * contacts have none). One statement and one read of the month, where one statement per figure
 * read it seven times: the contacts are grouped by their own attributes and, in the same pass,
 * by case and program; the clients' attributes are joined to those case groups rather than to
 * every contact, and each figure is summed from the groups. PostgreSQL sorts for the case groups
 * (it overestimates how many there are, so it won't hash them): case first, as uuids compare
 * cheaper than text.
 *
 * Binds `:run`, `:period`, `:start` and `:end` (see metrics.ts). The outer select list is what a
 * row holds; ids stay inside, to group and count by.
 */
export const MONTH_CONTACTS = `SELECT :run, :period, r.program_code, r.metric, r.dimension, r.key, r.value FROM (
  WITH month AS (
    SELECT ct.program_code, ct.channel, ct.main_concern, ct.dv_related, ct.case_id, GROUPING(ct.case_id) = 0 AS by_case, count(*) AS n
      FROM contacts ct
     WHERE ct.started_at >= :start AND ct.started_at < :end
     GROUP BY GROUPING SETS ((ct.program_code, ct.channel, ct.main_concern, ct.dv_related), (ct.case_id, ct.program_code))
  ), by_case AS (
    SELECT m.program_code, c.client_id, COALESCE(cl.age_band, 'unknown') AS age_band, COALESCE(cl.gender, 'unknown') AS gender, m.n
      FROM month m LEFT JOIN cases c ON c.id = m.case_id LEFT JOIN clients cl ON cl.id = c.client_id
     WHERE m.by_case
  )
  SELECT m.program_code, '${Metric.Contacts}' AS metric, d.dimension, d.key, sum(m.n)::bigint AS value
    FROM month m
   CROSS JOIN LATERAL (VALUES ('${Dimension.Total}', '${TOTAL_KEY}'), ('${Dimension.Channel}', m.channel), ('${Dimension.Concern}', m.main_concern), ('${Dimension.Dv}', CASE WHEN m.dv_related THEN '${DV_KEY.dv}' ELSE '${DV_KEY.other}' END)) AS d (dimension, key)
   WHERE NOT m.by_case
   GROUP BY m.program_code, d.dimension, d.key
  UNION ALL
  SELECT b.program_code, '${Metric.Contacts}', d.dimension, d.key, sum(b.n)::bigint
    FROM by_case b
   CROSS JOIN LATERAL (VALUES ('${Dimension.AgeBand}', b.age_band), ('${Dimension.Gender}', b.gender)) AS d (dimension, key)
   GROUP BY b.program_code, d.dimension, d.key
  UNION ALL
  SELECT b.program_code, '${Metric.Clients}', '${Dimension.Total}', '${TOTAL_KEY}', count(DISTINCT b.client_id) FROM by_case b WHERE b.client_id IS NOT NULL GROUP BY b.program_code
) r`;
