import { ROLE_PERMISSIONS, RouteCatalog, RouteInfo } from '@tsunagu/access';
import { Role, ROLES } from '@tsunagu/common';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, SignedIn, signInAdmin } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';

// Input fuzzing: every endpoint that validates a body or a query, from the OpenAPI
// document, gets generated input — the DTO's own field names with values of every type, and
// bodies that are not objects at all — from a role allowed past the guard. No answer may be a
// 5xx; a 400 names the wrong field; a refused request writes nothing.
type Schema = { type?: string; properties?: Record<string, Schema>; $ref?: string; enum?: unknown[]; items?: Schema; format?: string };
interface Operation {
  method: string;
  openApiPath: string;
  catalogPath: string;
  bodyFields: string[];
  enums: Record<string, unknown[]>;
  queryFields: string[];
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
// Routes whose effect is on the caller's own session, or signed by a channel secret: fuzzed elsewhere or not at all.
const SKIPPED = /^(auth\/(logout|mfa\/)|line\/webhook)/;
// Counts that refusals change by design: the audit trail records refused attempts, sessions keep time.
const WRITE_EXEMPT = new Set(['audit_events', 'audit_seals', 'sessions', 'migrations', 'installation']);

// Values of the right form that are no value: days that do not exist, year 0 (which PostgreSQL
// lacks), hours past 23, and text holding half a UTF-16 surrogate pair.
const NOT_A_DAY = ['2025-13-45', '2025-02-30', '2025-02-29', '2025-04-31', '0000-01-01', '2025-00-10', '2025-13', '0000-10', '02-30'];
const NOT_AN_INSTANT = ['2025-02-30T10:00:00+09:00', '2025-10-15T24:00:00Z', '0000-01-01T00:00:00Z', '2025-10-15T10:00:00+25:00'];
const loneSurrogate = fc
  .tuple(fc.string({ maxLength: 10 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 10 }))
  .map(([before, unit, after]) => `${before}${String.fromCharCode(unit)}${after}`);

const anyValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  loneSurrogate,
  fc.constantFrom(...NOT_A_DAY, ...NOT_AN_INSTANT),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.uuid(),
  fc.constantFrom('2025-10', '2025-10-15', '2025-10-15T01:00:00.000Z', '', ' ', '../../etc/passwd', '<script>x</script>', "'; DROP TABLE clients; --", '０９０', 'x'.repeat(5000)),
  fc.array(fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.uuid()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.string({ maxLength: 8 }), fc.integer()), { maxKeys: 3 }),
);

function bodyOf(op: Operation): fc.Arbitrary<unknown> {
  const fields = Object.fromEntries(op.bodyFields.map((f) => [f, op.enums[f] ? fc.oneof(fc.constantFrom(...op.enums[f]), anyValue) : anyValue]));
  return fc.oneof(
    { weight: 6, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.oneof(fc.constant([]), fc.integer(), fc.string({ maxLength: 20 }), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 })) },
  );
}

function queryOf(op: Operation): fc.Arbitrary<Record<string, string>> {
  const fields = Object.fromEntries(
    op.queryFields.map((f) => [
      f,
      fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.constantFrom('2025-10', '2025-10-15', 'true', 'me', '-1', '1e9', '%00', randomUUID(), ...NOT_A_DAY, ...NOT_AN_INSTANT)),
    ]),
  );
  return fc.record(fields, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

describe('input fuzzing of every validated endpoint (fast-check)', () => {
  let app: TestApp;
  let db: DataSource;
  let operations: Operation[];
  let routes: RouteInfo[];
  let tables: string[];
  const tokens = {} as Record<Role, SignedIn>;

  beforeAll(async () => {
    app = await startTestApp('fuzz');
    db = app.app.get(DataSource);
    routes = app.app.get(RouteCatalog).routes();
    tokens[Role.Admin] = await signInAdmin(app);
    for (const role of ROLES.filter((r) => r !== Role.Admin)) tokens[role] = await createAndSignIn(app, tokens[Role.Admin], role, `fuzz.${role}`);
    const doc = (await request(app.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: Array<{ in: string; name: string }> }>>;
      components: { schemas: Record<string, Schema> };
    };
    const resolve = (s: Schema | undefined): Schema | undefined => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop() as string] : s);
    operations = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        const schema = resolve(op.requestBody?.content['application/json']?.schema);
        const queryFields = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        if (!schema && queryFields.length === 0) continue;
        const catalogPath = path.replace(/^\/api\/v1\//, '').replace(/\{(\w+)\}/g, ':$1');
        if (SKIPPED.test(catalogPath)) continue;
        const properties = schema?.properties ?? {};
        const enums = Object.fromEntries(Object.entries(properties).flatMap(([k, v]) => (v.enum ? [[k, v.enum]] : [])));
        operations.push({ method: method.toUpperCase(), openApiPath: path, catalogPath, bodyFields: Object.keys(properties), enums, queryFields });
      }
    }
    tables = (await db.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`))
      .map((r: { table_name: string }) => r.table_name)
      .filter((t: string) => !WRITE_EXEMPT.has(t));
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** A role that gets past the route's guard (the fuzz is about input, not access). */
  const callerFor = (op: Operation): SignedIn | null => {
    const route = routes.find((r) => r.method === op.method && r.path === op.catalogPath);
    const access = route?.access;
    if (!access || access.kind === 'public') return null;
    if (access.kind !== 'permission') return tokens[Role.Counselor];
    const role = [Role.Counselor, Role.Supervisor, Role.Admin, Role.Statistician, Role.Liaison].find((r) => access.permissions.some((p) => ROLE_PERMISSIONS[r].includes(p)));
    return role ? tokens[role] : null;
  };

  const rowCounts = async (): Promise<string> => {
    const sql = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n FROM "${t}"`).join(' UNION ALL ');
    return JSON.stringify(await db.query(`${sql} ORDER BY t`));
  };

  /** The operation's address with its path parameters filled: real codes, a month, else a random id. */
  const urlOf = (op: Operation, code = 'josei-soudan') =>
    `/api/v1/${op.catalogPath.replace(/:(\w+)/g, (_, name: string) => (name === 'code' ? code : name === 'month' ? '2025-10' : randomUUID()))}`;

  /** Sends `body` as JSON (unless GET or DELETE) and `query`, as `caller` when there is one. */
  const send = (op: Operation, url: string, caller: SignedIn | null, body: unknown, query: Record<string, string> = {}) => {
    let req = request(app.url)[op.method.toLowerCase() as 'post'](url).query(query);
    if (caller) req = req.set('Authorization', `Bearer ${caller.token}`);
    return op.method === 'GET' || op.method === 'DELETE' ? req : req.set('content-type', 'application/json').send(JSON.stringify(body ?? null));
  };

  it('finds the validated endpoints in the OpenAPI document', () => {
    const names = operations.map((o) => `${o.method} ${o.catalogPath}`);
    expect(names).toEqual(expect.arrayContaining(['POST clients', 'POST cases/:id/contacts', 'POST referrals/:id/approve', 'GET statistics/monthly', 'POST users', 'GET alerts']));
    expect(operations.length).toBeGreaterThan(40);
  });

  it('answers generated input with no 5xx, names the field of a 400, and writes nothing when it refuses', async () => {
    const problems: string[] = [];
    for (const op of operations) {
      const caller = callerFor(op);
      if (op.catalogPath !== 'auth/login' && !caller) continue;
      const url = urlOf(op);
      const before = await rowCounts();
      let wrote = false;
      await fc.assert(
        fc.asyncProperty(bodyOf(op), queryOf(op), async (body, query) => {
          const res = await send(op, url, caller, body, query);
          if (res.status < 300) wrote = true;
          const where = `${op.method} ${op.catalogPath} ${JSON.stringify({ body, query }).slice(0, 300)}`;
          if (res.status >= 500) problems.push(`${res.status} ${where}`);
          if (res.status === 400 && !(Array.isArray(res.body.fields) && res.body.fields.length > 0 && res.body.fields.every((f: { field: string; message: string }) => f.field && f.message))) {
            problems.push(`400 without a named field: ${where} -> ${JSON.stringify(res.body).slice(0, 200)}`);
          }
          return true;
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      const after = await rowCounts();
      if (!wrote && after !== before) {
        const counts = (json: string) => new Map((JSON.parse(json) as Array<{ t: string; n: number }>).map((r) => [r.t, r.n]));
        const [was, is] = [counts(before), counts(after)];
        const changed = [...is].filter(([t, n]) => was.get(t) !== n).map(([t, n]) => `${t} ${was.get(t)}→${n}`);
        problems.push(`refused input changed rows: ${op.method} ${op.catalogPath} (${changed.join(', ')})`);
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('answers a lone surrogate in any one body field with a 400 naming it, and a day that does not exist in any field with no 5xx', async () => {
    const problems: string[] = [];
    for (const op of operations) {
      const caller = callerFor(op);
      if (op.catalogPath !== 'auth/login' && !caller) continue;
      const url = urlOf(op);
      for (const field of op.bodyFields) {
        const res = await send(op, url, caller, { [field]: 'a\ud800b' });
        const named = res.status === 400 && res.body.fields?.some((f: { field: string; constraints: string[] }) => f.field === field && f.constraints.includes('isWellFormed'));
        if (!named) problems.push(`${res.status} ${op.method} ${op.catalogPath} {${field}: lone surrogate} -> ${JSON.stringify(res.body).slice(0, 200)}`);
        for (const value of [...NOT_A_DAY, ...NOT_AN_INSTANT]) {
          const bad = await send(op, url, caller, { [field]: value });
          if (bad.status >= 500) problems.push(`${bad.status} ${op.method} ${op.catalogPath} {${field}: ${value}}`);
        }
      }
      for (const field of op.queryFields) {
        for (const value of [...NOT_A_DAY, ...NOT_AN_INSTANT]) {
          const bad = await send(op, url, caller, {}, { [field]: value });
          if (bad.status >= 500) problems.push(`${bad.status} ${op.method} ${op.catalogPath} ?${field}=${value}`);
        }
      }
    }
    expect(problems).toEqual([]);
  }, 600_000);

  it('answers null in any one body field with a 4xx, never a 5xx: an optional field may be left out, not nulled', async () => {
    const problems: string[] = [];
    for (const op of operations) {
      const caller = callerFor(op);
      if (!caller || op.bodyFields.length === 0) continue;
      // Real codes, so PATCH programs/:code and concerns/:code reach the write.
      const url = urlOf(op, op.catalogPath.startsWith('concerns') ? 'divorce' : 'josei-soudan');
      for (const field of op.bodyFields) {
        const res = await send(op, url, caller, { [field]: null });
        if (res.status >= 500) problems.push(`${res.status} ${op.method} ${op.catalogPath} {${field}: null}`);
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
