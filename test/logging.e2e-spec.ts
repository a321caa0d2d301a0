import request from 'supertest';
import { BOOTSTRAP_ADMIN_PASSWORD, LogCapture, startTestApp, TestApp } from './support/test-app';

describe('log redaction', () => {
  let app: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = await startTestApp('logging', { logs });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('leaves no trace of tokens, cookies, bodies or query values in the logs', async () => {
    const token = 'tok_5f1c2e9a7b3d4c8e';
    const cookie = 'sid=ck_88a1b2c3d4e5';
    const bodySecret = '山田花子-09012345678';
    const phone = '08077776666';
    const res = await request(app.url)
      .post(`/api/v1/clients?phone=${phone}`)
      .set('Authorization', `Bearer ${token}`)
      .set('Cookie', cookie)
      .set('X-Line-Signature', 'sig_abcdef123456')
      .send({ name: bodySecret, password: 'hunter2-hunter2' });
    expect(res.status).toBe(401);
    await request(app.url).get(`/api/v1/clients?kana=${encodeURIComponent('ヤマダ')}`).set('Authorization', `Bearer ${token}`);
    // A real sign-in: neither the password nor the token it returns may appear.
    const signIn = await request(app.url).post('/api/v1/auth/login').send({ loginId: 'admin', password: BOOTSTRAP_ADMIN_PASSWORD }).expect(200);

    // The request was logged (so capture works) ...
    await new Promise((r) => setTimeout(r, 100));
    const line = logs.lines.find((l) => l.includes(res.headers['x-request-id']));
    expect(line).toBeDefined();
    expect(JSON.parse(line!).req).toEqual({ id: res.headers['x-request-id'], method: 'POST', path: '/api/v1/clients' });
    // ... and nothing secret was.
    for (const secret of [signIn.body.accessToken, BOOTSTRAP_ADMIN_PASSWORD, token, 'ck_88a1b2c3d4e5', bodySecret, '09012345678', phone, 'hunter2', 'sig_abcdef123456', 'ヤマダ', '%E3%83%A4']) {
      expect(logs.text).not.toContain(secret);
    }
  });
});
