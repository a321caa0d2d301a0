import { AuditAction, AuditCategory, AuditSealer, AuditWriter } from '@tsunagu/audit';
import { Role } from '@tsunagu/common';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, signInAdmin, SignedIn, TEST_PASSWORD } from './support/auth-helpers';
import { sealEverything } from './support/audit-helpers';
import { realDatabaseUrl, startTestApp, TestApp } from './support/test-app';

describe('audit trail', () => {
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let supervisor: SignedIn;
  let counselor: SignedIn;
  const bearer = (s: SignedIn) => ({ Authorization: `Bearer ${s.token}` });

  beforeAll(async () => {
    // Sealing is driven by the tests here, so its timing is known.
    app = await startTestApp('audit', { env: { AUDIT_SEAL_INTERVAL_MS: '0' } });
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'audit.supervisor');
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'audit.counselor');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('writes the event of a change in the same transaction', async () => {
    const res = await request(app.url)
      .post('/api/v1/users')
      .set(bearer(admin))
      .send({ loginId: 'audited.one', displayName: 'x', role: 'statistician', password: TEST_PASSWORD })
      .expect(201);
    const rows = await db.query(`SELECT actor_id, actor_role, outcome, request_id, xact_id FROM audit_events WHERE action = 'user.create' AND resource_id = $1`, [
      res.body.id,
    ]);
    expect(rows).toEqual([
      { actor_id: admin.userId, actor_role: 'admin', outcome: 'allowed', request_id: res.headers['x-request-id'], xact_id: expect.any(String) },
    ]);
  });

  it('rolls the change back when its audit event cannot be written (fail closed)', async () => {
    await db.query(`
      CREATE FUNCTION test_break_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.action = 'user.create' THEN RAISE EXCEPTION 'audit store unavailable'; END IF; RETURN NEW; END $$`);
    await db.query(`CREATE TRIGGER test_break_audit BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION test_break_audit()`);
    try {
      const res = await request(app.url)
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({ loginId: 'never.written', displayName: 'x', role: 'statistician', password: TEST_PASSWORD })
        .expect(500);
      expect(res.text).not.toContain('audit store unavailable');
      expect(await db.query(`SELECT id FROM users WHERE login_id = 'never.written'`)).toEqual([]);
    } finally {
      await db.query(`DROP TRIGGER test_break_audit ON audit_events`);
      await db.query(`DROP FUNCTION test_break_audit()`);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit tables', async () => {
    await expect(db.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE audit_events CASCADE`)).rejects.toThrow(/append-only/);
    await sealEverything(app); // a seal to try to delete
    await expect(db.query(`DELETE FROM audit_seals`)).rejects.toThrow(/append-only/);
  });

  it('lets a supervisor read the events of their unit only, page by page', async () => {
    const first = await request(app.url).get('/api/v1/audit-events?limit=2').set(bearer(supervisor)).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(first.body.items[1].id);
    const second = await request(app.url).get(`/api/v1/audit-events?limit=2&cursor=${first.body.nextCursor}`).set(bearer(supervisor)).expect(200);
    expect(BigInt(second.body.items[0].id)).toBeLessThan(BigInt(first.body.items[1].id));
    const all = await request(app.url).get('/api/v1/audit-events?limit=200').set(bearer(supervisor)).expect(200);
    const actors = new Set(all.body.items.map((e: { actorId: string }) => e.actorId));
    expect([...actors].sort()).toEqual([counselor.userId, supervisor.userId].sort());
    const mine = await request(app.url).get(`/api/v1/audit-events?actorId=${counselor.userId}&action=auth.login`).set(bearer(supervisor)).expect(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((e: { actorId: string; action: string }) => e.actorId === counselor.userId && e.action === 'auth.login')).toBe(true);
  });

  it('shows an admin security events only', async () => {
    const res = await request(app.url).get('/api/v1/audit-events?limit=200').set(bearer(admin)).expect(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((e: { category: string }) => ['security', 'admin'].includes(e.category))).toBe(true);
  });

  it('refuses the audit log to counselors with 403, and says which field is wrong', async () => {
    await request(app.url).get('/api/v1/audit-events').set(bearer(counselor)).expect(403);
    const bad = await request(app.url).get('/api/v1/audit-events?from=yesterday&limit=1000').set(bearer(supervisor)).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['from', 'limit']);
  });

  it('seals events into a chain that verifies', async () => {
    // Events of transactions still open elsewhere (the worker's start-up jobs) are sealed once those end.
    await sealEverything(app);
    const res = await request(app.url).get('/api/v1/audit-events/verify').set(bearer(supervisor)).expect(200);
    expect(res.body).toMatchObject({ ok: true, firstBrokenId: null, unsealed: 0 });
    expect(res.body.checked).toBeGreaterThan(10);
    // The walk covers every seal there is.
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM audit_seals`);
    expect(res.body.checked).toBe(total);
  });

  it('seals concurrent writers without losing or reordering anyone', async () => {
    const sealer = app.app.get(AuditSealer);
    let sealing = true;
    const sealLoop = (async () => {
      while (sealing) {
        await sealer.sealPending();
        await new Promise((r) => setTimeout(r, 5));
      }
    })();
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(app.url).post('/api/v1/auth/login').send({ loginId: `ghost.${i}`, password: 'wrong-password-123' }).expect(401),
      ),
    );
    sealing = false;
    await sealLoop;
    // A transaction still open anywhere in the cluster (another suite's) holds the horizon back briefly.
    await sealEverything(app);
    const res = await request(app.url).get('/api/v1/audit-events/verify').set(bearer(supervisor)).expect(200);
    const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM audit_events`);
    expect(res.body.ok).toBe(true);
    // Every event is in the chain, each exactly once (verifying is not itself an audited write).
    expect(res.body).toMatchObject({ checked: total, unsealed: 0 });
    const [{ dupes }] = await db.query(`SELECT count(*) - count(DISTINCT event_id) AS dupes FROM audit_seals`);
    expect(Number(dupes)).toBe(0);
  });

  it('orders the chain by number where ids cross a power of ten inside one transaction (not as text: 100000 before 99990)', async () => {
    const sealer = app.app.get(AuditSealer);
    await sealEverything(app);
    await db.query(`ALTER TABLE audit_events ALTER COLUMN id RESTART WITH 99990`);
    const writer = app.app.get(AuditWriter);
    await db.transaction(async (manager) => {
      for (let i = 0; i < 20; i++) {
        await writer.write(manager, { requestId: `digits-${i}`, ip: null }, { category: AuditCategory.Security, action: AuditAction.AuditRead, resourceType: 'test' });
      }
    });
    await sealEverything(app);
    await sealer.sealPending(); // the next pass picks up where the chain ends, without sealing anything twice
    const sealed: { event_id: string }[] = await db.query(
      `SELECT s.event_id::text FROM audit_seals s JOIN audit_events e ON e.id = s.event_id WHERE e.request_id LIKE 'digits-%' ORDER BY s.chain_seq`,
    );
    expect(sealed.map((r) => Number(r.event_id))).toEqual(Array.from({ length: 20 }, (_, i) => 99990 + i));
    const res = await request(app.url).get('/api/v1/audit-events/verify').set(bearer(supervisor)).expect(200);
    expect(res.body).toMatchObject({ ok: true });
  });

  it('names the first event changed behind the triggers (as a superuser could)', async () => {
    await sealEverything(app);
    const [victim] = await db.query(`SELECT e.id FROM audit_events e JOIN audit_seals s ON s.event_id = e.id ORDER BY s.chain_seq OFFSET 3 LIMIT 1`);
    await db.query(`ALTER TABLE audit_events DISABLE TRIGGER USER`);
    await db.query(`UPDATE audit_events SET outcome = 'allowed', detail_code = NULL, action = 'auth.logout' WHERE id = $1`, [victim.id]);
    await db.query(`ALTER TABLE audit_events ENABLE TRIGGER USER`);
    const res = await request(app.url).get('/api/v1/audit-events/verify').set(bearer(supervisor)).expect(200);
    expect(res.body).toMatchObject({ ok: false, firstBrokenId: victim.id, problem: 'changed' });
  });
});

// The production grants: the application role may only read and append.
const describeReal = realDatabaseUrl ? describe : describe.skip;
describeReal('audit trail under the application database role', () => {
  let app: TestApp;

  beforeAll(async () => {
    const admin = new Client({ connectionString: realDatabaseUrl });
    await admin.connect();
    await admin.query(`DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tsunagu_app') THEN CREATE ROLE tsunagu_app LOGIN; END IF; END $$`);
    await admin.end();
    app = await startTestApp('audit_role');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('has only SELECT and INSERT on the audit tables', async () => {
    const url = new URL(app.db.url);
    url.username = 'tsunagu_app';
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      await expect(client.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DELETE FROM audit_seals`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`ALTER TABLE audit_events DISABLE TRIGGER USER`)).rejects.toThrow(/must be owner/);
      const rows = await client.query(`SELECT count(*)::int AS n FROM audit_events`);
      expect(rows.rows[0].n).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });
});

