/**
 * The encrypted columns (`*_enc`) a library empties when a person's records are destroyed at the
 * end of retention, by table. Each feature library declares its own next to its shredding
 * functions; libs/retention composes them, and a test checks every `*_enc` column of the schema
 * against them.
 */
export type ShreddedColumns = Readonly<Record<string, readonly string[]>>;

/** `UPDATE … SET a = NULL, b = NULL` for a table's declared columns, so the SQL and the declaration can't drift apart. */
export function nullAll(columns: ShreddedColumns, table: string): string {
  const list = columns[table];
  if (!list?.length) throw new Error(`no shredded columns declared for ${table}`);
  return list.map((c) => `${c} = NULL`).join(', ');
}
