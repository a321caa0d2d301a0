import { MONTH_CONTACTS } from './contact-metrics';

/**
 * What a monthly run counts, as SQL over the case tables. Each statement inserts the rows of
 * one metric and dimension for the month: `:run`, `:period`, `:start`/`:end` (the month's
 * instants, JST), `:first`/`:last` (its dates), `:today` and `:cap` (the day after the month,
 * or today if earlier: open stays count no future nights) are bound per statement. Rows carry
 * program, metric, dimension, key and a count — never an id of a person, case or user.
 */
export interface MetricQuery {
  metric: string;
  dimension: string;
  sql: string;
}

const insert = (metric: string, dimension: string, select: string): MetricQuery => ({
  metric,
  dimension,
  sql: `INSERT INTO monthly_statistics (run_id, period, program_code, metric, dimension, key, value) ${select}`,
});

/** Cases opened in the month that have DV details. */
const DV_CASES = `FROM cases c JOIN case_dv d ON d.case_id = c.id WHERE c.opened_on BETWEEN :first AND :last`;

export const METRICS: readonly MetricQuery[] = [
  // Contacts by every dimension, and 実人数 (clients), in one statement.
  insert('contacts', '*', MONTH_CONTACTS),
  insert('cases-opened', 'total', `SELECT :run, :period, program_code, 'cases-opened', 'total', 'all', count(*) FROM cases WHERE opened_on BETWEEN :first AND :last GROUP BY program_code`),
  insert('cases-closed', 'total', `SELECT :run, :period, program_code, 'cases-closed', 'total', 'all', count(*) FROM cases WHERE closed_on BETWEEN :first AND :last GROUP BY program_code`),
  // LINE: アクセス数 = sessions started, 相談件数 = of those answered, 実人数 = their users.
  insert('line-sessions', 'total', `SELECT :run, :period, ch.program_code, 'line-sessions', 'total', 'all', count(*) FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id WHERE lc.started_at >= :start AND lc.started_at < :end GROUP BY ch.program_code`),
  insert('line-answered', 'total', `SELECT :run, :period, ch.program_code, 'line-answered', 'total', 'all', count(*) FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id WHERE lc.started_at >= :start AND lc.started_at < :end AND lc.first_response_at IS NOT NULL GROUP BY ch.program_code`),
  insert('line-users', 'total', `SELECT :run, :period, ch.program_code, 'line-users', 'total', 'all', count(DISTINCT lc.line_user_id) FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id WHERE lc.started_at >= :start AND lc.started_at < :end GROUP BY ch.program_code`),
  insert('line-follows', 'kind', `SELECT :run, :period, ch.program_code, 'line-follows', 'kind', f.kind, count(*) FROM line_follow_events f JOIN line_channels ch ON ch.id = f.channel_id WHERE f.occurred_at >= :start AND f.occurred_at < :end GROUP BY ch.program_code, f.kind`),
  // 友だち登録者数 at the month's end: users whose last follow event by then was a follow. A user
  // shredded at the end of retention counts for the months that ended before (they stay as they
  // were), not after: her follow state is unknown from then on.
  insert('line-followers', 'total', `SELECT :run, :period, ch.program_code, 'line-followers', 'total', 'all', count(*) FROM (
      SELECT DISTINCT ON (f.line_user_id) f.line_user_id, f.channel_id, f.kind FROM line_follow_events f WHERE f.occurred_at < :end ORDER BY f.line_user_id, f.occurred_at DESC, f.id DESC
    ) last JOIN line_channels ch ON ch.id = last.channel_id JOIN line_users u ON u.id = last.line_user_id
    WHERE last.kind = 'follow' AND (u.shredded_at IS NULL OR u.shredded_at >= :end) GROUP BY ch.program_code`),
  insert('provisions', 'kind', `SELECT :run, :period, program_code, 'provisions', 'kind', kind, sum(quantity) FROM provisions WHERE provided_on BETWEEN :first AND :last GROUP BY program_code, kind`),
  // Placements admitted in the month, by facility kind: stays, adults and 同伴児.
  insert('placements', 'facility-kind', `SELECT :run, :period, c.program_code, 'placements', 'facility-kind', f.kind, count(*) FROM placements p JOIN cases c ON c.id = p.case_id JOIN facilities f ON f.id = p.facility_id WHERE p.admitted_on BETWEEN :first AND :last GROUP BY c.program_code, f.kind`),
  insert('placements', 'placement-kind', `SELECT :run, :period, c.program_code, 'placements', 'placement-kind', p.kind, count(*) FROM placements p JOIN cases c ON c.id = p.case_id WHERE p.admitted_on BETWEEN :first AND :last GROUP BY c.program_code, p.kind`),
  insert('placement-adults', 'facility-kind', `SELECT :run, :period, c.program_code, 'placement-adults', 'facility-kind', f.kind, sum(p.adults) FROM placements p JOIN cases c ON c.id = p.case_id JOIN facilities f ON f.id = p.facility_id WHERE p.admitted_on BETWEEN :first AND :last GROUP BY c.program_code, f.kind`),
  insert('placement-children', 'facility-kind', `SELECT :run, :period, c.program_code, 'placement-children', 'facility-kind', f.kind, sum(p.children) FROM placements p JOIN cases c ON c.id = p.case_id JOIN facilities f ON f.id = p.facility_id WHERE p.admitted_on BETWEEN :first AND :last GROUP BY c.program_code, f.kind`),
  // Per facility (by name), from admitted stays: admissions, adults, 同伴児, nights in the month
  // (open stays up to today), households in residence on the 1st (延べ世帯数 adds these up), exits.
  ...facilityMetrics(),
  insert('transports', 'total', `SELECT :run, :period, c.program_code, 'transports', 'total', 'all', count(*) FROM transports t JOIN cases c ON c.id = t.case_id WHERE t.transported_on BETWEEN :first AND :last GROUP BY c.program_code`),
  // Referrals approved in the month, by department and by purpose.
  insert('referrals', 'department', `SELECT :run, :period, c.program_code, 'referrals', 'department', d.code, count(*) FROM referrals r JOIN cases c ON c.id = r.case_id JOIN departments d ON d.id = r.department_id WHERE r.decided_at >= :start AND r.decided_at < :end AND r.status NOT IN ('draft', 'submitted', 'rejected') GROUP BY c.program_code, d.code`),
  insert('referrals', 'purpose', `SELECT :run, :period, c.program_code, 'referrals', 'purpose', r.purpose, count(*) FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.decided_at >= :start AND r.decided_at < :end AND r.status NOT IN ('draft', 'submitted', 'rejected') GROUP BY c.program_code, r.purpose`),
  // Referrals decided in the month by where they stand now (a later answer marks the month stale).
  insert('referrals', 'outcome', `SELECT :run, :period, c.program_code, 'referrals', 'outcome', r.status, count(*) FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.decided_at >= :start AND r.decided_at < :end AND r.status NOT IN ('draft', 'submitted', 'rejected') GROUP BY c.program_code, r.status`),
  // DV: cases opened in the month with DV details, by relation and by violence type (a case
  // counts once under each of its types, so those add up to more than the cases).
  insert('dv-cases', 'total', `SELECT :run, :period, c.program_code, 'dv-cases', 'total', 'all', count(*) ${DV_CASES} GROUP BY c.program_code`),
  insert('dv-cases', 'relation', `SELECT :run, :period, c.program_code, 'dv-cases', 'relation', d.relation, count(*) ${DV_CASES} GROUP BY c.program_code, d.relation`),
  insert(
    'dv-cases',
    'violence-type',
    `SELECT :run, :period, c.program_code, 'dv-cases', 'violence-type', t.type, count(*) FROM cases c JOIN case_dv d ON d.case_id = c.id CROSS JOIN LATERAL unnest(d.violence_types) AS t(type) WHERE c.opened_on BETWEEN :first AND :last GROUP BY c.program_code, t.type`,
  ),
  // 保護命令 issued in the month by kind; 支援措置 terms starting in the month (new or renewed),
  // and the opinions (相談機関等の意見) this office gave in the month.
  insert('protection-orders', 'kind', `SELECT :run, :period, c.program_code, 'protection-orders', 'kind', o.kind, count(*) FROM protection_orders o JOIN cases c ON c.id = o.case_id WHERE o.issued_on BETWEEN :first AND :last GROUP BY c.program_code, o.kind`),
  insert(
    'support-measures',
    'kind',
    `SELECT :run, :period, t.program_code, 'support-measures', 'kind', t.kind, count(*) FROM (
        SELECT c.program_code, CASE WHEN m.renews_id IS NULL THEN 'new' ELSE 'renewal' END AS kind FROM support_measures m JOIN cases c ON c.id = m.case_id WHERE m.starts_on BETWEEN :first AND :last
      ) t GROUP BY t.program_code, t.kind`,
  ),
  insert('support-opinions', 'total', `SELECT :run, :period, c.program_code, 'support-opinions', 'total', 'all', count(*) FROM support_measures m JOIN cases c ON c.id = m.case_id WHERE m.opinion_given_on BETWEEN :first AND :last GROUP BY c.program_code`),
];

function facilityMetrics(): MetricQuery[] {
  const stays = `FROM placements p JOIN cases c ON c.id = p.case_id JOIN facilities f ON f.id = p.facility_id WHERE p.status IN ('active', 'ended')`;
  const by = (metric: string, value: string, where: string) =>
    insert(metric, 'facility', `SELECT :run, :period, c.program_code, '${metric}', 'facility', f.name, ${value} ${stays} AND ${where} GROUP BY c.program_code, f.name`);
  const admitted = 'p.admitted_on BETWEEN :first AND :last';
  return [
    by('facility-admissions', 'count(*)', admitted),
    by('facility-adults', 'sum(p.adults)', admitted),
    by('facility-children', 'sum(p.children)', admitted),
    by(
      'facility-nights',
      `sum(GREATEST(0, LEAST(COALESCE(p.ended_on, :cap), :cap) - GREATEST(p.admitted_on, :first)))`,
      'p.admitted_on < :cap AND (p.ended_on IS NULL OR p.ended_on > :first)',
    ),
    by('facility-households', 'count(*)', 'p.admitted_on <= :first AND (p.ended_on IS NULL OR p.ended_on > :first) AND :first::date <= :today::date'),
    by('facility-exits', 'count(*)', 'p.ended_on BETWEEN :first AND :last'),
  ];
}

/** Binds `:name` placeholders to positional parameters, passing only those the statement uses. */
export function bind(sql: string, values: Record<string, unknown>): [string, unknown[]] {
  const order: string[] = [];
  const text = sql.replace(/:([a-z]+)\b/g, (match, name: string) => {
    if (!(name in values)) return match;
    let index = order.indexOf(name);
    if (index === -1) index = order.push(name) - 1;
    return `$${index + 1}`;
  });
  return [text, order.map((name) => values[name])];
}
