import { Role } from '@tsunagu/common';
import { createHmac, randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SECTIONS } from '@tsunagu/subject-access';
import { createAndSignIn, DEPARTMENT_ID, signInAdmin, SignedIn, UNIT_ID } from './support/auth-helpers';
import { binaryBody } from './support/binary';
import { FakeLine } from './support/fake-line';
import { startTestApp, TestApp } from './support/test-app';
import { unzip, UnzippedEntry } from './support/unzip';
import { waitFor } from './support/wait';
import { testNow } from './support/clock';
import { api, as } from './support/http';

// 本人開示: everything held about one client, as a ZIP of a cover, JSON and CSVs.
// Fictional people only.
const SECRET = 'synthetic-channel-secret-kaiji';
const TOKEN = 'synthetic-access-token-kaiji';
const LINE_USER = `U${'c3'.repeat(16)}`;
const HER = {
  name: '架空 開示子',
  kana: 'カクウ カイジコ',
  birthDate: '1988-06-15',
  phone: '090-0000-7171',
  address: '架空市秘匿町7-1-1',
  notes: '架空のメモ：昼間の連絡は避ける',
  gender: 'female',
  addressProtected: true,
};
const DV_PROGRAM = '配偶者暴力相談支援センター（DV相談）';
const OTHER = { name: '架空 別人子', phone: '090-0000-8282', summary: '架空：別人の相談内容' };
const FACILITY = { name: '架空 開示シェルター', address: '架空市秘密町9-9-9', phone: '011-999-0000' };
const TEXT = {
  summary: '架空の相談要約：夫からの暴力について',
  nextAction: '架空：来週もう一度電話する',
  summary2: '架空の相談要約：住まいの相談',
  risk: '架空：首を絞められたとの訴え',
  reason: '架空の理由：安全な避難先が必要',
  message: '架空：市営住宅の相談をお願いします',
  referralSummary: '架空の要約：DV被害により避難中',
  response: '架空：受理しました',
  lineIn: '架空のLINE相談：家を出たい',
  lineOut: '架空の返信：安全な場所はありますか',
};

describe('本人開示: POST /clients/:id/disclosure-export', () => {
  const line = new FakeLine(TOKEN);
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let counselor: SignedIn;
  let counselor2: SignedIn;
  let supervisor: SignedIn;
  let supervisor2: SignedIn;
  let liaison: SignedIn;
  let farSupervisor: SignedIn;
  let statistician: SignedIn;
  let clientId: string;
  let caseNumber: string;
  const staff = () => [counselor, counselor2, supervisor, supervisor2, liaison];
  const post = async (who: SignedIn, path: string, body: object, status = 201) => {
    const res = await request(app.url).post(api(path)).set(as(who)).send(body);
    if (res.status !== status) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const exportAs = (who: SignedIn, id: string, body?: object) => {
    const req = request(app.url).post(api(`clients/${id}/disclosure-export`)).set(as(who)).buffer(true).parse(binaryBody);
    return body === undefined ? req : req.send(body);
  };
  const files = (archive: Buffer) => new Map(unzip(archive).map((e: UnzippedEntry) => [e.name, e.data]));
  /** Whether `text` is anywhere in the archive: in a file once inflated, or in its bytes as they are (names, stored files). */
  const holds = (archive: Buffer, text: string) => [...files(archive).values()].some((d) => d.toString('utf8').includes(text)) || archive.includes(Buffer.from(text, 'utf8'));

  beforeAll(async () => {
    await line.start();
    app = await startTestApp('disclosure', { env: { LINE_API_BASE_URL: line.url, LINE_API_TIMEOUT_MS: '1000' } });
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'dx.counselor');
    counselor2 = await createAndSignIn(app, admin, Role.Counselor, 'dx.counselor2');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'dx.supervisor');
    supervisor2 = await createAndSignIn(app, admin, Role.Supervisor, 'dx.supervisor2');
    liaison = await createAndSignIn(app, admin, Role.Liaison, 'dx.liaison');
    farSupervisor = await createAndSignIn(app, admin, Role.Supervisor, 'dx.far');
    statistician = await createAndSignIn(app, admin, Role.Statistician, 'dx.statistician');
    // Distinct display names, so the archive can be searched for each.
    const names: Array<[SignedIn, string]> = [
      [counselor, '架空 担当一子'],
      [counselor2, '架空 担当二子'],
      [supervisor, '架空 指導一子'],
      [supervisor2, '架空 指導二子'],
      [liaison, '架空 窓口一子'],
    ];
    for (const [who, name] of names) await db.query(`UPDATE users SET display_name = $1 WHERE id = $2`, [name, who.userId]);
    const otherUnit = randomUUID();
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'dx-other', '別の係')`, [otherUnit]);
    await db.query(`UPDATE users SET unit_id = $1 WHERE id = $2`, [otherUnit, farSupervisor.userId]);

    // Her record and a case with something in every section.
    clientId = (await post(counselor, 'clients', HER)).id;
    await post(counselor, `clients/${clientId}/children`, { name: '架空 同伴太郎', birthDate: '2019-02-03' });
    const kase = await post(counselor, 'cases', { clientId, programCode: 'dv-center', mainConcerns: ['husband-violence'], openedOn: '2025-06-01' });
    caseNumber = kase.caseNumber;
    const caseId = kase.id as string;
    await post(counselor, `cases/${caseId}/contacts`, { startedAt: '2025-06-01T01:00:00.000Z', durationMinutes: 40, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true, summary: TEXT.summary, nextAction: TEXT.nextAction });
    await post(counselor2, `cases/${caseId}/contacts`, { startedAt: '2025-06-10T05:00:00.000Z', durationMinutes: 20, channel: 'visit', mainConcern: 'husband-violence', dvRelated: true, summary: TEXT.summary2 });
    await request(app.url).put(api(`cases/${caseId}/dv`)).set(as(counselor)).send({ relation: 'spouse', violenceTypes: ['physical', 'psychological'], childrenExposed: true }).expect(200);
    await post(counselor, `cases/${caseId}/risk-assessments`, { assessedOn: '2025-06-01', items: ['strangulation'], note: TEXT.risk });
    await post(counselor, `cases/${caseId}/protection-orders`, { kind: 'approach-ban', status: 'filed', filedOn: '2025-06-05' });
    await post(counselor, `cases/${caseId}/support-measures`, { appliedOn: '2025-06-03' });
    await post(counselor, `cases/${caseId}/transports`, { transportedOn: '2025-06-02', fromPlace: 'home', toPlace: 'shelter', escorts: 2 });
    await post(counselor, `cases/${caseId}/provisions`, { kind: 'sanitary-products', quantity: 2, date: '2025-06-02' });
    // A referral approved with a frozen disclosure, answered by the department.
    await post(counselor, `clients/${clientId}/consents`, { obtainedOn: '2025-06-01', method: 'written', departmentIds: [DEPARTMENT_ID], fields: ['name', 'phone', 'summary'] });
    const referral = await post(counselor, `cases/${caseId}/referrals`, { departmentId: DEPARTMENT_ID, purpose: 'housing', message: TEXT.message, fields: ['name', 'phone', 'summary'], summary: TEXT.referralSummary, dueOn: '2025-07-15' });
    await post(counselor, `referrals/${referral.id}/submit`, { version: 1 }, 200);
    await post(supervisor, `referrals/${referral.id}/approve`, { version: 2 }, 200);
    await post(liaison, `referrals/${referral.id}/accept`, { version: 3, comment: TEXT.response }, 200);
    // A placement at a facility whose address and phone are secret.
    const facility = await post(admin, 'facilities', { kind: 'private-shelter', name: FACILITY.name, capacity: 5, inCity: true, address: FACILITY.address, phone: FACILITY.phone });
    const placement = await post(counselor, `cases/${caseId}/placements`, { facilityId: facility.id, adults: 1, children: 1, childAgeBands: ['6-11'], plannedStart: '2025-06-02', reason: TEXT.reason });
    await post(supervisor, `placements/${placement.id}/approve`, { version: 1 }, 200);
    // LINE: her message arrives, the conversation is linked to her case, a supervisor answers.
    await post(admin, 'line/channels', { key: 'kaiji', name: 'あしたば LINE相談', programCode: 'ashitaba-line', unitId: UNIT_ID, channelSecret: SECRET, accessToken: TOKEN });
    const at = testNow().getTime() - 60_000;
    const body = JSON.stringify({
      destination: `U${'0'.repeat(32)}`,
      events: [
        {
          type: 'message', mode: 'active', timestamp: at, source: { type: 'user', userId: LINE_USER }, webhookEventId: `01J${randomUUID().replace(/-/g, '').slice(0, 23).toUpperCase()}`,
          deliveryContext: { isRedelivery: false }, replyToken: 'synthetic-reply-token', message: { id: String(at), type: 'text', quoteToken: 'q', text: TEXT.lineIn },
        },
      ],
    });
    await request(app.url).post(api('line/webhook/kaiji')).set('content-type', 'application/json').set('x-line-signature', createHmac('sha256', SECRET).update(body).digest('base64')).send(body).expect(200);
    await waitFor(async () => (await db.query(`SELECT count(*)::int AS n FROM line_inbox WHERE processed_at IS NULL`))[0].n === 0, 15_000, 'LINE inbox processed');
    const [conversation] = await db.query(`SELECT id, version FROM line_conversations`);
    await post(counselor, `line/conversations/${conversation.id}/link`, { version: conversation.version, caseId }, 200);
    await post(supervisor, `line/conversations/${conversation.id}/messages`, { text: TEXT.lineOut });

    // Another woman of the same unit: nothing of hers may appear.
    const other = (await post(counselor, 'clients', { name: OTHER.name, phone: OTHER.phone })).id;
    const otherCase = (await post(counselor, 'cases', { clientId: other, programCode: 'josei-soudan', mainConcerns: ['divorce'] })).id;
    await post(counselor, `cases/${otherCase}/contacts`, { startedAt: '2025-06-03T01:00:00.000Z', durationMinutes: 10, channel: 'phone', mainConcern: 'divorce', dvRelated: false, summary: OTHER.summary });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await line.stop();
  });

  it('answers a ZIP named without personal data, holding her decrypted data in every section of the JSON', async () => {
    const res = await exportAs(supervisor, clientId, { requestReference: 'R7-開示-0012' }).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['cache-control']).toBe('no-store');
    const filename = /filename="([^"]+)"/.exec(res.headers['content-disposition'])![1];
    expect(filename).toMatch(new RegExp(`^kaiji-${clientId.slice(0, 8)}-\\d{8}\\.zip$`));

    const archive = files(res.body as Buffer);
    expect([...archive.keys()]).toEqual(['00_cover.txt', 'disclosure.json', ...SECTIONS.map((s) => s.file)]);
    const json = JSON.parse(archive.get('disclosure.json')!.toString('utf8'));
    expect(json).toMatchObject({ format: 'tsunagu-disclosure/1', clientId, requestReference: 'R7-開示-0012', staffNames: 'redacted' });
    // Her whole record, the protected address included: it is hers.
    expect(json.client).toMatchObject({ ...HER, genderLabel: '女性', registeredBy: '相談員A' });
    expect(json.children).toEqual([{ no: 1, name: '架空 同伴太郎', birthDate: '2019-02-03' }]);
    expect(json.cases).toEqual([expect.objectContaining({ caseNumber, programName: DV_PROGRAM, statusLabel: '対応中', mainConcernNames: ['夫等からの暴力'], assignedCounselor: '相談員A' })]);
    expect(json.contacts.map((c: { summary: string; counselor: string }) => [c.summary, c.counselor])).toEqual(expect.arrayContaining([[TEXT.summary, '相談員A'], [TEXT.summary2, '相談員B']]));
    expect(json.contacts.find((c: { summary: string }) => c.summary === TEXT.summary)).toMatchObject({ nextAction: TEXT.nextAction, channelLabel: '電話', caseNumber });
    expect(json.dvDetails).toEqual([expect.objectContaining({ caseNumber, relationLabel: '配偶者', violenceTypeLabels: ['身体的', '精神的'], childrenExposed: true })]);
    expect(json.riskAssessments).toEqual([expect.objectContaining({ note: TEXT.risk, levelLabel: '高', itemLabels: ['首を絞められた'], assessor: '相談員A' })]);
    expect(json.protectionOrders).toEqual([expect.objectContaining({ kindLabel: '接近禁止命令', statusLabel: '申立中', filedOn: '2025-06-05' })]);
    expect(json.supportMeasures).toEqual([expect.objectContaining({ appliedOn: '2025-06-03', statusLabel: '有効' })]);
    expect(json.transports).toEqual([expect.objectContaining({ fromPlaceLabel: '自宅', toPlaceLabel: 'シェルター・委託先', escorts: 2, recordedBy: '相談員A' })]);
    expect(json.placements).toEqual([
      expect.objectContaining({ facilityKindLabel: '民間シェルター', facilityName: FACILITY.name, statusLabel: '承認済', reason: TEXT.reason, requestedBy: '相談員A', decidedBy: '査察指導員A', childAgeBandLabels: ['小学生'] }),
    ]);
    expect(json.referrals).toEqual([
      expect.objectContaining({
        departmentName: expect.any(String), purposeLabel: '住宅', statusLabel: '受理', message: TEXT.message, summary: TEXT.referralSummary, consentNo: 1,
        disclosure: { name: HER.name, phone: HER.phone, summary: TEXT.referralSummary },
        author: '相談員A', decidedBy: '査察指導員A', respondedBy: '庁内連携窓口A', responseComment: TEXT.response,
      }),
    ]);
    expect(json.consents).toEqual([expect.objectContaining({ no: 1, methodLabel: '書面', fieldLabels: ['氏名', '電話番号', '連携先向けの要約'], obtainedBy: '相談員A' })]);
    expect(json.lineConversations).toEqual([expect.objectContaining({ no: 1, accountName: 'あしたば LINE相談', lineUserId: LINE_USER, caseNumber })]);
    expect(json.lineMessages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ conversationNo: 1, directionLabel: '受信', sender: '本人', kindLabel: 'テキスト', text: TEXT.lineIn }),
        expect.objectContaining({ conversationNo: 1, directionLabel: '送信', sender: '査察指導員A', text: TEXT.lineOut }),
      ]),
    );
    expect(json.provisions).toEqual([expect.objectContaining({ kindLabel: '生理用品', quantity: 2, caseNumber, recordedBy: '相談員A' })]);

    // The cover: her pseudonymous id only, the 和暦 time, counts and the policy.
    const cover = archive.get('00_cover.txt')!.toString('utf8');
    expect(cover).toContain(`対象者：相談者ID ${clientId}`);
    expect(cover).toMatch(/作成日時：令和\d+年\d+月\d+日 \d\d:\d\d（日本時間）/);
    expect(cover).toContain('04_contacts.csv：相談記録：2件');
    expect(cover).toContain('職員名の扱い：職員名を伏せる（役割＋記号）');
    expect(cover).not.toContain(HER.name);
  });

  it('writes every CSV with a BOM and its Japanese header, codes as labels and times in JST', async () => {
    const archive = files((await exportAs(supervisor, clientId, {}).expect(200)).body as Buffer);
    for (const section of SECTIONS) {
      const text = archive.get(section.file)!.toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text.slice(1).split('\r\n')[0]).toBe(section.columns.map(([header]) => `"${header}"`).join(','));
    }
    const contacts = archive.get('04_contacts.csv')!.toString('utf8');
    expect(contacts).toContain(`"${caseNumber}","${DV_PROGRAM}","2025-06-01 10:00","電話","40","相談員A","夫等からの暴力","","はい","${TEXT.summary}"`);
    expect(archive.get('01_client.csv')!.toString('utf8')).toContain(`"${HER.name}","${HER.kana}","${HER.birthDate}","${HER.phone}","${HER.address}"`);
  });

  it('redacts staff by default: no display name or login id anywhere in the archive, the same letter for the same person', async () => {
    const res = await exportAs(supervisor, clientId).expect(200);
    const archive = res.body as Buffer;
    const people: Array<{ display_name: string; login_id: string }> = await db.query(`SELECT display_name, login_id FROM users WHERE id = ANY($1)`, [staff().map((s) => s.userId)]);
    expect(people).toHaveLength(5);
    const found = [...people.flatMap((p) => [p.display_name, p.login_id]), ...staff().map((s) => s.userId)].filter((t) => holds(archive, t));
    expect(found).toEqual([]);
    expect(holds(archive, HER.name) && holds(archive, TEXT.lineIn)).toBe(true);
    // A facility's address and phone are the shelter's secret; another client's data is not hers.
    expect([FACILITY.address, FACILITY.phone, OTHER.name, OTHER.phone, OTHER.summary].filter((t) => holds(archive, t))).toEqual([]);
    const json = JSON.parse(files(res.body as Buffer).get('disclosure.json')!.toString('utf8'));
    const named = [json.client.registeredBy, json.cases[0].assignedCounselor, ...json.contacts.map((c: { counselor: string }) => c.counselor), json.referrals[0].decidedBy, json.placements[0].decidedBy];
    expect(named).toEqual(['相談員A', '相談員A', '相談員A', '相談員B', '査察指導員A', '査察指導員A']);
  });

  it("with staffNames 'shown' gives display names, still no login id; the audit records each export's policy", async () => {
    const res = await exportAs(supervisor, clientId, { staffNames: 'shown' }).expect(200);
    const archive = res.body as Buffer;
    expect(['架空 担当一子', '架空 担当二子', '架空 指導一子', '架空 窓口一子'].filter((name) => !holds(archive, name))).toEqual([]);
    expect(staff().filter((who) => holds(archive, who.loginId))).toEqual([]);
    expect(files(res.body as Buffer).get('00_cover.txt')!.toString('utf8')).toContain('職員名の扱い：職員名を表示する');

    const events = await db.query(
      `SELECT actor_id, outcome, resource_type, detail_code FROM audit_events WHERE action = 'client.disclosure-export' AND resource_id = $1 AND outcome = 'allowed' ORDER BY id`,
      [clientId],
    );
    expect(events.map((e: { detail_code: string }) => e.detail_code)).toEqual(['redacted;ref:R7-開示-0012', 'redacted', 'redacted', 'shown']);
    expect(events.every((e: { actor_id: string; resource_type: string }) => e.actor_id === supervisor.userId && e.resource_type === 'client')).toBe(true);
    // One event per export, and no other reads of her record recorded beside it.
    const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE request_id = $1`, [res.headers['x-request-id']]);
    expect(n).toBe(1);
  });

  it('answers another unit’s supervisor as a client that does not exist, and refuses every other role', async () => {
    const far = await exportAs(farSupervisor, clientId, {}).expect(404);
    const missing = await exportAs(farSupervisor, randomUUID(), {}).expect(404);
    expect(JSON.parse(far.body.toString('utf8')).message).toBe(JSON.parse(missing.body.toString('utf8')).message);
    const [denied] = await db.query(`SELECT outcome, detail_code FROM audit_events WHERE action = 'client.disclosure-export' AND actor_id = $1 AND resource_id = $2`, [farSupervisor.userId, clientId]);
    expect(denied).toEqual({ outcome: 'denied', detail_code: 'not-found-or-out-of-scope' });
    for (const who of [counselor, liaison, statistician, admin]) await exportAs(who, clientId, {}).expect(403);
  });

  it('refuses a wrong option with a 400 naming the field', async () => {
    const field = async (body: object) => JSON.parse((await exportAs(supervisor, clientId, body).expect(400)).body.toString('utf8')).fields.map((f: { field: string }) => f.field);
    expect(await field({ staffNames: 'everyone' })).toEqual(['staffNames']);
    expect(await field({ requestReference: 'x'.repeat(51) })).toEqual(['requestReference']);
    expect(await field({ requestReference: 'R7 0012; DROP' })).toEqual(['requestReference']);
    expect(await field({ requestReference: 12 })).toEqual(['requestReference']);
    expect(await field({ extra: true })).toEqual(['extra']);
  });
});
