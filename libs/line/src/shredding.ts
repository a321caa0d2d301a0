import { nullAll, ColumnsByTable } from '@tsunagu/common';
import { affectedRows } from '@tsunagu/database';
import { EntityManager } from 'typeorm';

/** What libs/line empties of a person: her LINE id, her raw webhook events and the texts of her conversations. */
export const LINE_SHREDDED_COLUMNS: ColumnsByTable = {
  line_users: ['user_id_enc'],
  line_inbox: ['payload_enc'],
  line_messages: ['text_enc', 'read_token_enc'],
};

export interface ShreddableLineUser {
  id: string;
  data_key_id: string;
}

/** Her LINE accounts: linked to the client, or to a conversation on one of her cases. Each has its own key. */
export function lineUsersOf(m: EntityManager, clientId: string, caseIds: readonly string[]): Promise<ShreddableLineUser[]> {
  return m.query(
    `SELECT u.id, u.data_key_id FROM line_users u
      WHERE u.client_id = $1 OR EXISTS (SELECT 1 FROM line_conversations v WHERE v.line_user_id = u.id AND v.case_id = ANY($2::uuid[]))`,
    [clientId, caseIds],
  );
}

/**
 * Shreds LINE users: their id, blind index and raw webhook events emptied, the texts of their
 * conversations (and of conversations on `caseIds`) emptied. Returns how many messages were
 * emptied. The conversations and follow events stay as counts; the users' data keys are the
 * caller's to destroy, in the same transaction.
 */
export async function shredLineUsers(m: EntityManager, userIds: readonly string[], caseIds: readonly string[], now: Date): Promise<number> {
  const c = LINE_SHREDDED_COLUMNS;
  const messages = await affectedRows(
    m,
    `UPDATE line_messages SET ${nullAll(c, 'line_messages')}
      WHERE conversation_id IN (SELECT id FROM line_conversations WHERE line_user_id = ANY($1::uuid[]) OR case_id = ANY($2::uuid[]))`,
    [userIds, caseIds],
  );
  await m.query(`UPDATE line_inbox SET ${nullAll(c, 'line_inbox')} WHERE line_user_id = ANY($1::uuid[])`, [userIds]);
  await m.query(`UPDATE line_users SET ${nullAll(c, 'line_users')}, user_id_bidx = NULL, following = false, shredded_at = $2 WHERE id = ANY($1::uuid[])`, [userIds, now]);
  return messages;
}

/** Empties the texts of old conversations (of users who still follow); returns how many messages. */
export function shredConversationTexts(m: EntityManager, conversationIds: readonly string[]): Promise<number> {
  return affectedRows(m, `UPDATE line_messages SET ${nullAll(LINE_SHREDDED_COLUMNS, 'line_messages')} WHERE conversation_id = ANY($1::uuid[])`, [conversationIds]);
}
