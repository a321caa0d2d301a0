import { SUBJECT_ACCESS_COLUMNS } from '@tsunagu/subject-access';
import { SHREDDED_COLUMNS } from '@tsunagu/retention';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';

/** Encrypted columns that hold no one's personal data, with why; everything else `*_enc` is about a person. */
const NOT_A_PERSON: Record<string, string> = {
  'facilities.address_enc': "a facility's secret address, not a person's (kept hidden from most staff, never shredded with a client)",
  'facilities.phone_enc': "a facility's phone number",
  'line_channels.secret_enc': "a LINE channel's credentials",
  'line_channels.access_token_enc': "a LINE channel's credentials",
};

/** Encrypted columns about a person that 本人開示 leaves out, with why. */
const NOT_DISCLOSED: Record<string, string> = {
  'line_messages.read_token_enc': 'a LINE API token to mark a message read: no information about her',
  'line_inbox.payload_enc': 'the raw webhook events: transport copies of what line_messages holds, which is disclosed',
};

/**
 * Every `*_enc` column of the schema, found from PostgreSQL itself, has a library that shreds it
 * at the end of retention and is read by 本人開示, unless it is listed above with a reason. A new
 * encrypted column fails here until its library declares it (its shredding.ts, and
 * libs/subject-access's subject-access-columns.ts).
 */
describe('encrypted personal columns: each is shredded and disclosed', () => {
  let app: TestApp;
  let columns: string[];

  beforeAll(async () => {
    app = await startTestApp('personal-columns');
    const rows: Array<{ table_name: string; column_name: string }> = await app.app
      .get(DataSource)
      .query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND column_name LIKE '%\\_enc' ORDER BY 1, 2`);
    columns = rows.map((r) => `${r.table_name}.${r.column_name}`);
  });

  afterAll(async () => {
    await app?.close();
  });

  const flatten = (declared: Record<string, readonly string[]>) => Object.entries(declared).flatMap(([table, list]) => list.map((c) => `${table}.${c}`));

  it('finds the encrypted columns', () => {
    expect(columns.length).toBeGreaterThan(20);
  });

  it('shreds every one that is about a person', () => {
    const shredded = new Set(flatten(SHREDDED_COLUMNS));
    expect(columns.filter((c) => !shredded.has(c) && !NOT_A_PERSON[c])).toEqual([]);
  });

  it('discloses every one that is about a person, but for those left out with a reason', () => {
    const disclosed = new Set(flatten(SUBJECT_ACCESS_COLUMNS));
    expect(columns.filter((c) => !disclosed.has(c) && !NOT_A_PERSON[c] && !NOT_DISCLOSED[c])).toEqual([]);
  });

  it('declares only columns that exist, and exempts none it also shreds', () => {
    const existing = new Set(columns);
    expect([...flatten(SHREDDED_COLUMNS), ...flatten(SUBJECT_ACCESS_COLUMNS), ...Object.keys(NOT_A_PERSON), ...Object.keys(NOT_DISCLOSED)].filter((c) => !existing.has(c))).toEqual([]);
    expect(flatten(SHREDDED_COLUMNS).filter((c) => NOT_A_PERSON[c])).toEqual([]);
  });
});
