import { ColumnsByTable } from '@tsunagu/common';

/**
 * The encrypted columns 本人開示 reads and decrypts into the export (SubjectAccessReader), by table,
 * so a test can check every `*_enc` column of the schema against it.
 */
export const SUBJECT_ACCESS_COLUMNS: ColumnsByTable = {
  clients: ['name_enc', 'kana_enc', 'birth_date_enc', 'phone_enc', 'address_enc', 'notes_enc'],
  client_children: ['name_enc', 'birth_date_enc'],
  contacts: ['summary_enc', 'next_action_enc'],
  risk_assessments: ['note_enc'],
  placements: ['reason_enc', 'decision_note_enc'],
  referrals: ['message_enc', 'summary_enc', 'disclosure_enc', 'reject_reason_enc', 'response_comment_enc'],
  line_users: ['user_id_enc'],
  line_messages: ['text_enc'],
};
