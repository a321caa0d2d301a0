import { nullAll, ColumnsByTable } from '@tsunagu/common';
import { affectedRows } from '@tsunagu/database';
import { EntityManager } from 'typeorm';

/** What libs/referrals empties of a person: every text of her referrals, the frozen disclosure included. */
export const REFERRALS_SHREDDED_COLUMNS: ColumnsByTable = {
  referrals: ['message_enc', 'summary_enc', 'disclosure_enc', 'reject_reason_enc', 'response_comment_enc'],
};

/** Empties the referrals about the client or her cases; returns how many. */
export function shredReferrals(m: EntityManager, clientId: string, caseIds: readonly string[]): Promise<number> {
  return affectedRows(m, `UPDATE referrals SET ${nullAll(REFERRALS_SHREDDED_COLUMNS, 'referrals')} WHERE client_id = $1 OR case_id = ANY($2::uuid[])`, [clientId, caseIds]);
}
