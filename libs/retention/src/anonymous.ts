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
 * A LINE user still following is kept: she is still a friend of the account. Her conversations
 * are not: one tied to no case, closed more than its program's years ago, is due on its own and
 * loses its messages' texts (`conversations`, whose `data_key_id` is the user's, not destroyed).
 */
export async function anonymousDue(manager: EntityManager, today: string, unitId: string): Promise<{ contacts: AnonymousDue[]; lineUsers: AnonymousDue[]; conversations: AnonymousDue[] }> {
  const contacts: AnonymousDue[] = await manager.query(
    `SELECT c.id, c.data_key_id, r.retain_until::text AS retain_until
       FROM contacts c
       JOIN programs p ON p.code = c.program_code
       JOIN data_keys k ON k.id = c.data_key_id AND k.wrapped_key IS NOT NULL
       CROSS JOIN LATERAL (SELECT ((c.started_at AT TIME ZONE 'Asia/Tokyo')::date + make_interval(years => p.retention_years))::date AS retain_until) r
      WHERE c.case_id IS NULL AND c.unit_id = $1 AND r.retain_until < $2::date
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
        AND r.retain_until < $2::date
      ORDER BY r.retain_until, u.id`,
    [unitId, today],
  );
  const dueUsers = new Set(lineUsers.map((u) => u.id));
  const conversations: Array<AnonymousDue & { line_user_id: string }> = await manager.query(
    `SELECT v.id, u.data_key_id, v.line_user_id, r.retain_until::text AS retain_until
       FROM line_conversations v
       JOIN line_users u ON u.id = v.line_user_id
       JOIN line_channels ch ON ch.id = v.channel_id
       JOIN programs p ON p.code = ch.program_code
       CROSS JOIN LATERAL (SELECT ((v.closed_at AT TIME ZONE 'Asia/Tokyo')::date + make_interval(years => p.retention_years))::date AS retain_until) r
      WHERE ch.unit_id = $1 AND v.status = 'closed' AND v.case_id IS NULL AND u.client_id IS NULL AND u.shredded_at IS NULL
        AND r.retain_until < $2::date
        AND EXISTS (SELECT 1 FROM line_messages m WHERE m.conversation_id = v.id AND (m.text_enc IS NOT NULL OR m.read_token_enc IS NOT NULL))
      ORDER BY r.retain_until, v.id`,
    [unitId, today],
  );
  // A user due as a whole takes her conversations with her.
  return { contacts, lineUsers, conversations: conversations.filter((v) => !dueUsers.has(v.line_user_id)) };
}

/** The latest date among records kept until then, or null for none. */
export function latestOf(rows: AnonymousDue[]): string | null {
  return rows.reduce<string | null>((max, r) => (max === null || r.retain_until > max ? r.retain_until : max), null);
}
