import { EntityManager } from 'typeorm';

/** A record that belongs to no client, due for destruction: its id, its own data key and the date it was kept until. */
export interface AnonymousDue {
  id: string;
  data_key_id: string;
  retain_until: string;
}

/**
 * What belongs to no client and is past retention on `today` (JST), in the unit:
 * - anonymous consultation records (no case), each under its own key: their program's years
 *   after the consultation;
 * - LINE users never tied to a client or a case, no longer following the account, with no open
 *   conversation: their channel's program's years after their last activity (created, a message,
 *   a follow event, a conversation closed).
 * A LINE user still following is kept: she is still a friend of the account.
 */
export async function anonymousDue(manager: EntityManager, today: string, unitId: string): Promise<{ contacts: AnonymousDue[]; lineUsers: AnonymousDue[] }> {
  const contacts: AnonymousDue[] = await manager.query(
    `SELECT c.id, c.data_key_id, r.retain_until::text AS retain_until
       FROM contacts c
       JOIN programs p ON p.code = c.program_code
       JOIN data_keys k ON k.id = c.data_key_id AND k.wrapped_key IS NOT NULL
       CROSS JOIN LATERAL (SELECT ((c.started_at AT TIME ZONE 'Asia/Tokyo')::date + make_interval(years => p.retention_years))::date AS retain_until) r
      WHERE c.case_id IS NULL AND c.unit_id = $1 AND r.retain_until <= $2::date
      ORDER BY c.started_at, c.id`,
    [unitId, today],
  );
  const lineUsers: AnonymousDue[] = await manager.query(
    `SELECT u.id, u.data_key_id, r.retain_until::text AS retain_until
       FROM line_users u
       JOIN line_channels ch ON ch.id = u.channel_id
       JOIN programs p ON p.code = ch.program_code
       JOIN data_keys k ON k.id = u.data_key_id AND k.wrapped_key IS NOT NULL
       CROSS JOIN LATERAL (
         SELECT ((GREATEST(
                   u.created_at,
                   (SELECT max(v.closed_at) FROM line_conversations v WHERE v.line_user_id = u.id),
                   (SELECT max(m.occurred_at) FROM line_messages m JOIN line_conversations v ON v.id = m.conversation_id WHERE v.line_user_id = u.id),
                   (SELECT max(f.occurred_at) FROM line_follow_events f WHERE f.line_user_id = u.id)
                 ) AT TIME ZONE 'Asia/Tokyo')::date + make_interval(years => p.retention_years))::date AS retain_until
       ) r
      WHERE ch.unit_id = $1 AND u.client_id IS NULL AND u.shredded_at IS NULL AND NOT u.following
        AND NOT EXISTS (SELECT 1 FROM line_conversations v WHERE v.line_user_id = u.id AND (v.case_id IS NOT NULL OR v.status <> 'closed'))
        AND r.retain_until <= $2::date
      ORDER BY r.retain_until, u.id`,
    [unitId, today],
  );
  return { contacts, lineUsers };
}

/** The latest date among records kept until then, or null for none. */
export function latestOf(rows: AnonymousDue[]): string | null {
  return rows.reduce<string | null>((max, r) => (max === null || r.retain_until > max ? r.retain_until : max), null);
}
