import { Role } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, signInAdmin, SignedIn } from './support/auth-helpers';
import { LogCapture, startTestApp, TestApp } from './support/test-app';
import { testToday } from './support/clock';
import { api, as } from './support/http';

// Synthetic facilities and people only.
const SECRET_ADDRESS = '架空県架空市秘匿町1-2-3';
const SECRET_PHONE = '011-555-0199';

describe('facilities and placements', () => {
  const logs = new LogCapture();
  let app: TestApp;
  let db: DataSource;
  let admin: SignedIn;
  let counselor: SignedIn;
  let colleague: SignedIn;
  let supervisor: SignedIn;
  let supervisor2: SignedIn;
  let outsider: SignedIn;
  let caseId: string;

  const facility = async (body: Record<string, unknown>) => (await request(app.url).post(api('facilities')).set(as(admin)).send(body).expect(201)).body;
  const requestPlacement = (who: SignedIn, body: Record<string, unknown>) =>
    request(app.url).post(api(`cases/${caseId}/placements`)).set(as(who)).send({ adults: 1, children: 0, plannedStart: '2025-07-01', reason: '架空の理由：避難が必要', ...body });
  const act = (who: SignedIn, id: string, verb: string, body: Record<string, unknown>) => request(app.url).post(api(`placements/${id}/${verb}`)).set(as(who)).send(body);
  const placementCount = async () => (await db.query(`SELECT count(*)::int AS n FROM placements`))[0].n as number;
  const auditCount = async (action: string) => (await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND outcome = 'allowed'`, [action]))[0].n as number;

  beforeAll(async () => {
    app = await startTestApp('placements', { logs });
    db = app.app.get(DataSource);
    admin = await signInAdmin(app);
    counselor = await createAndSignIn(app, admin, Role.Counselor, 'pl.counselor');
    colleague = await createAndSignIn(app, admin, Role.Counselor, 'pl.colleague');
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'pl.supervisor');
    supervisor2 = await createAndSignIn(app, admin, Role.Supervisor, 'pl.supervisor2');
    outsider = await createAndSignIn(app, admin, Role.Counselor, 'pl.outsider');
    const otherUnit = randomUUID();
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'pl-other', '別の係')`, [otherUnit]);
    await db.query(`UPDATE users SET unit_id = $1 WHERE login_id = 'pl.outsider'`, [otherUnit]);
    const client = await request(app.url).post(api('clients')).set(as(counselor)).send({ name: '架空 入所者', phone: '070-0000-0301' }).expect(201);
    caseId = (await request(app.url).post(api('cases')).set(as(counselor)).send({ clientId: client.body.id, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('facilities (admin master data)', () => {
    it('keeps address and phone secret: encrypted at rest, never in lists, not even read back by the admin', async () => {
      const created = await facility({ kind: 'private-shelter', name: '架空シェルター秘', operator: '架空NPO', capacity: 4, inCity: true, address: SECRET_ADDRESS, phone: SECRET_PHONE });
      expect(created).toMatchObject({ kindLabel: '民間シェルター', capacityUnit: 'persons', status: 'operating', secretShown: false, hasAddress: true, hasPhone: true });
      expect(created.address).toBeUndefined();
      const rows = await db.query(`SELECT * FROM facilities WHERE id = $1`, [created.id]);
      expect(JSON.stringify(rows)).not.toContain(SECRET_ADDRESS);
      expect(JSON.stringify(rows)).not.toContain(SECRET_PHONE);
      for (const who of [admin, counselor, supervisor]) {
        const list = await request(app.url).get(api('facilities')).set(as(who)).expect(200);
        expect(list.body.map((f: { name: string }) => f.name)).toContain('架空シェルター秘');
        expect(JSON.stringify(list.body)).not.toContain(SECRET_ADDRESS);
      }
      const asAdmin = await request(app.url).get(api(`facilities/${created.id}`)).set(as(admin)).expect(200);
      expect(asAdmin.body).toMatchObject({ secretShown: false });
      expect(JSON.stringify(asAdmin.body)).not.toContain(SECRET_ADDRESS);
    });

    it('suspends a facility with a since-date, still listed as 休止中; refuses a suspension without a date', async () => {
      const f = await facility({ kind: 'maternity', name: '架空赤十字病院', capacity: 2, inCity: true });
      const noDate = await request(app.url).patch(api(`facilities/${f.id}`)).set(as(admin)).send({ version: 1, status: 'suspended' }).expect(400);
      expect(noDate.body.fields[0].field).toBe('suspendedSince');
      const suspended = await request(app.url).patch(api(`facilities/${f.id}`)).set(as(admin)).send({ version: 1, status: 'suspended', suspendedSince: '2025-04-01' }).expect(200);
      expect(suspended.body).toMatchObject({ status: 'suspended', statusLabel: '休止中', suspendedSince: '2025-04-01', version: 2 });
      await request(app.url).patch(api(`facilities/${f.id}`)).set(as(admin)).send({ version: 1, capacity: 3 }).expect(409);
      const list = await request(app.url).get(api('facilities')).set(as(counselor)).expect(200);
      expect(list.body.find((x: { id: string }) => x.id === f.id)).toMatchObject({ statusLabel: '休止中' });
    });

    it('refuses bad input naming the field, and a duplicate name', async () => {
      const res = await request(app.url).post(api('facilities')).set(as(admin)).send({ kind: 'castle', name: '', capacity: -1, inCity: 'yes' }).expect(400);
      expect(res.body.fields.map((f: { field: string }) => f.field).sort()).toEqual(['capacity', 'inCity', 'kind', 'name']);
      await request(app.url).post(api('facilities')).set(as(admin)).send({ kind: 'private-shelter', name: '架空シェルター秘', capacity: 1, inCity: true }).expect(409);
    });
  });

  describe('a shelter stay', () => {
    let shelterId: string;

    beforeAll(async () => {
      shelterId = (await facility({ kind: 'private-shelter', name: '架空シェルターA', capacity: 6, inCity: true, address: SECRET_ADDRESS })).id;
    });

    it('goes requested → approved (by another person) → active → ended, each step audited', async () => {
      const requested = await requestPlacement(counselor, { facilityId: shelterId, adults: 1, children: 2, childAgeBands: ['0-2', '6-11'], plannedStart: '2025-06-01' }).expect(201);
      expect(requested.body).toMatchObject({ kind: 'shelter-stay', kindLabel: 'シェルター入所', status: 'requested', statusLabel: '申請中', requestedBy: counselor.userId, reason: '架空の理由：避難が必要', nights: 0 });
      const id = requested.body.id;

      const queue = await request(app.url).get(api('placements?status=requested')).set(as(supervisor)).expect(200);
      expect(queue.body.map((p: { id: string }) => p.id)).toContain(id);

      // Admission before approval is refused.
      const early = await act(counselor, id, 'admit', { version: 1, admittedOn: '2025-06-02' }).expect(409);
      expect(early.body.fields[0].field).toBe('status');

      const approved = await act(supervisor, id, 'approve', { version: 1, note: '架空の承認メモ' }).expect(200);
      expect(approved.body).toMatchObject({ status: 'approved', decidedBy: supervisor.userId, decisionNote: '架空の承認メモ', version: 2 });
      await act(supervisor2, id, 'approve', { version: 2 }).expect(409); // already decided

      const admitted = await act(counselor, id, 'admit', { version: 2, admittedOn: '2025-06-02' }).expect(200);
      expect(admitted.body).toMatchObject({ status: 'active', statusLabel: '入所中', admittedOn: '2025-06-02' });
      expect(admitted.body.nights).toBeGreaterThan(100); // open stay counted up to today

      const badEnd = await act(counselor, id, 'end', { version: 3, endedOn: '2025-06-01', outcome: 'moved' }).expect(400);
      expect(badEnd.body.fields[0].field).toBe('endedOn');
      const ended = await act(counselor, id, 'end', { version: 3, endedOn: '2025-06-20', outcome: 'moved' }).expect(200);
      expect(ended.body).toMatchObject({ status: 'ended', endedOn: '2025-06-20', outcome: 'moved', outcomeLabel: '転居', nights: 18 });
      const again = await act(counselor, id, 'end', { version: 4, endedOn: '2025-06-21', outcome: 'moved' }).expect(409);
      expect(again.body.message).toContain('退所済み');

      const events = await db.query(`SELECT action, actor_id FROM audit_events WHERE resource_id = $1 AND outcome = 'allowed' ORDER BY id`, [id]);
      expect(events).toEqual([
        { action: 'placement.request', actor_id: counselor.userId },
        { action: 'placement.approve', actor_id: supervisor.userId },
        { action: 'placement.admit', actor_id: counselor.userId },
        { action: 'placement.end', actor_id: counselor.userId },
      ]);
      const listed = await request(app.url).get(api(`cases/${caseId}/placements`)).set(as(counselor)).expect(200);
      expect(listed.body.find((p: { id: string }) => p.id === id)).toMatchObject({ status: 'ended', facilityName: '架空シェルターA' });
    });

    it('refuses approval or rejection by the requester, and audits the attempt', async () => {
      const own = await requestPlacement(supervisor, { facilityId: shelterId }).expect(201);
      const refused = await act(supervisor, own.body.id, 'approve', { version: 1 }).expect(403);
      expect(refused.body.fields[0].field).toBe('requestedBy');
      await act(supervisor, own.body.id, 'reject', { version: 1, reason: '架空の却下理由' }).expect(403);
      const denied = await db.query(`SELECT detail_code FROM audit_events WHERE resource_id = $1 AND outcome = 'denied'`, [own.body.id]);
      expect(denied).toEqual([{ detail_code: 'self-approval' }, { detail_code: 'self-approval' }]);
      const rejected = await act(supervisor2, own.body.id, 'reject', { version: 1, reason: '架空の却下理由' }).expect(200);
      expect(rejected.body).toMatchObject({ status: 'rejected', decisionNote: '架空の却下理由' });
      await act(supervisor2, own.body.id, 'cancel', { version: 2 }).expect(409);
    });

    it('lets the requester or a supervisor cancel before admission, not a colleague', async () => {
      const p = await requestPlacement(counselor, { facilityId: shelterId }).expect(201);
      await act(colleague, p.body.id, 'cancel', { version: 1 }).expect(403);
      const cancelled = await act(counselor, p.body.id, 'cancel', { version: 1 }).expect(200);
      expect(cancelled.body.status).toBe('cancelled');
    });

    it('refuses bad requests naming the problem, and writes nothing', async () => {
      const suspended = await facility({ kind: 'maternity', name: '架空休止病院', capacity: 2, inCity: true });
      await request(app.url).patch(api(`facilities/${suspended.id}`)).set(as(admin)).send({ version: 1, status: 'suspended', suspendedSince: '2025-04-01' }).expect(200);
      const maternity = await facility({ kind: 'maternity', name: '架空市立病院', capacity: 3, inCity: true });
      const before = { rows: await placementCount(), events: await auditCount('placement.request') };
      const cases: [Record<string, unknown>, number, string][] = [
        [{ facilityId: shelterId, children: -1 }, 400, 'children'],
        [{ facilityId: shelterId, children: 2, childAgeBands: ['0-2'] }, 400, 'childAgeBands'],
        [{ facilityId: shelterId, adults: 0, children: 0 }, 400, 'adults'],
        [{ facilityId: shelterId, plannedStart: '2025-02-30' }, 400, 'plannedStart'],
        [{ facilityId: randomUUID() }, 400, 'facilityId'],
        [{ facilityId: suspended.id, expectedDeliveryOn: '2025-08-01' }, 409, 'facilityId'],
        [{ facilityId: maternity.id }, 400, 'expectedDeliveryOn'],
        [{ facilityId: shelterId, expectedDeliveryOn: '2025-08-01' }, 400, 'expectedDeliveryOn'],
        [{ facilityId: shelterId, kind: 'mother-child-admission' }, 400, 'kind'],
      ];
      for (const [body, status, field] of cases) {
        const res = await requestPlacement(counselor, body);
        expect({ body, status: res.status, field: res.body.fields?.[0]?.field }).toEqual({ body, status, field });
      }
      expect({ rows: await placementCount(), events: await auditCount('placement.request') }).toEqual(before);
      const ok = await requestPlacement(counselor, { facilityId: maternity.id, expectedDeliveryOn: '2025-08-01' }).expect(201);
      expect(ok.body).toMatchObject({ kind: 'maternity-admission', expectedDeliveryOn: '2025-08-01' });
      const future = await act(supervisor, ok.body.id, 'approve', { version: 1 }).expect(200);
      const tomorrow = testToday(2);
      const res = await act(counselor, ok.body.id, 'admit', { version: future.body.version, admittedOn: tomorrow }).expect(400);
      expect(res.body.fields[0].field).toBe('admittedOn');
    });

    it('answers 404 to a counselor of another unit, and audits the probe', async () => {
      const p = await requestPlacement(counselor, { facilityId: shelterId }).expect(201);
      await request(app.url).get(api(`cases/${caseId}/placements`)).set(as(outsider)).expect(404);
      await act(outsider, p.body.id, 'cancel', { version: 1 }).expect(404);
      const probes = await db.query(`SELECT action FROM audit_events WHERE actor_id = $1 AND outcome = 'denied' ORDER BY id`, [outsider.userId]);
      expect(probes.map((r: { action: string }) => r.action)).toEqual(['placement.list', 'placement.cancel']);
      const queue = await request(app.url).get(api('placements')).set(as(supervisor)).expect(200);
      expect(queue.body.length).toBeGreaterThan(0);
    });
  });

  describe('capacity', () => {
    it('lets exactly one of two racing approvals take the last places; a supervisor may override with a reason', async () => {
      const small = await facility({ kind: 'private-shelter', name: '架空シェルター小', capacity: 2, inCity: true });
      const a = await requestPlacement(counselor, { facilityId: small.id, adults: 1, children: 1, childAgeBands: ['3-5'] }).expect(201);
      const b = await requestPlacement(counselor, { facilityId: small.id, adults: 1, children: 1, childAgeBands: ['3-5'] }).expect(201);
      const [ra, rb] = await Promise.all([act(supervisor, a.body.id, 'approve', { version: 1 }), act(supervisor2, b.body.id, 'approve', { version: 1 })]);
      expect([ra.status, rb.status].sort()).toEqual([200, 409]);
      const loser = ra.status === 409 ? ra : rb;
      const loserId = ra.status === 409 ? a.body.id : b.body.id;
      expect(loser.body.fields[0].field).toBe('capacity');
      expect((await db.query(`SELECT status FROM placements WHERE id = $1`, [loserId]))[0].status).toBe('requested');

      const short = await act(supervisor2, loserId, 'approve', { version: 1, capacityOverrideReason: '短い' }).expect(400);
      expect(short.body.fields[0].field).toBe('capacityOverrideReason');
      const overridden = await act(supervisor2, loserId, 'approve', { version: 1, capacityOverrideReason: '架空：他に受け入れ先がなく緊急のため' }).expect(200);
      expect(overridden.body).toMatchObject({ status: 'approved', capacityOverride: true });
      const [event] = await db.query(`SELECT reason, detail_code FROM audit_events WHERE action = 'placement.capacity-override' AND resource_id = $1`, [loserId]);
      expect(event).toEqual({ reason: '架空：他に受け入れ先がなく緊急のため', detail_code: '4/2' });
    });

    it('counts households at a 母子生活支援施設, and refuses a counselor past capacity at admission', async () => {
      const home = await facility({ kind: 'mother-child', name: '架空母子ホーム', capacity: 1, inCity: false });
      expect(home).toMatchObject({ capacityUnit: 'households', inCity: false });
      const first = await requestPlacement(counselor, { facilityId: home.id, adults: 1, children: 3, childAgeBands: ['0-2', '3-5', '6-11'] }).expect(201);
      await act(supervisor, first.body.id, 'approve', { version: 1 }).expect(200); // 1 household of capacity 1, though 4 persons
      const second = await requestPlacement(counselor, { facilityId: home.id, adults: 1, children: 0 }).expect(201);
      await act(supervisor, second.body.id, 'approve', { version: 1 }).expect(409);
      // Capacity lowered to 0 after approval: admission counts again; a counselor can't override.
      await request(app.url).patch(api(`facilities/${home.id}`)).set(as(admin)).send({ version: 1, capacity: 0 }).expect(200);
      const refused = await act(counselor, first.body.id, 'admit', { version: 2, admittedOn: '2025-07-01', capacityOverrideReason: '架空：定員変更前に承認済みのため' }).expect(403);
      expect(refused.body.message).toContain('係長');
      await act(supervisor, first.body.id, 'admit', { version: 2, admittedOn: '2025-07-01', capacityOverrideReason: '架空：定員変更前に承認済みのため' }).expect(200);
    });
  });

  describe('occupancy and the secret address', () => {
    let homeId: string;

    beforeAll(async () => {
      homeId = (await facility({ kind: 'private-shelter', name: '架空シェルターB', capacity: 10, inCity: true, address: SECRET_ADDRESS, phone: SECRET_PHONE })).id;
    });

    const stay = async (adults: number, children: number, admittedOn: string, endedOn?: string) => {
      const p = await requestPlacement(counselor, { facilityId: homeId, adults, children }).expect(201);
      await act(supervisor, p.body.id, 'approve', { version: 1 }).expect(200);
      await act(counselor, p.body.id, 'admit', { version: 2, admittedOn }).expect(200);
      if (endedOn) await act(counselor, p.body.id, 'end', { version: 3, endedOn, outcome: 'independent' }).expect(200);
    };

    it('gives supervisors nightly adults, children and households over overlapping stays', async () => {
      await stay(1, 2, '2025-07-01', '2025-07-04');
      await stay(1, 0, '2025-07-03');
      await stay(2, 1, '2025-07-04', '2025-07-05');
      const res = await request(app.url).get(api(`facilities/${homeId}/occupancy?from=2025-07-01&to=2025-07-05`)).set(as(supervisor)).expect(200);
      expect(res.body).toMatchObject({ capacity: 10, capacityUnit: 'persons' });
      expect(res.body.nights).toEqual([
        { date: '2025-07-01', adults: 1, children: 2, households: 1, used: 3 },
        { date: '2025-07-02', adults: 1, children: 2, households: 1, used: 3 },
        { date: '2025-07-03', adults: 2, children: 2, households: 2, used: 4 },
        { date: '2025-07-04', adults: 3, children: 1, households: 2, used: 4 },
        { date: '2025-07-05', adults: 1, children: 0, households: 1, used: 1 },
      ]);
      // The whole month: stay 1 has 3 nights (3 persons), stay 3 one night (3 persons), stay 2 is open from 7/3 (29 nights).
      const month = await request(app.url).get(api(`facilities/${homeId}/occupancy?from=2025-07-01&to=2025-07-31`)).set(as(supervisor)).expect(200);
      expect(month.body.nights).toHaveLength(31);
      const total = (key: 'adults' | 'children' | 'households') => month.body.nights.reduce((n: number, x: Record<string, number>) => n + x[key], 0);
      expect({ adults: total('adults'), children: total('children'), households: total('households') }).toEqual({ adults: 3 + 29 + 2, children: 6 + 0 + 1, households: 3 + 29 + 1 });
      expect(month.body.nights[30]).toEqual({ date: '2025-07-31', adults: 1, children: 0, households: 1, used: 1 });
      const bad = await request(app.url).get(api(`facilities/${homeId}/occupancy?from=2025-07-05&to=2025-07-01`)).set(as(supervisor)).expect(400);
      expect(bad.body.fields[0].field).toBe('to');
      await request(app.url).get(api(`facilities/${homeId}/occupancy?from=2025-07-01&to=2025-07-05`)).set(as(counselor)).expect(403);
    });

    it('shows the address to a supervisor and to a counselor with a placement there, audited; never to others', async () => {
      const sup = await request(app.url).get(api(`facilities/${homeId}`)).set(as(supervisor)).expect(200);
      expect(sup.body).toMatchObject({ secretShown: true, address: SECRET_ADDRESS, phone: SECRET_PHONE });
      const mine = await request(app.url).get(api(`facilities/${homeId}`)).set(as(counselor)).expect(200);
      expect(mine.body).toMatchObject({ secretShown: true, address: SECRET_ADDRESS });
      const other = await request(app.url).get(api(`facilities/${homeId}`)).set(as(outsider)).expect(200);
      expect(other.body.secretShown).toBe(false);
      expect(JSON.stringify(other.body)).not.toContain(SECRET_ADDRESS);
      const reads = await db.query(`SELECT actor_id FROM audit_events WHERE action = 'facility.secret.read' AND resource_id = $1 ORDER BY id`, [homeId]);
      expect(reads.map((r: { actor_id: string }) => r.actor_id)).toEqual([supervisor.userId, counselor.userId]);
    });

    it('never writes the secret address or phone, or a placement reason, to the logs', () => {
      expect(logs.lines.length).toBeGreaterThan(0);
      expect(logs.text).not.toContain(SECRET_ADDRESS);
      expect(logs.text).not.toContain(SECRET_PHONE);
      expect(logs.text).not.toContain('架空の理由');
    });
  });
  describe('緊急移送', () => {
    it('records transports by kind of place, refuses bad input naming the field, and hides them from another unit', async () => {
      const created = await request(app.url).post(api(`cases/${caseId}/transports`)).set(as(counselor)).send({ transportedOn: '2025-09-01', fromPlace: 'home', toPlace: 'shelter', escorts: 2 }).expect(201);
      expect(created.body).toMatchObject({ fromLabel: '自宅', toLabel: 'シェルター・委託先', escorts: 2, createdBy: counselor.userId });
      const tomorrow = testToday(2);
      const bad: [Record<string, unknown>, string][] = [
        [{ transportedOn: tomorrow, fromPlace: 'home', toPlace: 'police', escorts: 1 }, 'transportedOn'],
        [{ transportedOn: '2025-09-01', fromPlace: 'castle', toPlace: 'police', escorts: 1 }, 'fromPlace'],
        [{ transportedOn: '2025-09-01', fromPlace: 'home', toPlace: 'police', escorts: -1 }, 'escorts'],
        [{ transportedOn: '2025-09-01', fromPlace: 'police', toPlace: 'police', escorts: 1 }, 'toPlace'],
      ];
      for (const [body, field] of bad) {
        const res = await request(app.url).post(api(`cases/${caseId}/transports`)).set(as(counselor)).send(body);
        expect({ status: res.status, field: res.body.fields?.[0]?.field }).toEqual({ status: 400, field });
      }
      const list = await request(app.url).get(api(`cases/${caseId}/transports`)).set(as(counselor)).expect(200);
      expect(list.body).toHaveLength(1);
      await request(app.url).get(api(`cases/${caseId}/transports`)).set(as(outsider)).expect(404);
      await request(app.url).post(api(`cases/${caseId}/transports`)).set(as(outsider)).send({ transportedOn: '2025-09-01', fromPlace: 'home', toPlace: 'police', escorts: 0 }).expect(404);
      expect(await auditCount('transport.create')).toBe(1);
    });
  });

  describe('yearly figures of a 母子生活支援施設', () => {
    let homeId: string;

    beforeAll(async () => {
      homeId = (await facility({ kind: 'mother-child', name: '架空母子生活支援施設', capacity: 10, inCity: true })).id;
      const stay = async (children: number, admittedOn: string, endedOn?: string) => {
        const p = await requestPlacement(counselor, { facilityId: homeId, adults: 1, children }).expect(201);
        await act(supervisor, p.body.id, 'approve', { version: 1 }).expect(200);
        await act(counselor, p.body.id, 'admit', { version: 2, admittedOn }).expect(200);
        if (endedOn) await act(counselor, p.body.id, 'end', { version: 3, endedOn, outcome: 'independent' }).expect(200);
      };
      await stay(1, '2025-03-15', '2025-05-01'); // crosses 1 April; leaves on 1 May
      await stay(2, '2025-04-01'); // still there
      await stay(0, '2025-04-02', '2025-06-30');
    });

    it('computes admissions, 受入日数, 延べ世帯数 and 退所世帯数, split at 1 April', async () => {
      const fy2025 = await request(app.url).get(api(`facilities/${homeId}/figures?fiscalYear=2025`)).set(as(supervisor)).expect(200);
      expect(fy2025.body).toMatchObject({ fiscalYear: 2025, fiscalYearLabel: '令和7年度', capacityUnit: 'households', statusLabel: '運営中' });
      expect(fy2025.body.computed).toMatchObject({ admissions: 2, adultsAdmitted: 2, childrenAdmitted: 2, nights: 30 + 365 + 89, householdMonths: 2 + 2 + 2 + 9, exits: 2 });
      expect(fy2025.body.computed.months.map((m: { householdsOnFirst: number }) => m.householdsOnFirst)).toEqual([2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1]);
      const fy2024 = await request(app.url).get(api(`facilities/${homeId}/figures?fiscalYear=2024`)).set(as(supervisor)).expect(200);
      expect(fy2024.body.computed).toMatchObject({ admissions: 1, childrenAdmitted: 1, nights: 17, householdMonths: 0, exits: 0 });
      await request(app.url).get(api(`facilities/${homeId}/figures?fiscalYear=twenty`)).set(as(supervisor)).expect(400);
      await request(app.url).get(api(`facilities/${homeId}/figures?fiscalYear=2025`)).set(as(counselor)).expect(403);
    });

    it("keeps the facility's own monthly figures beside the computed ones, corrected only with the version read", async () => {
      const put = (month: string, body: Record<string, unknown>) => request(app.url).put(api(`facilities/${homeId}/monthly-reports/${month}`)).set(as(supervisor)).send(body);
      expect((await put('2025-04', { households: 20, exits: 25 }).expect(200)).body).toMatchObject({ month: '2025-04', version: 1 });
      await put('2025-04', { households: 21, exits: 25 }).expect(409);
      await put('2025-04', { households: 21, exits: 26, version: 1 }).expect(200);
      await put('2026-03', { households: 18, exits: 30 }).expect(200);
      await put('2026-04', { households: 99, exits: 99 }).expect(200); // next fiscal year
      expect((await put('2025-13', { households: 1, exits: 1 }).expect(400)).body.fields[0].field).toBe('month');
      expect((await put('2099-01', { households: 1, exits: 1 }).expect(400)).body.fields[0].field).toBe('month');
      expect((await put('2025-05', { households: -1, exits: 1 }).expect(400)).body.fields[0].field).toBe('households');
      const fy2025 = await request(app.url).get(api(`facilities/${homeId}/figures?fiscalYear=2025`)).set(as(supervisor)).expect(200);
      expect(fy2025.body.reported).toMatchObject({ monthsReported: 2, households: 39, exits: 56 });
      expect(fy2025.body.computed.householdMonths).toBe(15);
    });
  });
  describe('the facility part of the program report', () => {
    it('lists every facility (休止中 too) with its year, totals by kind with 広域入所, and counts 一時保護委託 and 緊急移送', async () => {
      const admitted = async (facilityId: string, body: Record<string, unknown>, admittedOn: string) => {
        const p = await requestPlacement(counselor, { facilityId, ...body }).expect(201);
        await act(supervisor, p.body.id, 'approve', { version: 1 }).expect(200);
        await act(counselor, p.body.id, 'admit', { version: 2, admittedOn }).expect(200);
      };
      const kosei = await facility({ kind: 'maternity', name: '架空厚生病院', capacity: 5, inCity: true });
      const wide = await facility({ kind: 'maternity', name: '架空広域病院', capacity: 5, inCity: false });
      const npo = await facility({ kind: 'private-shelter', name: '架空委託先シェルター', capacity: 5, inCity: true });
      await admitted(kosei.id, { expectedDeliveryOn: '2025-08-20' }, '2025-08-01');
      await admitted(kosei.id, { expectedDeliveryOn: '2025-09-20' }, '2025-09-01');
      await admitted(wide.id, { expectedDeliveryOn: '2025-10-20' }, '2025-10-01');
      await admitted(npo.id, { kind: 'entrusted-protection', adults: 1, children: 1 }, '2025-10-01');

      const res = await request(app.url).get(api('facility-figures?fiscalYear=2025')).set(as(supervisor)).expect(200);
      expect(res.body).toMatchObject({ fiscalYearLabel: '令和7年度', entrustedProtections: 1, transports: 1 });
      const row = (name: string) => res.body.facilities.find((f: { facilityName: string }) => f.facilityName === name);
      expect(row('架空厚生病院')).toMatchObject({ kindLabel: '助産施設', admissions: 2, inCity: true });
      expect(row('架空広域病院')).toMatchObject({ admissions: 1, inCity: false });
      expect(row('架空赤十字病院')).toMatchObject({ statusLabel: '休止中', admissions: 0 });
      expect(row('架空母子生活支援施設')).toMatchObject({ householdMonths: 15, exits: 2, reportedHouseholds: 39, reportedExits: 56 });
      const maternity = res.body.byKind.find((k: { kind: string }) => k.kind === 'maternity');
      expect(maternity).toMatchObject({ kindLabel: '助産施設', admissions: 3, admissionsOutsideCity: 1 });
      await request(app.url).get(api('facility-figures?fiscalYear=2025')).set(as(counselor)).expect(403);
    });
  });
});
