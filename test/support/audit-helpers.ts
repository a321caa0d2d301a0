import { AuditSealer } from '@tsunagu/audit';
import { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

/**
 * Seals every committed audit event of the app's database. Sealing waits while any transaction
 * on the PostgreSQL server is older than the events (another suite's pg_dump or held lock), so
 * this keeps going for up to a minute.
 */
export async function sealEverything(app: TestApp): Promise<void> {
  const db = app.app.get(DataSource);
  for (let i = 0; i < 300; i++) {
    await app.app.get(AuditSealer).sealPending();
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_events e WHERE NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)`);
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('audit events still unsealed after 60 s');
}
