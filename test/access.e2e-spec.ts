import { ROLE_PERMISSIONS, RouteCatalog, RouteInfo } from '@tsunagu/access';
import { Role, ROLES } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, DEPARTMENT_ID, signInAdmin, SignedIn, UNIT_ID } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { testNow } from './support/clock';
import { as } from './support/http';

const SOME_UUID = '3f2b8c1e-9d4a-4e6b-8f0c-1a2b3c4d5e6f';

/** A concrete URL for a declared path: ids become a UUID nobody owns. */
const urlOf = (route: RouteInfo) => `/api/v1/${route.path.replace(/:[A-Za-z]+/g, SOME_UUID)}`;

describe('access control', () => {
  let app: TestApp;
  /** The route's request, by its method, at a URL with every parameter filled in. */
  const call = (route: RouteInfo) => request(app.url)[route.method.toLowerCase() as 'get'](urlOf(route));
  let db: DataSource;
  let routes: RouteInfo[];
  const tokens = {} as Record<Role, SignedIn>;

  beforeAll(async () => {
    app = await startTestApp('access');
    db = app.app.get(DataSource);
    routes = app.app.get(RouteCatalog).routes();
    tokens[Role.Admin] = await signInAdmin(app);
    for (const role of ROLES.filter((r) => r !== Role.Admin)) {
      tokens[role] = await createAndSignIn(app, tokens[Role.Admin], role, `matrix.${role}`);
    }
  });

  afterAll(async () => {
    await app?.close();
  });

  it('finds the routes Nest registered', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(expect.arrayContaining(['GET health', 'POST auth/login', 'GET users', 'PATCH users/:id', 'GET audit-events']));
  });

  it('every route declares who may call it (public, authenticated or a permission)', () => {
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('public routes are only the ones meant to be public', () => {
    const publicRoutes = routes.filter((r) => r.access?.kind === 'public').map((r) => `${r.method} ${r.path}`);
    // The LINE webhook is authenticated by its signature over the raw body (test/line.e2e-spec.ts).
    expect(publicRoutes.sort()).toEqual(['GET health', 'POST auth/login', 'POST line/webhook/:channelKey']);
  });

  it('refuses every non-public route without a session (401)', async () => {
    for (const route of routes.filter((r) => r.access?.kind !== 'public')) {
      const res = await request(app.url)[route.method.toLowerCase() as 'get'](urlOf(route)).send({});
      expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({ route: `${route.method} ${route.path}`, status: 401 });
    }
  });

  it('role × route: a role without the permission gets 403, a role with it gets past the guard', async () => {
    const mismatches: string[] = [];
    for (const route of routes.filter((r) => r.access?.kind === 'permission')) {
      const allowed = route.access!.kind === 'permission' ? route.access!.permissions : [];
      for (const role of ROLES) {
        const may = allowed.some((p) => ROLE_PERMISSIONS[role].includes(p));
        const res = await call(route)
          .set('Authorization', `Bearer ${tokens[role].token}`)
          .send({});
        const ok = may ? res.status !== 403 && res.status !== 401 : res.status === 403;
        if (!ok) mismatches.push(`${role} ${route.method} ${route.path} -> ${res.status} (expected ${may ? 'not 403' : '403'})`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('statistician and liaison reach nothing but their own session and their rows', async () => {
    for (const role of [Role.Statistician, Role.Liaison]) {
      const reachable = [];
      for (const route of routes.filter((r) => r.access?.kind === 'permission')) {
        const res = await call(route)
          .set('Authorization', `Bearer ${tokens[role].token}`)
          .send({});
        if (res.status !== 403) reachable.push(`${route.method} ${route.path}`);
      }
      // The liaison's whole reach is the referral inbox (their department's frozen disclosures);
      // the statistician's, the anonymized statistics.
      const expected =
        role === Role.Liaison
          ? ['GET referrals/inbox', 'GET referrals/inbox/:id', 'POST referrals/:id/accept', 'POST referrals/:id/decline']
          : ['GET reports/program', 'GET statistics/aggregate-entries', 'GET statistics/monthly', 'GET statistics/releases/:id', 'GET statistics/runs', 'GET statistics/runs/:id', 'POST statistics/aggregate-entries', 'POST statistics/releases', 'POST statistics/runs'];
      expect({ role, reachable: reachable.sort() }).toEqual({ role, reachable: expected.sort() });
    }
  });

  it('audits every refused attempt of a signed-in user', async () => {
    const liaison = tokens[Role.Liaison];
    const res = await request(app.url).get('/api/v1/users').set('Authorization', `Bearer ${liaison.token}`).expect(403);
    const rows = await db.query(
      `SELECT outcome, resource_id, detail_code FROM audit_events WHERE action = 'access.denied' AND actor_id = $1 AND request_id = $2`,
      [liaison.userId, res.headers['x-request-id']],
    );
    expect(rows).toEqual([{ outcome: 'denied', resource_id: 'GET /api/v1/users', detail_code: 'user.manage' }]);
  });

  it('keeps the admin out of case content: no case permission in the admin role', () => {
    const casePermissions = ROLE_PERMISSIONS[Role.Admin].filter((p) => /^(case|referral|placement|line)\./.test(p));
    expect(casePermissions).toEqual([]);
  });

  // Bodies to try on a record route, simplest first: the first that passes validation reaches
  // the record lookup, so the comparison with a record that does not exist is about the record.
  const BODIES: object[] = [{}, { version: 1 }, { version: 1, reason: '架空の理由：確認のための記録です' }, { version: 1, reason: 'expired' }, { version: 1, outcome: 'independent', endedOn: '2025-08-01' }, { version: 1, admittedOn: '2025-07-01' }];
  const bodyPastValidation = async (send: (body: object) => Promise<request.Response>) => {
    let body = BODIES[0];
    let missing = await send(body);
    for (const candidate of BODIES.slice(1)) {
      if (missing.status !== 400) break;
      body = candidate;
      missing = await send(body);
    }
    return { body, missing };
  };

  it('record scope, generated from every case and client route: another unit and a restricted case answer exactly as a case that does not exist', async () => {
    const admin = tokens[Role.Admin];
    const owner = tokens[Role.Counselor];
    const colleague = await createAndSignIn(app, admin, Role.Counselor, 'matrix.colleague');
    const outsider = await createAndSignIn(app, admin, Role.Counselor, 'matrix.outsider');
    const outsiderSupervisor = await createAndSignIn(app, admin, Role.Supervisor, 'matrix.outsider.sv');
    const otherUnit = '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e01';
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'matrix-other', '別の係')`, [otherUnit]);
    await db.query(`UPDATE users SET unit_id = $1 WHERE id = ANY($2)`, [otherUnit, [outsider.userId, outsiderSupervisor.userId]]);
    const client = await request(app.url).post('/api/v1/clients').set(as(owner)).send({ name: '架空 行列子' }).expect(201);
    const open = await request(app.url).post('/api/v1/cases').set(as(owner)).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['divorce'] }).expect(201);
    const restricted = await request(app.url).post('/api/v1/cases').set(as(owner)).send({ clientId: client.body.id, programCode: 'josei-soudan', mainConcerns: ['divorce'], restricted: true }).expect(201);

    const scoped = routes.filter((r) => /^(cases|clients)\/:id(\/|$)/.test(r.path) && r.access?.kind === 'permission');
    expect(scoped.length).toBeGreaterThan(15);
    const call = (who: SignedIn, route: RouteInfo, id: string, body: object) =>
      request(app.url)[route.method.toLowerCase() as 'get'](`/api/v1/${route.path.replace(':id', id)}`).set(as(who)).send(body);
    const mismatches: string[] = [];
    let lookedUp = 0;
    for (const route of scoped) {
      const onClient = route.path.startsWith('clients/');
      // Routes only supervisors hold (本人開示) are called by supervisors of the same and of another unit.
      const counselorMay = route.access!.kind === 'permission' && route.access!.permissions.some((p) => ROLE_PERMISSIONS[Role.Counselor].includes(p));
      const [ownerOf, outsiderOf] = counselorMay ? [owner, outsider] : [tokens[Role.Supervisor], outsiderSupervisor];
      const { body, missing } = await bodyPastValidation((b) => call(outsiderOf, route, randomUUID(), b));
      if (missing.status === 404) lookedUp++; // got past validation to the record lookup
      const cases: Array<[string, SignedIn, string]> = [
        ['other unit', outsiderOf, onClient ? client.body.id : open.body.id],
        // The way into a restricted case is break-glass itself: every other route must not tell it exists.
        ...(onClient || route.path === 'cases/:id/break-glass' ? [] : ([['restricted', colleague, restricted.body.id]] as Array<[string, SignedIn, string]>)),
      ];
      for (const [dimension, who, id] of cases) {
        const res = await call(who, route, id, body);
        if (res.status !== missing.status || res.status < 400) mismatches.push(`${dimension}: ${route.method} ${route.path} -> ${res.status}, not existing -> ${missing.status}`);
      }
      const own = await call(ownerOf, route, onClient ? client.body.id : open.body.id, body);
      if (own.status === 403 || own.status === 401) mismatches.push(`own: ${route.method} ${route.path} -> ${own.status}`);
    }
    expect(mismatches).toEqual([]);
    // The comparison means something only where the request reached the lookup (a body that
    // fails validation is refused alike before it).
    expect(lookedUp).toBeGreaterThanOrEqual(Math.ceil(scoped.length / 2));
  });

  it('record scope beyond cases: every route on a unit’s record answers another unit exactly as a record that does not exist', async () => {
    const admin = tokens[Role.Admin];
    const owner = await createAndSignIn(app, admin, Role.Counselor, 'records.owner');
    const ownerSupervisor = await createAndSignIn(app, admin, Role.Supervisor, 'records.supervisor');
    const colleague = await createAndSignIn(app, admin, Role.Counselor, 'records.colleague');
    const outsider = await createAndSignIn(app, admin, Role.Counselor, 'records.outsider');
    const outsiderSupervisor = await createAndSignIn(app, admin, Role.Supervisor, 'records.outsider.sv');
    const otherUnit = '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e02';
    await db.query(`INSERT INTO units (id, code, name) VALUES ($1, 'records-other', '別の係2')`, [otherUnit]);
    await db.query(`UPDATE users SET unit_id = $1 WHERE id = ANY($2)`, [otherUnit, [outsider.userId, outsiderSupervisor.userId]]);
    const client = (await request(app.url).post('/api/v1/clients').set(as(owner)).send({ name: '架空 記録子' }).expect(201)).body.id;
    const caseId = (await request(app.url).post('/api/v1/cases').set(as(owner)).send({ clientId: client, programCode: 'dv-center', mainConcerns: ['husband-violence'] }).expect(201)).body.id;
    const restricted = (await request(app.url).post('/api/v1/cases').set(as(owner)).send({ clientId: client, programCode: 'dv-center', mainConcerns: ['husband-violence'], restricted: true }).expect(201)).body.id;
    const post = async (who: SignedIn, path: string, body: object) => {
      const res = await request(app.url).post(`/api/v1/${path}`).set(as(who)).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    const facility = await post(admin, 'facilities', { kind: 'private-shelter', name: '架空 行列シェルター', capacity: 5, inCity: true });
    const records: Record<string, string> = {
      contacts: await post(owner, `cases/${caseId}/contacts`, { startedAt: '2025-10-01T01:00:00.000Z', durationMinutes: 10, channel: 'phone', mainConcern: 'husband-violence', dvRelated: true }),
      'protection-orders': await post(owner, `cases/${caseId}/protection-orders`, { kind: 'approach-ban', status: 'filed', filedOn: '2025-06-01' }),
      'support-measures': await post(owner, `cases/${caseId}/support-measures`, { appliedOn: '2025-05-01' }),
      consents: await post(owner, `clients/${client}/consents`, { obtainedOn: '2025-10-01', method: 'written', departmentIds: [DEPARTMENT_ID], fields: ['name'] }),
      referrals: await post(owner, `cases/${caseId}/referrals`, { departmentId: DEPARTMENT_ID, purpose: 'housing', fields: ['name'], dueOn: '2025-11-15', message: '架空：住宅の相談' }),
      placements: await post(owner, `cases/${caseId}/placements`, { facilityId: facility, adults: 1, children: 0, plannedStart: '2025-07-01', reason: '架空の理由：避難が必要' }),
      'break-glass': await post(colleague, `cases/${restricted}/break-glass`, { reason: '架空：夜間の緊急連絡のため確認' }),
    };
    records.tasks = randomUUID();
    await db.query(`INSERT INTO tasks (id, user_id, case_id, kind, stage, source_id, due_on, created_at) VALUES ($1, $2, $3, 'support-measure-renewal', 'month-before', $4, '2026-01-01', $5)`, [records.tasks, owner.userId, caseId, records['support-measures'], testNow()]);
    records.alerts = randomUUID();
    await db.query(`INSERT INTO access_alerts (id, rule, actor_id, actor_unit_id, period, observed, threshold, first_at, last_at, created_at) VALUES ($1, 'after-hours', $2, $3, '2026-01-01', 2, 0, $4, $4, $4)`, [records.alerts, owner.userId, UNIT_ID, testNow()]);

    const scoped = routes.filter((r) => r.access?.kind === 'permission' && Object.keys(records).some((k) => r.path.startsWith(`${k}/:id`)));
    expect(scoped.length).toBeGreaterThanOrEqual(20);
    const callerOf = (route: RouteInfo, sameUnit: boolean): SignedIn => {
      const counselorMay = route.access!.kind === 'permission' && route.access!.permissions.some((p) => ROLE_PERMISSIONS[Role.Counselor].includes(p));
      if (counselorMay) return sameUnit ? owner : outsider;
      return sameUnit ? ownerSupervisor : outsiderSupervisor;
    };
    const call = (who: SignedIn, route: RouteInfo, id: string, body: object) =>
      request(app.url)[route.method.toLowerCase() as 'get'](`/api/v1/${route.path.replace(':id', id)}`).set(as(who)).send(body);
    const mismatches: string[] = [];
    let lookedUp = 0;
    for (const route of scoped) {
      const id = records[Object.keys(records).find((k) => route.path.startsWith(`${k}/:id`)) as string];
      const { body, missing } = await bodyPastValidation((b) => call(callerOf(route, false), route, randomUUID(), b));
      if (missing.status === 404) lookedUp++;
      const other = await call(callerOf(route, false), route, id, body);
      if (other.status !== missing.status || other.status < 400) mismatches.push(`other unit: ${route.method} ${route.path} -> ${other.status}, not existing -> ${missing.status}`);
    }
    expect(mismatches).toEqual([]);
    // Most routes reached the lookup with one of the bodies: the comparison is about the record.
    expect(lookedUp).toBeGreaterThanOrEqual(Math.ceil(scoped.length * 0.7));
  });
});
