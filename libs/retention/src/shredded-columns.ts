import { CASES_SHREDDED_COLUMNS } from '@tsunagu/cases';
import { ColumnsByTable } from '@tsunagu/common';
import { FACILITIES_SHREDDED_COLUMNS } from '@tsunagu/facilities';
import { LINE_SHREDDED_COLUMNS } from '@tsunagu/line';
import { REFERRALS_SHREDDED_COLUMNS } from '@tsunagu/referrals';

/** Every encrypted column destruction empties, from the libraries that own them. */
export const SHREDDED_COLUMNS: ColumnsByTable = {
  ...CASES_SHREDDED_COLUMNS,
  ...FACILITIES_SHREDDED_COLUMNS,
  ...REFERRALS_SHREDDED_COLUMNS,
  ...LINE_SHREDDED_COLUMNS,
};
