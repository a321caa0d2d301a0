/**
 * Encrypted columns (`*_enc`) by table: those a library empties when a person's records are
 * destroyed at the end of retention (each feature library's shredding.ts, composed by
 * libs/retention), and those 本人開示 reads (libs/subject-access). A test checks every `*_enc`
 * column of the schema against both.
 */
export type ColumnsByTable = Readonly<Record<string, readonly string[]>>;

/** `UPDATE … SET a = NULL, b = NULL` for a table's declared columns, so the SQL and the declaration can't drift apart. */
export function nullAll(columns: ColumnsByTable, table: string): string {
  const list = columns[table];
  if (!list?.length) throw new Error(`no shredded columns declared for ${table}`);
  return list.map((c) => `${c} = NULL`).join(', ');
}
