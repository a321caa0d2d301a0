import { nullAll, ColumnsByTable } from '@tsunagu/common';
import { affectedRows } from '@tsunagu/database';
import { EntityManager } from 'typeorm';

/** What libs/cases empties of a person: her client record, her children, her consultation records and risk notes. */
export const CASES_SHREDDED_COLUMNS: ColumnsByTable = {
  clients: ['name_enc', 'kana_enc', 'birth_date_enc', 'phone_enc', 'address_enc', 'notes_enc'],
  client_children: ['name_enc', 'birth_date_enc'],
  contacts: ['summary_enc', 'next_action_enc'],
  risk_assessments: ['note_enc'],
};

/**
 * Empties a client's own record (and her blind indexes, marking her shredded), her children's,
 * the consultation records of her cases (or under her key) and their risk notes; settles her
 * reminders. Returns how many consultation records were emptied. Her data key is the caller's
 * to destroy, in the same transaction.
 */
export async function shredClientRecords(m: EntityManager, client: { id: string; dataKeyId: string }, caseIds: readonly string[], now: Date): Promise<{ contacts: number }> {
  const c = CASES_SHREDDED_COLUMNS;
  await m.query(
    `UPDATE clients SET ${nullAll(c, 'clients')}, phone_bidx = NULL, kana_bidx = NULL, shredded_at = $2, updated_at = $2, version = version + 1 WHERE id = $1`,
    [client.id, now],
  );
  await m.query(`UPDATE client_children SET ${nullAll(c, 'client_children')} WHERE client_id = $1`, [client.id]);
  const contacts = await affectedRows(m, `UPDATE contacts SET ${nullAll(c, 'contacts')} WHERE case_id = ANY($1::uuid[]) OR data_key_id = $2`, [caseIds, client.dataKeyId]);
  await m.query(`UPDATE risk_assessments SET ${nullAll(c, 'risk_assessments')} WHERE case_id = ANY($1::uuid[])`, [caseIds]);
  // Her reminders are settled: nothing is left to remind about.
  await m.query(`UPDATE tasks SET done_at = $3 WHERE done_at IS NULL AND (case_id = ANY($1::uuid[]) OR source_id = $2)`, [caseIds, client.id, now]);
  return { contacts };
}

/** Empties anonymous consultation records (no client); their own data keys are the caller's to destroy. */
export async function shredAnonymousContacts(m: EntityManager, contactIds: readonly string[]): Promise<void> {
  await m.query(`UPDATE contacts SET ${nullAll(CASES_SHREDDED_COLUMNS, 'contacts')} WHERE id = ANY($1::uuid[])`, [contactIds]);
}
