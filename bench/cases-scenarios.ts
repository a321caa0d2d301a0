import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { ClientOptions, fixedRate, LoadResult } from './load';

export interface CaseBenchContext {
  api: string;
  adminToken: string;
  dataSource: DataSource;
  databaseUrl: string;
  seconds: number;
  concurrency: number;
  load: (options: ClientOptions) => Promise<LoadResult>;
  wanted: (scenario: string) => boolean;
}

const UNIT_ID = '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01';
const PASSWORD = 'bench-counselor-password-1';
/** The rate the issue sets its latency goal at. */
export const FIXED_RATE = 200;
const CASES = 50;

async function call(api: string, method: string, path: string, token: string | undefined, body?: unknown) {
  const res = await fetch(`${api}/api/v1/${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status}`);
  return json;
}

/**
 * A counselor's hot paths through the full HTTP stack: logging a contact (audited, encrypted)
 * and reading a case, at a fixed rate and at maximum throughput; and finding a caller by
 * phone among many generated clients.
 */
export async function caseScenarios(ctx: CaseBenchContext, clientCount: number): Promise<Record<string, LoadResult>> {
  const { api } = ctx;
  await call(api, 'POST', 'users', ctx.adminToken, { loginId: 'bench.counselor', displayName: 'bench', role: 'counselor', unitId: UNIT_ID, password: PASSWORD });
  const token = (await call(api, 'POST', 'auth/login', undefined, { loginId: 'bench.counselor', password: PASSWORD })).accessToken as string;
  const client = await call(api, 'POST', 'clients', token, { name: '架空 ベンチ', phone: '090-5555-0000', kana: 'カクウ ベンチ' });
  // Contacts spread over a unit's open cases, as on a working day (not all on one case row).
  const cases: string[] = [];
  for (let i = 0; i < CASES; i++) {
    cases.push((await call(api, 'POST', 'cases', token, { clientId: client.id, programCode: 'josei-soudan', mainConcerns: ['divorce'] })).id as string);
  }
  const contact = {
    startedAt: new Date(Date.now() - 3600_000).toISOString(),
    durationMinutes: 20,
    channel: 'phone',
    mainConcern: 'divorce',
    dvRelated: false,
    summary: '架空の相談内容（ベンチマーク用の合成データ）',
  };
  const contactUrls = cases.map((id) => `${api}/api/v1/cases/${id}/contacts`);
  const caseUrls = cases.map((id) => `${api}/api/v1/cases/${id}`);
  const results: Record<string, LoadResult> = {};
  const base = { token, seconds: ctx.seconds };
  const scenarios: Record<string, ClientOptions> = {
    contactCreateFixedRate: { ...base, method: 'POST', urls: contactUrls, body: contact, expectStatus: 201, rate: FIXED_RATE },
    caseReadFixedRate: { ...base, method: 'GET', urls: caseUrls, expectStatus: 200, rate: FIXED_RATE },
    contactCreateMax: { ...base, method: 'POST', urls: contactUrls, body: contact, expectStatus: 201, concurrency: ctx.concurrency },
    caseReadMax: { ...base, method: 'GET', urls: caseUrls, expectStatus: 200, concurrency: ctx.concurrency },
  };
  for (const [name, options] of Object.entries(scenarios)) {
    if (ctx.wanted(name)) results[name] = await ctx.load(options);
  }
  if (!ctx.wanted('clientSearchFixedRate')) return results;

  // Generated clients: only their blind indexes matter to the search; none of them matches.
  const [user] = await ctx.dataSource.query(`SELECT id FROM users WHERE login_id = 'bench.counselor'`);
  const [key] = await ctx.dataSource.query(`SELECT data_key_id FROM clients WHERE id = $1`, [client.id]);
  for (let done = 0; done < clientCount; done += 100_000) {
    await ctx.dataSource.query(
      `INSERT INTO clients (id, unit_id, data_key_id, name_enc, phone_bidx, kana_bidx, gender, age_band, address_protected, created_at, created_by, updated_at, version)
       SELECT gen_random_uuid(), $1, $2, 'f1.generated', encode(sha256(('phone' || i)::bytea), 'hex'), encode(sha256(('kana' || i)::bytea), 'hex'),
              'female', 'unknown', false, now(), $3, now(), 1
         FROM generate_series($4::int, $5::int) AS i`,
      [UNIT_ID, key.data_key_id, user.id, done + 1, Math.min(done + 100_000, clientCount)],
    );
  }
  await ctx.dataSource.query(`ANALYZE clients`);
  const searchUrl = `${api}/api/v1/clients?phone=${encodeURIComponent('090-5555-0000')}`;
  results.clientSearchFixedRate = await ctx.load({ ...base, method: 'GET', urls: [searchUrl], expectStatus: 200, rate: 50 });
  // Baseline: the same index lookup in plain SQL, no HTTP, no decryption.
  const pool = new Pool({ connectionString: ctx.databaseUrl, max: 2 });
  try {
    const [{ phone_bidx: bidx }] = (await pool.query(`SELECT phone_bidx FROM clients WHERE id = $1`, [client.id])).rows;
    results.rawIndexLookupFixedRate = await fixedRate(50, ctx.seconds, async () => {
      await pool.query(`SELECT id, name_enc FROM clients WHERE unit_id = $1 AND phone_bidx = $2 LIMIT 50`, [UNIT_ID, bidx]);
    });
  } finally {
    await pool.end();
  }
  return results;
}
