import { RetentionTasksProcessor } from '@tsunagu/retention';
import { jstDate, Role } from '@tsunagu/common';
import { LineInboxPurge, SessionCloser } from '@tsunagu/line';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { sealEverything } from './support/audit-helpers';
import { advanceClock, createAndSignIn, DEPARTMENT_ID, SignedIn, signInAdmin, signInAgain, TEST_PASSWORD, UNIT_ID } from './support/auth-helpers';
import { FakeLine } from './support/fake-line';
import { lineBody, lineEvent, lineSignature, lineText } from './support/line-webhook';
import { BOOTSTRAP_ADMIN_PASSWORD, realDatabaseUrl, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';
import { testInstant, testToday } from './support/clock';
import { api, as } from './support/http';

// Retention: a supervisor confirms destruction of a client past retention. Her data
// keys are destroyed and every encrypted or free-text field about her emptied; the codes and
// dates stay, so past months' statistics are unchanged, and the audit chain still verifies.
// Every personal value is a unique synthetic marker, searched for afterwards everywhere.
const SECRET = 'synthetic-channel-secret-0301';
const TOKEN = 'synthetic-access-token-0301';
const LINE_USER = `U${'c3'.repeat(16)}`;
const DAY = 24 * 3_600_000;

describe('retention: destroying a client past retention (crypto-shredding)', () => {
  const tag = randomBytes(4).toString('hex').toUpperCase();
  const HER = {
    name: `架空 消去${tag}`,
    kana: 'カクウショウキョハナコ',
    phone: '090-6420-1357',
    address: `架空市消去町${tag}番地`,
    notes: `消去メモ${tag}`,
    child: `消去子${tag}`,
    summary: `消去要約${tag}：夫からの暴力`,
    nextAction: `消去次回${tag}`,
    riskNote: `消去危険${tag}`,
    referral: `消去連携${tag}`,
    response: `消去回答${tag}`,
    placement: `消去入所${tag}`,
    decision: `消去決定${tag}`,
    line: `消去LINE${tag}`,
  };
  const OTHER = { name: `架空 保持${tag}`, summary: `保持要約${tag}` };
  const line = new FakeLine(TOKEN);
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let counselor: SignedIn;
  let supervisor: SignedIn;
  let supervisor2: SignedIn;
  let outsider: SignedIn;
  let liaison: SignedIn;
  let statistician: SignedIn;
  let her: { clientId: string; caseId: string; caseNumber: string; referralId: string; placementId: string; conversationId: string; keyIds: string[] };
  let other: { clientId: string; caseId: string };
  let statsBefore: string;
  let ciphertextsBefore: string[];
  // Prints the body when a setup step answers otherwise than expected.
  const expectStatus = (status: number) => (res: request.Response) => {
    if (res.status !== status) throw new Error(`${res.status} ${res.text}`);
  };
  const found = (text: string) => Object.entries(HER).filter(([, v]) => text.includes(v)).map(([k]) => k);

  /** One event through the signed webhook, processed: a text message, or a follow when `text` is null. */
  const sendLine = async (userId: string, at: string, text: string | null) => {
    const t = new Date(at).getTime();
    const body = lineBody(text === null ? lineEvent('follow', userId, t, { replyToken: 'synthetic-reply-token', follow: { isUnblocked: false } }) : lineText(userId, t, text));
    await request(app.url).post(api('line/webhook/ashitaba')).set('content-type', 'application/json').set('x-line-signature', lineSignature(body, SECRET)).send(body).expect(200);
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM line_inbox WHERE processed_at IS NULL`))[0].n === 0);
  };

  const runMonth = async (period: string) => {
    const run = await request(app.url).post(api('statistics/runs')).set(as(statistician)).send({ period }).expect(202);
    let status = 'queued';
    await waitFor(async () => {
      status = (await request(app.url).get(api(`statistics/runs/${run.body.id}`)).set(as(statistician)).expect(200)).body.status;
      return status === 'done' || status === 'failed';
    });
    expect(status).toBe('done');
    return (await request(app.url).get(api('statistics/monthly?from=2024-04&to=2025-03')).set(as(statistician)).expect(200)).text;
  };

  beforeAll(async () => {
    await line.start();
    app = await startTestApp('retention-shredding', { env: { LINE_API_BASE_URL: line.url, LINE_API_TIMEOUT_MS: '1000' } });
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'shred.counselor');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'shred.supervisor');
    supervisor2 = await createAndSignIn(app, admin, Role.Supervisor, 'shred.supervisor2');
    outsider = await createAndSignIn(app, admin, Role.Supervisor, 'shred.outsider');
    liaison = await createAndSignIn(app, admin, Role.Liaison, 'shred.liaison');
    statistician = await createAndSignIn(app, admin, Role.Statistician, 'shred.statistician');
    const otherUnit = randomUUID();
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'shred-other', '別の係')`, [otherUnit]);
    await db.query(`UPDATE users SET unit_id = $1 WHERE login_id = 'shred.outsider'`, [otherUnit]);
    await request(app.url).patch(api('programs/dv-center')).set(as(admin)).send({ retentionYears: 1 }).expect(expectStatus(200));

    // Her record, in every part of the system that holds something about her.
    const client = (
      await request(app.url)
        .post(api('clients'))
        .set(as(counselor))
        .send({ name: HER.name, kana: HER.kana, phone: HER.phone, address: HER.address, notes: HER.notes, addressProtected: true, birthDate: '1990-02-03', gender: 'female' })
        .expect(expectStatus(201))
    ).body;
    await request(app.url).post(api(`clients/${client.id}/children`)).set(as(counselor)).send({ name: HER.child, birthDate: '2020-05-05' }).expect(expectStatus(201));
    const kase = (await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: client.id, programCode: 'dv-center', mainConcerns: ['husband-violence'], openedOn: '2024-05-01' }).expect(expectStatus(201))).body;
    await request(app.url)
      .post(api(`cases/${kase.id}/contacts`))
      .set(as(counselor))
      .send({ startedAt: '2024-05-10T01:00:00.000Z', durationMinutes: 40, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true, summary: HER.summary, nextAction: HER.nextAction })
      .expect(expectStatus(201));
    await request(app.url).post(api(`cases/${kase.id}/risk-assessments`)).set(as(counselor)).send({ assessedOn: '2024-05-10', items: ['escalation'], note: HER.riskNote }).expect(expectStatus(201));
    await request(app.url)
      .post(api(`clients/${client.id}/consents`))
      .set(as(counselor))
      .send({ obtainedOn: '2024-05-10', method: 'written', departmentIds: [DEPARTMENT_ID], fields: ['name', 'phone'] })
      .expect(expectStatus(201));
    const referralId = (
      await request(app.url)
        .post(api(`cases/${kase.id}/referrals`))
        .set(as(counselor))
        .send({ departmentId: DEPARTMENT_ID, purpose: 'housing', message: HER.referral, fields: ['name', 'phone'], dueOn: '2024-06-10' })
        .expect(expectStatus(201))
    ).body.id as string;
    await request(app.url).post(api(`referrals/${referralId}/submit`)).set(as(counselor)).send({ version: 1 }).expect(expectStatus(200));
    await request(app.url).post(api(`referrals/${referralId}/approve`)).set(as(supervisor)).send({ version: 2 }).expect(expectStatus(200));
    await request(app.url).post(api(`referrals/${referralId}/accept`)).set(as(liaison)).send({ version: 3, comment: HER.response }).expect(expectStatus(200));
    const facility = (await request(app.url).post(api('facilities')).set(as(admin)).send({ kind: 'private-shelter', name: `架空シェルター${tag}`, capacity: 3, inCity: true }).expect(expectStatus(201))).body;
    const placementId = (
      await request(app.url)
        .post(api(`cases/${kase.id}/placements`))
        .set(as(counselor))
        .send({ facilityId: facility.id, adults: 1, children: 1, childAgeBands: ['3-5'], plannedStart: '2024-05-12', reason: HER.placement })
        .expect(expectStatus(201))
    ).body.id as string;
    await request(app.url).post(api(`placements/${placementId}/approve`)).set(as(supervisor)).send({ version: 1, note: HER.decision }).expect(expectStatus(200));

    // Her LINE consultation, linked to the case.
    const channel = (
      await request(app.url)
        .post(api('line/channels'))
        .set(as(admin))
        .send({ key: 'ashitaba', name: 'あしたば LINE相談', programCode: 'ashitaba-line', unitId: UNIT_ID, channelSecret: SECRET, accessToken: TOKEN })
        .expect(expectStatus(201))
    ).body;
    await sendLine(LINE_USER, '2024-05-11T09:59:00+09:00', null); // she follows the account
    await sendLine(LINE_USER, '2024-05-11T10:00:00+09:00', HER.line);
    const [conversation] = await db.query(`SELECT id, version FROM line_conversations WHERE channel_id = $1`, [channel.id]);
    await request(app.url).post(api(`line/conversations/${conversation.id}/link`)).set(as(counselor)).send({ version: conversation.version, caseId: kase.id }).expect(expectStatus(200));

    const closing = (await request(app.url).get(api(`cases/${kase.id}`)).set(as(counselor)).expect(expectStatus(200))).body;
    await request(app.url).post(api(`cases/${kase.id}/close`)).set(as(counselor)).send({ version: closing.version, reason: 'resolved', closedOn: '2024-06-30' }).expect(expectStatus(200));
    const keyIds = [client.dataKeyId ?? (await db.query(`SELECT data_key_id FROM clients WHERE id = $1`, [client.id]))[0].data_key_id, (await db.query(`SELECT data_key_id FROM line_users`))[0].data_key_id];
    her = { clientId: client.id, caseId: kase.id, caseNumber: kase.caseNumber, referralId, placementId, conversationId: conversation.id, keyIds };

    // Another client of the same unit, not due: untouched by all of this.
    const keep = (await request(app.url).post(api('clients')).set(as(counselor)).send({ name: OTHER.name }).expect(expectStatus(201))).body;
    const keepCase = (await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: keep.id, programCode: 'josei-soudan', mainConcerns: ['divorce'], openedOn: '2024-05-01' }).expect(expectStatus(201))).body;
    await request(app.url)
      .post(api(`cases/${keepCase.id}/contacts`))
      .set(as(counselor))
      .send({ startedAt: '2024-05-20T01:00:00.000Z', durationMinutes: 20, channel: 'visit', mainConcern: 'divorce', dvRelated: false, summary: OTHER.summary })
      .expect(expectStatus(201));
    other = { clientId: keep.id, caseId: keepCase.id };

    statsBefore = await runMonth('2024-05');
    const rows = await db.query(`SELECT name_enc, phone_enc, address_enc FROM clients WHERE id = $1`, [her.clientId]);
    const summaries = await db.query(`SELECT summary_enc FROM contacts WHERE case_id = $1`, [her.caseId]);
    const keys = await db.query(`SELECT wrapped_key FROM data_keys WHERE id = ANY($1::uuid[])`, [her.keyIds]);
    const inbox = await db.query(`SELECT payload_enc FROM line_inbox`); // her follow and message, under the channel's key
    expect(inbox).toHaveLength(2);
    ciphertextsBefore = [rows[0].name_enc, rows[0].phone_enc, rows[0].address_enc, summaries[0].summary_enc, ...inbox.map((i: { payload_enc: string }) => i.payload_enc), ...keys.map((k: { wrapped_key: string }) => k.wrapped_key)];
    expect(ciphertextsBefore.every((c) => typeof c === 'string' && c.length > 20)).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await line.stop();
  });

  it('reminds every supervisor of her unit once, and lists her as due', async () => {
    const processor = app.app.get(RetentionTasksProcessor);
    const today = testToday();
    const made = await processor.remindDue(today);
    expect(made).toBe(2); // supervisor and supervisor2; not the other unit's
    expect(await processor.remindDue(today)).toBe(0);
    for (const who of [supervisor, supervisor2]) {
      const mine = (await request(app.url).get(api('tasks')).set(as(who)).expect(200)).body as Array<{ kind: string; caseId: string; dueOn: string }>;
      expect(mine).toEqual([expect.objectContaining({ kind: 'retention-due', caseId: her.caseId, dueOn: '2025-06-30' })]);
    }
    const due = (await request(app.url).get(api('retention/due')).set(as(supervisor)).expect(200)).body as Array<{ clientId: string }>;
    expect(due.map((d) => d.clientId)).toEqual([her.clientId]);
  });

  it('refuses the wrong role, another unit, a client not yet due and an unconfirmed destruction, changing nothing', async () => {
    const destroy = (who: SignedIn, id: string, body: unknown) => request(app.url).post(api(`retention/clients/${id}/destroy`)).set(as(who)).send(body as object);
    await destroy(counselor, her.clientId, { caseNumbers: [her.caseNumber] }).expect(403);
    await destroy(statistician, her.clientId, { caseNumbers: [her.caseNumber] }).expect(403);
    await destroy(outsider, her.clientId, { caseNumbers: [her.caseNumber] }).expect(404);
    const notDue = await destroy(supervisor, other.clientId, { caseNumbers: ['x'] }).expect(409);
    expect(notDue.body.message).toContain('保存期間');
    const wrong = await destroy(supervisor, her.clientId, { caseNumbers: ['R6-9999'] }).expect(400);
    expect(wrong.body.fields.map((f: { field: string }) => f.field)).toEqual(['caseNumbers']);
    const missing = await destroy(supervisor, her.clientId, {}).expect(400);
    expect(missing.body.fields.map((f: { field: string }) => f.field)).toContain('caseNumbers');
    const [row] = await db.query(`SELECT shredded_at, name_enc IS NOT NULL AS has_name FROM clients WHERE id = $1`, [her.clientId]);
    expect(row).toEqual({ shredded_at: null, has_name: true });
    const events = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'client.shred' AND outcome = 'allowed'`);
    expect(events[0].n).toBe(0);
  });

  it('destroys her keys and empties every field about her, audited, and answers 410 from then on', async () => {
    const res = await request(app.url).post(api(`retention/clients/${her.clientId}/destroy`)).set(as(supervisor)).send({ caseNumbers: [her.caseNumber] }).expect(200);
    expect(res.body).toMatchObject({ clientId: her.clientId, cases: 1, contacts: 1, referrals: 1, placements: 1, lineUsers: 1 });
    expect(res.body.lineMessages).toBeGreaterThanOrEqual(1); // hers, and the off-hours auto reply
    expect(found(JSON.stringify(res.body))).toEqual([]);

    const keys = await db.query(`SELECT wrapped_key, destroyed_at FROM data_keys WHERE id = ANY($1::uuid[])`, [her.keyIds]);
    expect(keys).toHaveLength(2);
    expect(keys.every((k: { wrapped_key: string | null; destroyed_at: Date | null }) => k.wrapped_key === null && k.destroyed_at !== null)).toBe(true);
    // No encrypted column anywhere still holds a value under her keys.
    const columns: Array<{ table_name: string; column_name: string }> = await db.query(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name LIKE '%\\_enc'`,
    );
    expect(columns.length).toBeGreaterThan(15);
    for (const { table_name, column_name } of columns) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM ${table_name} WHERE ${column_name} LIKE ANY($1::text[])`, [her.keyIds.map((k) => `%${k}%`)]);
      expect({ column: `${table_name}.${column_name}`, n }).toEqual({ column: `${table_name}.${column_name}`, n: 0 });
    }
    const [client] = await db.query(`SELECT phone_bidx, kana_bidx, gender, age_band, shredded_at FROM clients WHERE id = $1`, [her.clientId]);
    expect(client).toMatchObject({ phone_bidx: null, kana_bidx: null, gender: 'female' });
    expect(client.shredded_at).not.toBeNull();
    const [lineUser] = await db.query(`SELECT user_id_bidx, user_id_enc FROM line_users`);
    expect(lineUser).toEqual({ user_id_bidx: null, user_id_enc: null });
    // Her raw webhook event (under the channel's key, which lives on) is emptied too; the row stays for duplicate detection.
    expect(await db.query(`SELECT payload_enc, processed_at IS NOT NULL AS processed FROM line_inbox`)).toEqual([
      { payload_enc: null, processed: true },
      { payload_enc: null, processed: true },
    ]);

    const shredEvents = await db.query(`SELECT action, resource_id, case_id, actor_id FROM audit_events WHERE action IN ('client.shred', 'case.shred') AND outcome = 'allowed' ORDER BY id`);
    expect(shredEvents).toEqual([
      { action: 'case.shred', resource_id: her.caseId, case_id: her.caseId, actor_id: supervisor.userId },
      { action: 'client.shred', resource_id: her.clientId, case_id: null, actor_id: supervisor.userId },
    ]);

    // Every supervisor's reminder is settled; she is no longer due; a second destruction is refused.
    for (const who of [supervisor, supervisor2]) expect((await request(app.url).get(api('tasks')).set(as(who)).expect(200)).body).toEqual([]);
    expect((await request(app.url).get(api('retention/due')).set(as(supervisor)).expect(200)).body).toEqual([]);
    await request(app.url).post(api(`retention/clients/${her.clientId}/destroy`)).set(as(supervisor)).send({ caseNumbers: [her.caseNumber] }).expect(410);

    // Opened directly by her own unit: 410 with a Japanese reason; by another unit: still 404.
    const gone = await request(app.url).get(api(`clients/${her.clientId}`)).set(as(supervisor)).expect(410);
    expect(gone.body.message).toContain('消去');
    await request(app.url).get(api(`cases/${her.caseId}`)).set(as(counselor)).expect(410);
    await request(app.url).get(api(`cases/${her.caseId}/contacts`)).set(as(supervisor)).expect(410);
    await request(app.url).get(api(`clients/${her.clientId}`)).set(as(outsider)).expect(404);
    // Nothing is left to disclose to her either (本人開示).
    const exported = await request(app.url).post(api(`clients/${her.clientId}/disclosure-export`)).set(as(supervisor)).send({}).expect(410);
    expect(exported.body.message).toContain('消去');
    // Searching her phone or kana finds nothing.
    for (const query of [{ phone: HER.phone }, { kana: HER.kana }]) {
      expect((await request(app.url).get(api('clients')).query(query).set(as(counselor)).expect(200)).body).toEqual([]);
    }
  });

  it('no staff view shows anything of her, and none fails', async () => {
    // Lists leave her out; her records opened by id answer 410 to her unit's staff, 404 where the
    // caller may not learn that anything was there (the liaison, the LINE inbox).
    const views: Array<[SignedIn, string, number]> = [
      [supervisor, 'cases?status=closed', 200],
      [supervisor, 'cases', 200],
      [supervisor, `clients/${her.clientId}/summary`, 410],
      [supervisor, `cases/${her.caseId}/referrals`, 410],
      [supervisor, `cases/${her.caseId}/placements`, 410],
      [supervisor, `cases/${her.caseId}/risk-assessments`, 410],
      [supervisor, 'referrals?status=accepted', 200],
      [supervisor, 'placements?status=approved', 200],
      [supervisor, `placements/${her.placementId}`, 404],
      [supervisor, `referrals/${her.referralId}`, 404],
      [counselor, 'line/conversations?status=open', 200],
      [counselor, 'line/conversations?status=closed', 200],
      [counselor, `line/conversations/${her.conversationId}/messages`, 404],
      [liaison, 'referrals/inbox', 200],
      [liaison, `referrals/inbox/${her.referralId}`, 404],
      [supervisor, `audit-events?caseId=${her.caseId}`, 200],
      [statistician, 'reports/program?fiscalYear=2024', 200],
    ];
    const texts: string[] = [];
    for (const [who, path, status] of views) {
      const res = await request(app.url).get(api(path)).set(as(who));
      expect({ path, status: res.status }).toEqual({ path, status });
      texts.push(res.text);
    }
    const ids = [her.clientId, her.caseId, her.referralId, her.placementId, her.conversationId];
    const lists = texts.filter((_, i) => views[i][2] === 200 && !views[i][1].startsWith('audit-events'));
    expect(ids.filter((id) => lists.some((t) => t.includes(id)))).toEqual([]);
    expect(found(texts.join('\n'))).toEqual([]);
    // The other client of the unit is as she was.
    const keep = await request(app.url).get(api(`clients/${other.clientId}/summary`)).set(as(counselor)).expect(200);
    expect(keep.body.name).toBe(OTHER.name);
    const contacts = await request(app.url).get(api(`cases/${other.caseId}/contacts`)).set(as(counselor)).expect(200);
    expect(JSON.stringify(contacts.body)).toContain(OTHER.summary);
  });

  it('her LINE account writing again is someone new: a new LINE user and conversation, linked to nothing', async () => {
    await sendLine(LINE_USER, testInstant(-60_000), '架空：はじめまして');
    const users = await db.query(`SELECT id, client_id, user_id_enc IS NOT NULL AS has_id FROM line_users ORDER BY created_at`);
    expect(users).toHaveLength(2);
    expect(users[1]).toMatchObject({ client_id: null, has_id: true });
    const open = (await request(app.url).get(api('line/conversations?status=open')).set(as(counselor)).expect(200)).body as Array<{ id: string; caseId: string | null }>;
    expect(open.map((c) => c.id)).not.toContain(her.conversationId);
    expect(open).toEqual([expect.objectContaining({ caseId: null })]);
  });

  it('leaves past months’ statistics exactly as they were, recomputed', async () => {
    statistician = await signInAgain(app, statistician, TEST_PASSWORD);
    const after = await runMonth('2024-05');
    expect(after).toBe(statsBefore);
    expect(after).toContain('dv-center');
    // She followed the account in 2024-05 and is counted among its friends then; after her
    // destruction her follow state is unknown, and a month ending later does not count her.
    // (Read from the stored figures: a count of 1 is suppressed in the statistician's view.)
    const followers = async (period: string) => {
      const rows = await db.query(
        `SELECT s.value::int AS value FROM monthly_statistics s JOIN statistics_runs r ON r.id = s.run_id
          WHERE s.period = $1 AND s.program_code = 'ashitaba-line' AND s.metric = 'line-followers' ORDER BY r.created_at DESC LIMIT 1`,
        [period],
      );
      return rows[0]?.value ?? 0;
    };
    expect(await followers('2024-05')).toBe(1);
    // The month she was destroyed in (on the application's clock) ends after it.
    const [{ shredded_at: shreddedAt }] = await db.query(`SELECT shredded_at FROM clients WHERE id = $1`, [her.clientId]);
    const destroyedIn = jstDate(shreddedAt).slice(0, 7);
    await runMonth(destroyedIn);
    expect(await followers(destroyedIn)).toBe(0);
  });

  it('keeps the audit chain whole', async () => {
    await sealEverything(app);
    const res = await request(app.url).get(api('audit-events/verify')).set(as(supervisor)).expect(200);
    expect(res.body).toMatchObject({ ok: true, firstBrokenId: null, unsealed: 0 });
  });

  (realDatabaseUrl ? it : it.skip)('a pg_dump holds none of her ciphertexts or wrapped keys, and no marker', () => {
    const dump = spawnSync('pg_dump', ['--no-owner', '--dbname', app.db.url], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    expect(dump.status).toBe(0);
    expect(dump.stdout).toContain('COPY public.clients');
    expect(ciphertextsBefore.filter((c) => dump.stdout.includes(c))).toEqual([]);
    expect(found(dump.stdout)).toEqual([]);
  });

  it('empties processed LINE inbox payloads after LINE_INBOX_KEEP_DAYS, keeping the rows', async () => {
    await sendLine(`U${'d4'.repeat(16)}`, testInstant(-2 * DAY), '架空：別の人の相談');
    const [{ n: before }] = await db.query(`SELECT count(*)::int AS n FROM line_inbox WHERE payload_enc IS NOT NULL`);
    expect(before).toBe(2); // the new account's message, and another person's
    expect(await app.app.get(LineInboxPurge).purge()).toBe(0); // processed today: kept
    advanceClock(app, 31 * 24 * 3_600_000);
    expect(await app.app.get(LineInboxPurge).purge()).toBe(before);
    const [{ n: left, rows }] = await db.query(`SELECT count(*) FILTER (WHERE payload_enc IS NOT NULL)::int AS n, count(*)::int AS rows FROM line_inbox`);
    expect({ left, rows }).toEqual({ left: 0, rows: 4 });
  });

  it('destroys what belongs to no client once past retention: anonymous records, and LINE users tied to nothing who no longer follow', async () => {
    const anonymous = (startedAt: string, programCode: string, summary: string) =>
      request(app.url).post(api('contacts')).set(as(counselor)).send({ programCode, startedAt, durationMinutes: 10, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true, summary });
    counselor = await signInAgain(app, counselor, TEST_PASSWORD);
    const old = (await anonymous('2025-01-10T01:00:00.000Z', 'dv-center', `匿名旧${tag}`).expect(201)).body.id as string; // 1 year: kept until 2026-01-10
    const recent = (await anonymous(testInstant(-3 * DAY), 'josei-soudan', `匿名新${tag}`).expect(201)).body.id as string; // 5 years
    const friend = `U${'e5'.repeat(16)}`;
    await sendLine(friend, testInstant(-2 * DAY), null); // a friend of the account: kept, but not her old texts
    await sendLine(friend, testInstant(-2 * DAY + 5 * 60_000), `友だちの相談${tag}`);
    admin = await signInAgain(app, admin, BOOTSTRAP_ADMIN_PASSWORD);
    await request(app.url).patch(api('programs/ashitaba-line')).set(as(admin)).send({ retentionYears: 1 }).expect(200);

    // Two years on, the LINE sessions still open (her account's new one, another person's, the friend's) end by silence.
    advanceClock(app, 2 * 366 * 24 * 3_600_000);
    await app.app.get(SessionCloser).closeAllSilent();
    supervisor = await signInAgain(app, supervisor, TEST_PASSWORD);
    counselor = await signInAgain(app, counselor, TEST_PASSWORD);
    const due = (await request(app.url).get(api('retention/anonymous')).set(as(supervisor)).expect(200)).body;
    expect(due).toMatchObject({ contacts: 1, lineUsers: 2, lineConversations: 1 });
    const confirm = { contacts: 1, lineUsers: 2, lineConversations: 1 };
    await request(app.url).get(api('retention/anonymous')).set(as(counselor)).expect(403);
    await request(app.url).post(api('retention/anonymous/destroy')).set(as(counselor)).send(confirm).expect(403);
    const stale = await request(app.url).post(api('retention/anonymous/destroy')).set(as(supervisor)).send({ ...confirm, lineUsers: 1 }).expect(409);
    expect(stale.body.message).toContain('件数が変わりました');
    const bad = await request(app.url).post(api('retention/anonymous/destroy')).set(as(supervisor)).send({ contacts: -1, lineUsers: 'x' }).expect(400);
    expect(bad.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['contacts', 'lineConversations', 'lineUsers']);

    const done = await request(app.url).post(api('retention/anonymous/destroy')).set(as(supervisor)).send(confirm).expect(200);
    expect(done.body).toMatchObject(confirm);
    expect(done.body.lineMessages).toBeGreaterThanOrEqual(3);
    const friendTexts = await db.query(
      `SELECT count(*) FILTER (WHERE m.text_enc IS NOT NULL)::int AS texts, count(*)::int AS messages FROM line_messages m JOIN line_conversations v ON v.id = m.conversation_id JOIN line_users u ON u.id = v.line_user_id WHERE u.following`,
    );
    expect(friendTexts).toEqual([{ texts: 0, messages: expect.any(Number) }]);
    expect(friendTexts[0].messages).toBeGreaterThanOrEqual(1);
    const contacts = await db.query(`SELECT c.id, c.summary_enc IS NULL AS emptied, k.wrapped_key IS NULL AS destroyed FROM contacts c JOIN data_keys k ON k.id = c.data_key_id WHERE c.id = ANY($1::uuid[]) ORDER BY c.started_at`, [[old, recent]]);
    expect(contacts).toEqual([
      { id: old, emptied: true, destroyed: true },
      { id: recent, emptied: false, destroyed: false },
    ]);
    const users = await db.query(`SELECT following, user_id_enc IS NULL AS emptied, shredded_at IS NOT NULL AS shredded FROM line_users ORDER BY created_at`);
    expect(users).toEqual([
      { following: false, emptied: true, shredded: true }, // her account, with her
      { following: false, emptied: true, shredded: true }, // her account writing again, tied to nothing
      { following: false, emptied: true, shredded: true }, // another person, tied to nothing
      { following: true, emptied: false, shredded: false }, // still a friend of the account
    ]);
    expect((await request(app.url).get(api('retention/anonymous')).set(as(supervisor)).expect(200)).body).toMatchObject({ contacts: 0, lineUsers: 0, lineConversations: 0, retainUntil: null });
    const [event] = await db.query(`SELECT detail_code, actor_id FROM audit_events WHERE action = 'retention.anonymous.shred' AND outcome = 'allowed'`);
    expect(event).toEqual({ detail_code: `contacts=1;line-users=2;line-conversations=1;line-messages=${done.body.lineMessages}`, actor_id: supervisor.userId });
  });
});
