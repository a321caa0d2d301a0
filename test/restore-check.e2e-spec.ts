import { Role } from '@tsunagu/common';
import { resolveKeyMaterial } from '@tsunagu/crypto';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { restoreCheck } from '../apps/cli/src/restore-check/check';
import { sealEverything } from './support/audit-helpers';
import { createAndSignIn, signInAdmin } from './support/auth-helpers';
import { realDatabaseUrl, startTestApp, TestApp } from './support/test-app';

// Backup and restore: a pg_dump -Fc of a small dataset restored by restore:check into
// a scratch database, whose chain verifies, whose counts match the source, and whose data keys
// unwrap with the key material kept apart; a wrong key and an edited event are reported.
(realDatabaseUrl ? describe : describe.skip)('restore:check on a pg_dump', () => {
  const masterKey = randomBytes(32);
  const blindIndexKey = randomBytes(32);
  const keys = resolveKeyMaterial({ nodeEnv: 'test', masterKey, blindIndexKey, dataDir: tmpdir(), persist: false });
  let app: TestApp;
  let db: DataSource;
  let dir: string;

  const dump = (name: string): string => {
    const file = join(dir, name);
    const run = spawnSync('pg_dump', ['-Fc', '--file', file, '--dbname', app.db.url], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(run.stderr);
    return file;
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tsunagu-restore-'));
    app = await startTestApp('restore-source', { env: { TSUNAGU_MASTER_KEY: masterKey.toString('base64'), TSUNAGU_BLIND_INDEX_KEY: blindIndexKey.toString('base64') } });
    db = app.app.get(DataSource);
    const admin = await signInAdmin(app);
    const counselor = await createAndSignIn(app, admin, Role.Counselor, 'restore.counselor');
    const as = { Authorization: `Bearer ${counselor.token}` };
    for (let i = 0; i < 3; i++) {
      const client = await request(app.url).post('/api/v1/clients').set(as).send({ name: `架空 復元${i}`, phone: `090-0000-77${i}0` }).expect(201);
      const opened = await request(app.url).post('/api/v1/cases').set(as).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['divorce'] }).expect(201);
      await request(app.url)
        .post(`/api/v1/cases/${opened.body.id}/contacts`)
        .set(as)
        .send({ startedAt: '2025-10-01T01:00:00.000Z', durationMinutes: 15, channel: 'phone', mainConcern: 'divorce', dvRelated: false, summary: '架空の要約' })
        .expect(201);
    }
    await sealEverything(app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores into a new database whose chain verifies, counts match and data keys unwrap', async () => {
    const file = dump('good.dump');
    const source: Record<string, number> = {};
    for (const table of ['clients', 'cases', 'contacts', 'audit_seals', 'data_keys']) source[table] = (await db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
    const report = await restoreCheck({ dumpFile: file, serverUrl: realDatabaseUrl!, keys });
    expect(report.ok).toBe(true);
    expect(report.auditChain).toMatchObject({ ok: true, checked: source.audit_seals });
    expect(report.counts).toMatchObject(source);
    expect(report.counts.clients).toBe(3);
    expect(report.migrations.pending).toEqual([]);
    expect(report.keys).toEqual({ sampled: source.data_keys, unwrapped: source.data_keys, shredded: 0, failed: 0 });
    // The scratch database is gone afterwards.
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM pg_database WHERE datname = $1`, [report.database]);
    expect(n).toBe(0);
    // Ids and counts only: nothing personal in the report.
    expect(JSON.stringify(report)).not.toMatch(/架空|090-/);
  });

  it('reports data keys that the given master key cannot unwrap', async () => {
    const wrong = resolveKeyMaterial({ nodeEnv: 'test', masterKey: randomBytes(32), blindIndexKey: randomBytes(32), dataDir: tmpdir(), persist: false });
    const report = await restoreCheck({ dumpFile: dump('wrong-key.dump'), serverUrl: realDatabaseUrl!, keys: wrong });
    expect(report.keys).toMatchObject({ unwrapped: 0 });
    expect(report.keys!.failed).toBeGreaterThan(0);
    expect(report.ok).toBe(false);
  });

  it('reports an event edited before the dump (as a superuser could) by its id', async () => {
    const [victim] = await db.query(`SELECT e.id FROM audit_events e JOIN audit_seals s ON s.event_id = e.id ORDER BY s.chain_seq OFFSET 2 LIMIT 1`);
    await db.query(`ALTER TABLE audit_events DISABLE TRIGGER USER`);
    await db.query(`UPDATE audit_events SET action = 'auth.logout' WHERE id = $1`, [victim.id]);
    await db.query(`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    const report = await restoreCheck({ dumpFile: dump('edited.dump'), serverUrl: realDatabaseUrl!, keys });
    expect(report.ok).toBe(false);
    expect(report.auditChain).toMatchObject({ ok: false, firstBrokenId: victim.id, problem: 'changed' });
  });
});
