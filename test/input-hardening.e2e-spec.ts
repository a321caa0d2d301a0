import { Role } from '@tsunagu/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, SignedIn, signInAdmin } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { as } from './support/http';

// Penetration test: input of the right form that is still not a value — a date that
// does not exist, text with half a surrogate pair — once reached PostgreSQL or the encryption
// layer and came back as a 500. It must be a 400 naming the field, with nothing written.
describe('calendar-invalid dates and lone surrogates', () => {
  let app: TestApp;
  let counselor: SignedIn;
  let supervisor: SignedIn;
  const fieldsOf = (body: { fields?: Array<{ field: string }> }) => (body.fields ?? []).map((f) => f.field);
  const count = async (table: string) => Number((await app.app.get(DataSource).query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  beforeAll(async () => {
    app = await startTestApp('input-hardening');
    const admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'input.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'input.supervisor');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it.each([
    ['openedFrom', '2025-13-45'],
    ['openedTo', '2025-02-30'],
    ['openedFrom', '0000-01-01'],
  ])('answers GET /cases?%s=%s with a 400 naming the field', async (field, value) => {
    const res = await request(app.url).get('/api/v1/cases').query({ [field]: value }).set(as(counselor)).expect(400);
    expect(fieldsOf(res.body)).toEqual([field]);
    expect(res.body.fields[0].constraints).toEqual(['isCalendarDate']);
  });

  it('still accepts a leap day', async () => {
    await request(app.url).get('/api/v1/cases').query({ openedFrom: '2024-02-29', openedTo: '2024-03-01' }).set(as(counselor)).expect(200);
  });

  it('refuses a body date that does not exist, and an instant on such a day', async () => {
    const birth = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: 'テスト', birthDate: '2001-02-29' }).expect(400);
    expect(fieldsOf(birth.body)).toEqual(['birthDate']);
    // Date.parse would have read this as 2 March; the search must not quietly move the day.
    const from = await request(app.url).get('/api/v1/audit-events').query({ from: '2025-02-30T00:00:00Z' }).set(as(supervisor)).expect(400);
    expect(fieldsOf(from.body)).toEqual(['from']);
    await request(app.url).get('/api/v1/audit-events').query({ from: '2025-02-28', to: '2025-03-01T00:00:00+09:00' }).set(as(supervisor)).expect(200);
  });

  it('answers a lone surrogate in a string field with a 400 naming it, and writes nothing', async () => {
    const before = await count('clients');
    for (const body of [{ name: 'a\ud800b' }, { name: 'テスト', notes: '\udfff' }, { name: 'テスト', kana: 'カナ\ud83d' }]) {
      const res = await request(app.url).post('/api/v1/clients').set(as(counselor)).send(body).expect(400);
      expect(res.body.fields).toEqual([expect.objectContaining({ field: Object.keys(body).at(-1), constraints: ['isWellFormed'] })]);
    }
    expect(await count('clients')).toBe(before);
  });

  it('names a nested field and a key holding a lone surrogate by their path', async () => {
    const nested = await request(app.url)
      .post('/api/v1/clients')
      .set(as(counselor))
      .set('content-type', 'application/json')
      .send('{"name":"テスト","extra":{"list":["ok","\\ud800"]}}')
      .expect(400);
    expect(fieldsOf(nested.body)).toEqual(['extra.list.1']);
    const key = await request(app.url).post('/api/v1/clients').set(as(counselor)).set('content-type', 'application/json').send('{"name":"テスト","\\udc00":1}').expect(400);
    expect(fieldsOf(key.body)).toEqual(['body']);
  });

  it('keeps characters outside the BMP (a surrogate pair) as they are', async () => {
    const res = await request(app.url).post('/api/v1/clients').set(as(counselor)).send({ name: '𠮷野 はな😀' }).expect(201);
    const read = await request(app.url).get(`/api/v1/clients/${res.body.id}`).set(as(counselor)).expect(200);
    expect(read.body.name).toBe('𠮷野 はな😀');
  });
});
