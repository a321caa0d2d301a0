import { MONTH_CONTACTS } from './contact-metrics';
import { Dimension, Metric } from './metric-names';

/**
 * What a monthly run counts, as SQL over the case tables. Each statement inserts the rows of
 * one metric and dimension for the month: `:run`, `:period`, `:start`/`:end` (the month's
 * instants, JST), `:first`/`:last` (its dates), `:today` and `:cap` (the day after the month,
 * or today if earlier: open stays count no future nights) are bound per statement. Rows carry
 * program, metric, dimension, key and a count — never an id of a person, case or user.
 */
export interface MetricQuery {
  /** `*`: the statement writes several metrics or dimensions (MONTH_CONTACTS). */
  metric: Metric | '*';
  dimension: Dimension | '*';
  sql: string;
}

/** `:metric, :dimension` in the select list are the statement's own (typed) names, filled in here. */
const insert = (metric: Metric | '*', dimension: Dimension | '*', select: string): MetricQuery => ({
  metric,
  dimension,
  sql: `INSERT INTO monthly_statistics (run_id, period, program_code, metric, dimension, key, value) ${select.replace(':metric, :dimension', `'${metric}', '${dimension}'`)}`,
});

/** Cases opened in the month that have DV details. */
const DV_CASES = `FROM cases c JOIN case_dv d ON d.case_id = c.id WHERE c.opened_on BETWEEN :first AND :last`;

export const METRICS: readonly MetricQuery[] = [
  // Contacts by every dimension, and 実人数 (clients), in one statement.
  insert(Metric.Contacts, '*', MONTH_CONTACTS),
  insert(Metric.CasesOpened, Dimension.Total, `SELECT :run, :period, program_code, :metric, :dimension, 'all', count(*) FROM cases WHERE opened_on BETWEEN :first AND :last GROUP BY program_code`),
  insert(Metric.CasesClosed, Dimension.Total, `SELECT :run, :period, program_code, :metric, :dimension, 'all', count(*) FROM cases WHERE closed_on BETWEEN :first AND :last GROUP BY program_code`),
  // LINE: アクセス数 = sessions started, 相談件数 = of those answered, 実人数 = their users.
  insert(Metric.LineSessions, Dimension.Total, `SELECT :run, :period, ch.program_code, :metric, :dimension, 'all', count(*) FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id WHERE lc.started_at >= :start AND lc.started_at < :end GROUP BY ch.program_code`),
  insert(Metric.LineAnswered, Dimension.Total, `SELECT :run, :period, ch.program_code, :metric, :dimension, 'all', count(*) FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id WHERE lc.started_at >= :start AND lc.started_at < :end AND lc.first_response_at IS NOT NULL GROUP BY ch.program_code`),
  insert(Metric.LineUsers, Dimension.Total, `SELECT :run, :period, ch.program_code, :metric, :dimension, 'all', count(DISTINCT lc.line_user_id) FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id WHERE lc.started_at >= :start AND lc.started_at < :end GROUP BY ch.program_code`),
  insert(Metric.LineFollows, Dimension.Kind, `SELECT :run, :period, ch.program_code, :metric, :dimension, f.kind, count(*) FROM line_follow_events f JOIN line_channels ch ON ch.id = f.channel_id WHERE f.occurred_at >= :start AND f.occurred_at < :end GROUP BY ch.program_code, f.kind`),
  // 友だち登録者数 at the month's end: users whose last follow event by then was a follow. A user
  // shredded at the end of retention counts for the months that ended before (they stay as they
  // were), not after: her follow state is unknown from then on.
  insert(Metric.LineFollowers, Dimension.Total, `SELECT :run, :period, ch.program_code, :metric, :dimension, 'all', count(*) FROM (
      SELECT DISTINCT ON (f.line_user_id) f.line_user_id, f.channel_id, f.kind FROM line_follow_events f WHERE f.occurred_at < :end ORDER BY f.line_user_id, f.occurred_at DESC, f.id DESC
    ) last JOIN line_channels ch ON ch.id = last.channel_id JOIN line_users u ON u.id = last.line_user_id
    WHERE last.kind = 'follow' AND (u.shredded_at IS NULL OR u.shredded_at >= :end) GROUP BY ch.program_code`),
  insert(Metric.Provisions, Dimension.Kind, `SELECT :run, :period, program_code, :metric, :dimension, kind, sum(quantity) FROM provisions WHERE provided_on BETWEEN :first AND :last GROUP BY program_code, kind`),
  // Placements admitted in the month, by facility kind: stays, adults and 同伴児.
  insert(Metric.Placements, Dimension.FacilityKind, `SELECT :run, :period, c.program_code, :metric, :dimension, f.kind, count(*) FROM placements p JOIN cases c ON c.id = p.case_id JOIN facilities f ON f.id = p.facility_id WHERE p.admitted_on BETWEEN :first AND :last GROUP BY c.program_code, f.kind`),
  insert(Metric.Placements, Dimension.PlacementKind, `SELECT :run, :period, c.program_code, :metric, :dimension, p.kind, count(*) FROM placements p JOIN cases c ON c.id = p.case_id WHERE p.admitted_on BETWEEN :first AND :last GROUP BY c.program_code, p.kind`),
  insert(Metric.PlacementAdults, Dimension.FacilityKind, `SELECT :run, :period, c.program_code, :metric, :dimension, f.kind, sum(p.adults) FROM placements p JOIN cases c ON c.id = p.case_id JOIN facilities f ON f.id = p.facility_id WHERE p.admitted_on BETWEEN :first AND :last GROUP BY c.program_code, f.kind`),
  insert(Metric.PlacementChildren, Dimension.FacilityKind, `SELECT :run, :period, c.program_code, :metric, :dimension, f.kind, sum(p.children) FROM placements p JOIN cases c ON c.id = p.case_id JOIN facilities f ON f.id = p.facility_id WHERE p.admitted_on BETWEEN :first AND :last GROUP BY c.program_code, f.kind`),
  // Per facility (by name), from admitted stays: admissions, adults, 同伴児, nights in the month
  // (open stays up to today), households in residence on the 1st (延べ世帯数 adds these up), exits.
  ...facilityMetrics(),
  insert(Metric.Transports, Dimension.Total, `SELECT :run, :period, c.program_code, :metric, :dimension, 'all', count(*) FROM transports t JOIN cases c ON c.id = t.case_id WHERE t.transported_on BETWEEN :first AND :last GROUP BY c.program_code`),
  // Referrals approved in the month, by department and by purpose.
  insert(Metric.Referrals, Dimension.Department, `SELECT :run, :period, c.program_code, :metric, :dimension, d.code, count(*) FROM referrals r JOIN cases c ON c.id = r.case_id JOIN departments d ON d.id = r.department_id WHERE r.decided_at >= :start AND r.decided_at < :end AND r.status NOT IN ('draft', 'submitted', 'rejected') GROUP BY c.program_code, d.code`),
  insert(Metric.Referrals, Dimension.Purpose, `SELECT :run, :period, c.program_code, :metric, :dimension, r.purpose, count(*) FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.decided_at >= :start AND r.decided_at < :end AND r.status NOT IN ('draft', 'submitted', 'rejected') GROUP BY c.program_code, r.purpose`),
  // Referrals decided in the month by where they stand now (a later answer marks the month stale).
  insert(Metric.Referrals, Dimension.Outcome, `SELECT :run, :period, c.program_code, :metric, :dimension, r.status, count(*) FROM referrals r JOIN cases c ON c.id = r.case_id WHERE r.decided_at >= :start AND r.decided_at < :end AND r.status NOT IN ('draft', 'submitted', 'rejected') GROUP BY c.program_code, r.status`),
  // DV: cases opened in the month with DV details, by relation and by violence type (a case
  // counts once under each of its types, so those add up to more than the cases).
  insert(Metric.DvCases, Dimension.Total, `SELECT :run, :period, c.program_code, :metric, :dimension, 'all', count(*) ${DV_CASES} GROUP BY c.program_code`),
  insert(Metric.DvCases, Dimension.Relation, `SELECT :run, :period, c.program_code, :metric, :dimension, d.relation, count(*) ${DV_CASES} GROUP BY c.program_code, d.relation`),
  insert(
    Metric.DvCases,
    Dimension.ViolenceType,
    `SELECT :run, :period, c.program_code, :metric, :dimension, t.type, count(*) FROM cases c JOIN case_dv d ON d.case_id = c.id CROSS JOIN LATERAL unnest(d.violence_types) AS t(type) WHERE c.opened_on BETWEEN :first AND :last GROUP BY c.program_code, t.type`,
  ),
  // 保護命令 issued in the month by kind; 支援措置 terms starting in the month (new or renewed),
  // and the opinions (相談機関等の意見) this office gave in the month.
  insert(Metric.ProtectionOrders, Dimension.Kind, `SELECT :run, :period, c.program_code, :metric, :dimension, o.kind, count(*) FROM protection_orders o JOIN cases c ON c.id = o.case_id WHERE o.issued_on BETWEEN :first AND :last GROUP BY c.program_code, o.kind`),
  insert(
    Metric.SupportMeasures,
    Dimension.Kind,
    `SELECT :run, :period, t.program_code, :metric, :dimension, t.kind, count(*) FROM (
        SELECT c.program_code, CASE WHEN m.renews_id IS NULL THEN 'new' ELSE 'renewal' END AS kind FROM support_measures m JOIN cases c ON c.id = m.case_id WHERE m.starts_on BETWEEN :first AND :last
      ) t GROUP BY t.program_code, t.kind`,
  ),
  insert(Metric.SupportOpinions, Dimension.Total, `SELECT :run, :period, c.program_code, :metric, :dimension, 'all', count(*) FROM support_measures m JOIN cases c ON c.id = m.case_id WHERE m.opinion_given_on BETWEEN :first AND :last GROUP BY c.program_code`),
];

function facilityMetrics(): MetricQuery[] {
  const stays = `FROM placements p JOIN cases c ON c.id = p.case_id JOIN facilities f ON f.id = p.facility_id WHERE p.status IN ('active', 'ended')`;
  const by = (metric: Metric, value: string, where: string) =>
    insert(metric, Dimension.Facility, `SELECT :run, :period, c.program_code, :metric, :dimension, f.name, ${value} ${stays} AND ${where} GROUP BY c.program_code, f.name`);
  const admitted = 'p.admitted_on BETWEEN :first AND :last';
  return [
    by(Metric.FacilityAdmissions, 'count(*)', admitted),
    by(Metric.FacilityAdults, 'sum(p.adults)', admitted),
    by(Metric.FacilityChildren, 'sum(p.children)', admitted),
    by(
      Metric.FacilityNights,
      `sum(GREATEST(0, LEAST(COALESCE(p.ended_on, :cap), :cap) - GREATEST(p.admitted_on, :first)))`,
      'p.admitted_on < :cap AND (p.ended_on IS NULL OR p.ended_on > :first)',
    ),
    by(Metric.FacilityHouseholds, 'count(*)', 'p.admitted_on <= :first AND (p.ended_on IS NULL OR p.ended_on > :first) AND :first::date <= :today::date'),
    by(Metric.FacilityExits, 'count(*)', 'p.ended_on BETWEEN :first AND :last'),
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
