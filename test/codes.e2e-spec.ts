import { Role } from '@tsunagu/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, signInAdmin, SignedIn, UNIT_ID } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testInstant } from './support/clock';
import { as } from './support/http';

describe('code lists and their administration', () => {
  let app: TestApp;
  let admin: SignedIn;
  let counselor: SignedIn;

  beforeAll(async () => {
    app = await startTestApp('codes');
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'codes.counselor');
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists the 係 (read-only master data, for the admin’s user screen)', async () => {
    const units = await request(app.url).get('/api/v1/units').set(as(admin)).expect(200);
    expect(units.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: UNIT_ID, active: true })]));
    expect(typeof units.body[0].name).toBe('string');
    await request(app.url).get('/api/v1/units').set(as(counselor)).expect(200); // master.read: counselors read code lists too
  });

  it('serves the seeded programs, channels and 主訴 with Japanese labels', async () => {
    const programs = await request(app.url).get('/api/v1/programs').set(as(counselor)).expect(200);
    expect(programs.body.map((p: { name: string }) => p.name)).toEqual([
      '女性相談室',
      '配偶者暴力相談支援センター（DV相談）',
      'あしたば LINE相談',
      'LGBTQ電話相談',
      'LGBTQ LINE相談',
      'みんなのキャリアの保健室',
      'パートナーシップ宣誓制度',
      '中学3年女子生徒への生理用品配付',
    ]);
    expect(programs.body.find((p: { code: string }) => p.code === 'ashitaba-line')).toMatchObject({ channels: ['line'], countingUnit: 'session' });
    // Programs of the report's received figures take no consultation.
    expect(programs.body.find((p: { code: string }) => p.code === 'partnership-oath')).toMatchObject({ channels: [] });
    const channels = await request(app.url).get('/api/v1/channels').set(as(counselor)).expect(200);
    expect(channels.body.map((c: { name: string }) => c.name)).toEqual(['電話', '来所', 'LINE', 'メール', 'オンライン', '訪問・同行']);
    const concerns = await request(app.url).get('/api/v1/concerns').set(as(counselor)).expect(200);
    expect(concerns.body.find((c: { code: string }) => c.code === 'husband-violence')).toMatchObject({ name: '夫等からの暴力', confirmed: true, sortOrder: 10, active: true });
    expect(new Set(concerns.body.map((c: { groupName: string }) => c.groupName))).toEqual(new Set(['人間関係', '住居・経済問題', '心身の問題', 'その他']));
  });

  it('lets an admin add and retire a 主訴 category, audited; counselors then use or lose it', async () => {
    await request(app.url).post('/api/v1/concerns').set(as(admin)).send({ code: 'online-harm', name: 'ネット上の被害', groupName: '人間関係' }).expect(201);
    await request(app.url).post('/api/v1/concerns').set(as(admin)).send({ code: 'online-harm', name: '重複', groupName: 'その他' }).expect(409);
    await request(app.url).post('/api/v1/concerns').set(as(counselor)).send({ code: 'x-x', name: 'x', groupName: 'x' }).expect(403);
    const contact = (mainConcern: string) =>
      request(app.url)
        .post('/api/v1/contacts')
        .set(as(counselor))
        .send({ programCode: 'josei-soudan', startedAt: testInstant(), durationMinutes: 10, channel: 'phone', mainConcern, dvRelated: false });
    await contact('online-harm').expect(201);
    await request(app.url).patch('/api/v1/concerns/online-harm').set(as(admin)).send({ active: false }).expect(200);
    const listed = await request(app.url).get('/api/v1/concerns').set(as(counselor)).expect(200);
    expect(listed.body.find((c: { code: string }) => c.code === 'online-harm')).toEqual({ code: 'online-harm', name: 'ネット上の被害', groupName: '人間関係', confirmed: false, sortOrder: 1000, active: false });
    const refused = await contact('online-harm').expect(400);
    expect(refused.body.fields[0].field).toBe('mainConcern');
    const events = await app.app.get(DataSource).query(`SELECT action, category FROM audit_events WHERE resource_id = 'online-harm' ORDER BY id`);
    expect(events).toEqual([
      { action: 'concern.create', category: 'admin' },
      { action: 'concern.update', category: 'admin' },
    ]);
  });

  it('lets an admin add a program with its channels; channels outside them are refused', async () => {
    await request(app.url).post('/api/v1/programs').set(as(admin)).send({ code: 'youth-chat', name: '若年女性チャット相談', channels: ['online'], countingUnit: 'session' }).expect(201);
    const bad = await request(app.url).post('/api/v1/programs').set(as(admin)).send({ code: 'BAD CODE', name: '', channels: ['fax'], countingUnit: 'x' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['channels', 'code', 'countingUnit', 'name']);
    const res = await request(app.url)
      .post('/api/v1/contacts')
      .set(as(counselor))
      .send({ programCode: 'youth-chat', startedAt: testInstant(), durationMinutes: 10, channel: 'phone', mainConcern: 'other', dvRelated: false })
      .expect(400);
    expect(res.body.fields[0].field).toBe('channel');
    await request(app.url).patch('/api/v1/programs/no-such').set(as(admin)).send({ name: 'x' }).expect(404);
  });
});
