import { Controller, Get, Module } from '@nestjs/common';
import { Public } from '@tsunagu/access';
import { AllowCaching, NotFoundError } from '@tsunagu/common';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { webAppRoot } from '../apps/api/src/web-app';
import { LogCapture, startTestApp, TestApp } from './support/test-app';
import { BOOTSTRAP_ADMIN_PASSWORD } from './support/test-app';
import { DataSource } from 'typeorm';

@Public()
@Controller('cache-probe')
class CacheProbeController {
  @Get('plain')
  plain() {
    return { ok: true };
  }

  @Get('cacheable')
  @AllowCaching('private, max-age=60')
  cacheable() {
    return { ok: true };
  }

  @Get('cacheable-failing')
  @AllowCaching('private, max-age=60')
  cacheableFailing(): never {
    throw new NotFoundError();
  }
}

@Module({ controllers: [CacheProbeController] })
class CacheProbeModule {}

// Penetration test: the HTTP edge's headers and what it trusts from the client.
describe('HTTP edge hardening', () => {
  let app: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = await startTestApp('http-hardening', { extraImports: [CacheProbeModule], logs });
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('Cache-Control', () => {
    it('is no-store on every /api answer: success, refusal, error and unknown route alike', async () => {
      for (const [path, status] of [
        ['/api/v1/health', 200],
        ['/api/v1/cache-probe/plain', 200],
        ['/api/v1/auth/me', 401],
        ['/api/v1/cases?openedFrom=2025-02-30', 401],
        ['/api/v1/no-such-route', 404],
      ] as const) {
        const res = await request(app.url).get(path).expect(status);
        // The health check keeps terminus's own no-cache, no-store, must-revalidate.
        expect({ path, cacheControl: res.headers['cache-control'] }).toEqual({ path, cacheControl: expect.stringMatching(/\bno-store\b/) });
      }
      const broken = await request(app.url).post('/api/v1/auth/login').set('content-type', 'application/json').send('{"loginId":').expect(400);
      expect(broken.headers['cache-control']).toBe('no-store');
    });

    it('lets a route opt out with AllowCaching for its successful answers only', async () => {
      expect((await request(app.url).get('/api/v1/cache-probe/cacheable').expect(200)).headers['cache-control']).toBe('private, max-age=60');
      expect((await request(app.url).get('/api/v1/cache-probe/cacheable-failing').expect(404)).headers['cache-control']).toBe('no-store');
    });

    it('leaves the web app’s hashed assets their long cache', async () => {
      const assets = join(webAppRoot(), 'assets');
      const file = (() => {
        try {
          return readdirSync(assets).find((f) => f.endsWith('.js'));
        } catch {
          return undefined;
        }
      })();
      if (!file) return console.warn('skipped: no web build in dist/web');
      const res = await request(app.url).get(`/assets/${file}`).expect(200);
      expect(res.headers['cache-control']).toMatch(/max-age=31536000/);
    });
  });

  describe('browser policies', () => {
    it('allows styles from the app itself only, and denies every browser feature the app does not use', async () => {
      const res = await request(app.url).get('/api/v1/health').expect(200);
      const directives = Object.fromEntries(
        String(res.headers['content-security-policy'])
          .split(';')
          .map((d) => d.trim().split(/\s+/))
          .map(([name, ...values]) => [name, values]),
      );
      expect(directives['style-src']).toEqual(["'self'"]);
      expect(directives['font-src']).toEqual(["'self'"]);
      expect(directives['script-src']).toEqual(["'self'"]);
      const denied = String(res.headers['permissions-policy']).split(', ');
      expect(denied).toEqual(expect.arrayContaining(['camera=()', 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()']));
      expect(denied.every((d) => d.endsWith('=()'))).toBe(true);
    });
  });

  it('serves the OpenAPI documents outside production by default', async () => {
    await request(app.url).get('/api/docs-json').expect(200);
    await request(app.url).get('/api/docs/').expect(200);
  });

  describe('request id', () => {
    it('never takes the client’s X-Request-Id as its own: the audit event names ours, the log keeps theirs apart', async () => {
      const chosen = 'forged-request-id-0001';
      const res = await request(app.url).post('/api/v1/auth/login').set('X-Request-Id', chosen).send({ loginId: 'admin', password: BOOTSTRAP_ADMIN_PASSWORD }).expect(200);
      const ours: string = res.headers['x-request-id'];
      expect(ours).toMatch(/^[0-9a-f-]{36}$/);
      const db = app.app.get(DataSource);
      expect(await db.query(`SELECT action FROM audit_events WHERE request_id = $1`, [chosen])).toEqual([]);
      expect(await db.query(`SELECT action FROM audit_events WHERE request_id = $1`, [ours])).toEqual([{ action: 'auth.login' }]);
      const line = logs.lines.map((l) => JSON.parse(l)).find((l) => l.req?.id === ours);
      expect(line.req).toEqual({ id: ours, clientRequestId: chosen, method: 'POST', path: '/api/v1/auth/login' });
    });

    it('drops a client request id of the wrong length or characters from the log too', async () => {
      for (const sent of ['short', 'x'.repeat(65), 'has spaces in it', 'quote"injection']) {
        const res = await request(app.url).get('/api/v1/no-such-route').set('X-Request-Id', sent).expect(404);
        const line = logs.lines.map((l) => JSON.parse(l)).find((l) => l.req?.id === res.headers['x-request-id']);
        expect(line.req).toEqual({ id: res.headers['x-request-id'], method: 'GET', path: '/api/v1/no-such-route' });
      }
    });
  });
});
