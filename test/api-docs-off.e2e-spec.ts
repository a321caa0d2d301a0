import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';

// Penetration test: /api/docs and /api/docs-json listed every route to anyone. With
// API_DOCS_ENABLED off — the default when NODE_ENV=production — neither is served.
describe('OpenAPI documents switched off', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp('api-docs-off', { env: { API_DOCS_ENABLED: 'false' }, withWorker: false });
  });

  afterAll(async () => {
    await app?.close();
  });

  it.each(['/api/docs', '/api/docs/', '/api/docs-json'])('answers %s with the api’s 404', async (path) => {
    const res = await request(app.url).get(path).expect(404);
    expect(res.body).toMatchObject({ statusCode: 404 });
    expect(res.text).not.toMatch(/openapi|swagger/i);
  });
});
