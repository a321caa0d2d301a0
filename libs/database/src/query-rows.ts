/** Anything that runs raw SQL: an EntityManager, a DataSource or a QueryRunner. */
interface RunsQueries {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/**
 * A raw query's rows with the shape its SELECT list gives them. TypeORM types raw results as
 * `any`; naming the row type here, once per query, keeps that `any` from spreading.
 */
export async function queryRows<T>(runner: RunsQueries, sql: string, params?: unknown[]): Promise<T[]> {
  return (await runner.query(sql, params)) as T[];
}
