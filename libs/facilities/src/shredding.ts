import { nullAll, ColumnsByTable } from '@tsunagu/common';
import { affectedRows } from '@tsunagu/database';
import { EntityManager } from 'typeorm';

/** What libs/facilities empties of a person: the reasons and decision notes of her placements. */
export const FACILITIES_SHREDDED_COLUMNS: ColumnsByTable = {
  placements: ['reason_enc', 'decision_note_enc'],
};

/** Empties the placements of the cases; returns how many. The stays stay as counts and dates. */
export function shredPlacements(m: EntityManager, caseIds: readonly string[]): Promise<number> {
  return affectedRows(m, `UPDATE placements SET ${nullAll(FACILITIES_SHREDDED_COLUMNS, 'placements')} WHERE case_id = ANY($1::uuid[])`, [caseIds]);
}
