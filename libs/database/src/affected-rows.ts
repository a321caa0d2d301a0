import { EntityManager } from 'typeorm';

/** Runs an UPDATE or DELETE and returns how many rows it touched (the pg driver answers `[rows, count]`). */
export async function affectedRows(manager: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const [, affected] = await manager.query<[unknown, number]>(sql, params);
  return affected;
}
