import { createScratchDatabase } from '@tsunagu/database';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { realDatabaseUrl, startTestApp, TestApp } from './support/test-app';

describe('health and API docs', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('health');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('reports database, installation, migrations and queue as up', async () => {
    const res = await request(app.url).get('/api/v1/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.details.database.status).toBe('up');
    expect(res.body.details.installation.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body.details.migrations).toMatchObject({ status: 'up', pending: 0, unknown: 0 });
    expect(res.body.details.queue).toMatchObject({ status: 'up', reachable: true });
    expect(res.body.details.queue.driver).toBe(process.env.REDIS_URL ? 'redis' : 'in-process');
  });

  it('gives every response a request id of its own, whatever the client sent', async () => {
    const fresh = await request(app.url).get('/api/v1/health');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    for (const sent of ['proxy-req-12345', 'bad id with spaces']) {
      const res = await request(app.url).get('/api/v1/health').set('X-Request-Id', sent);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('sets security headers', async () => {
    const res = await request(app.url).get('/api/v1/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the OpenAPI document and its UI', async () => {
    const json = await request(app.url).get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toContain('/api/v1/health');
    const ui = await request(app.url).get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers 503 with the database marked down once the database is gone', async () => {
    await app.db.makeUnavailable();
    const res = await request(app.url).get('/api/v1/health').expect(503);
    expect(res.body.error?.database?.status ?? res.body.details?.database?.status).toBe('down');
  });
});

// Several processes share a database only on a real server: PGlite belongs to the one process that opened it.
const describeReal = realDatabaseUrl ? describe : describe.skip;
describeReal('several processes starting on one new database', () => {
  it('apply each migration once (advisory lock) and all come up healthy', async () => {
    const db = await createScratchDatabase('concurrent-start', realDatabaseUrl, { embeddedIn: 'child-process' });
    const apps: TestApp[] = [];
    try {
      apps.push(...(await Promise.all([1, 2, 3].map(() => startTestApp('concurrent-start', { sharedDatabase: db })))));
      for (const app of apps) await request(app.url).get('/api/v1/health').expect(200);
      const applied = await apps[0].app.get(DataSource).query(`SELECT name, count(*)::int AS n FROM migrations GROUP BY name`);
      expect(applied.length).toBeGreaterThan(0);
      expect(applied.every((m: { n: number }) => m.n === 1)).toBe(true);
      const [{ n }] = await apps[0].app.get(DataSource).query(`SELECT count(*)::int AS n FROM users WHERE login_id = 'admin'`);
      expect(n).toBe(1);
    } finally {
      for (const app of apps) await app.close();
      await db.drop();
    }
  });
});
