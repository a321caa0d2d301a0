import { AuditSealer, AuditVerifier } from '@tsunagu/audit';
import { Role } from '@tsunagu/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { AlreadySeededError, seedFy2025 } from '../apps/cli/src/seed-fy2025/seed';
import { LineStub } from '../apps/cli/src/seed-fy2025/line-stub';
import { REFERENCE_FY2025 as R } from '../apps/cli/src/seed-fy2025/plan';
import { createAndSignIn, signInAdmin, SignedIn } from './support/auth-helpers';
import { binaryBody } from './support/binary';
import { startTestApp, TestApp } from './support/test-app';

type Figure = { label: string; value: number | null; display: string; unit: string; asOf: string; source?: string };
type Section = { code: string; title: string; publication: string; figures: Figure[] };

/**
 * The proof of the program report: a year of synthetic activity entered through the application
 * services, whose true counts are the reference report's 令和7年度 figures, gives back exactly
 * those figures after the statistics runs — as JSON, CSV and XLSX.
 */
describe('seed:fy2025 reproduces the reference report', () => {
  const line = new LineStub();
  let app: TestApp;
  let statistician: SignedIn;
  let sections: Section[];
  const report = async (query: string) => (await request(app.url).get(`/api/v1/reports/program?${query}`).set({ Authorization: `Bearer ${statistician.token}` }).expect(200)).body;
  const values = (code: string) => sections.find((s) => s.code === code)!.figures.map((f) => [f.label, f.value]);

  beforeAll(async () => {
    await line.start();
    app = await startTestApp('seed-fy2025', { env: { LINE_API_BASE_URL: line.url } });
    const admin = await signInAdmin(app);
    await seedFy2025(app.app, (step) => process.env.SEED_DEBUG && process.stderr.write(`seed step ${step} ${Math.round(performance.now())} ms\n`));
    statistician = await createAndSignIn(app, admin, Role.Statistician, 'check.statistician');
    const body = await report('fiscalYear=2025&asOf=2025-12-31');
    expect(body).toMatchObject({ fiscalYear: 2025, fiscalYearLabel: '令和7年度', asOf: '2025-12-31', missingMonths: [] });
    sections = body.sections;
  }, 900_000);

  afterAll(async () => {
    await app?.close();
    await line.stop();
  });

  it('女性相談室: 854 consultations, 563 by phone, 76 DV, as of R7年12月末日', () => {
    expect(sections.find((s) => s.code === 'consultation-room')!.figures).toEqual([
      { label: '相談件数（延べ）', value: R.consultations.total, display: '854', unit: '件', asOf: 'R7年12月末日現在' },
      { label: 'うち電話対応', value: R.consultations.phone, display: '563', unit: '件', asOf: 'R7年12月末日現在' },
      { label: 'DV件数', value: R.consultations.dv, display: '76', unit: '件', asOf: 'R7年12月末日現在' },
    ]);
  });

  it('facilities: shelter 5/8/198, トキワの森 219/303 from its own reports, 助産 3/5/休止中/0 = 8, no 一時保護委託 or 緊急移送', () => {
    expect(values('private-shelter')).toEqual([['大人', 5], ['同伴児', 8], ['受入日数', 198]]);
    expect(values('mother-child')).toEqual([
      ['トキワの森 延べ世帯数', R.motherChild.households],
      ['トキワの森 退所世帯数', R.motherChild.exits],
      ['広域入所 延べ世帯数', 0],
      ['広域入所 退所世帯数', 0],
    ]);
    const tokiwa = sections.find((s) => s.code === 'mother-child')!.figures[0];
    expect(tokiwa).toMatchObject({ asOf: 'R8年1月1日現在', source: '施設月次報告' });
    const maternity = sections.find((s) => s.code === 'maternity')!.figures;
    expect(maternity.map((f) => [f.label, f.display])).toEqual([
      ['市立病院', '3'],
      ['厚生', '5'],
      ['赤十字', '休止中'],
      ['広域病院', '0'],
      ['合計', '8'],
    ]);
    expect(values('entrusted-protection')).toEqual([['件数', 0]]);
    expect(values('emergency-transport')).toEqual([['回数', 0]]);
  });

  it('あしたば LINE: 231 consultations, 96 followers at the end of December, 8,014 sets', () => {
    expect(values('ashitaba-line')).toEqual([['相談件数', 231], ['友だち登録者数', 96], ['生理用品提供数', 8014]]);
  });

  it('received figures: LGBTQ and パートナーシップ by fiscal year, キャリアの保健室, 中学3年女子 配付, each dated as entered', () => {
    expect(sections.find((s) => s.code === 'lgbtq-phone')!.figures.map((f) => [f.label, f.value, f.asOf])).toEqual([
      ['令和5年度', 3, '年度計'],
      ['令和6年度', 18, '年度計'],
      ['令和7年度', 12, 'R8年1月末現在'],
    ]);
    expect(values('lgbtq-line')).toEqual([['令和6年度', 25], ['令和7年度', 19]]);
    expect(values('partnership')).toEqual([['令和5年度', 2], ['令和6年度', 7], ['令和7年度', 3]]);
    expect(sections.find((s) => s.code === 'career')!.figures.map((f) => [f.label, f.value, f.asOf])).toEqual([
      ['相談件数', 51, 'R7年12月末現在'],
      ['うち対面', 30, 'R7年12月末現在'],
      ['うちオンライン', 21, 'R7年12月末現在'],
    ]);
    expect(values('school-pads')).toEqual([['配付校数', 29], ['配付人数', 1192]]);
    expect(sections.every((s) => s.publication === 'as-published' && s.figures.every((f) => f.display !== 'X'))).toBe(true);
  });

  it('counts only up to asOf: the whole year adds January to March', async () => {
    const whole = await report('fiscalYear=2025');
    const room = whole.sections.find((s: Section) => s.code === 'consultation-room').figures[0];
    expect(room).toMatchObject({ value: R.consultations.total + 150, asOf: 'R8年3月末日現在' });
    const births = whole.sections.find((s: Section) => s.code === 'maternity').figures.find((f: Figure) => f.label === '合計');
    expect(births.value).toBe(R.maternity.total + 1);
    const followers = whole.sections.find((s: Section) => s.code === 'ashitaba-line').figures[1];
    expect(followers.value).toBe(R.line.followers + 10);
  });

  it('gives the same figures as CSV (BOM, one row per figure) and as XLSX read back', async () => {
    const csv = await request(app.url).get('/api/v1/reports/program?fiscalYear=2025&asOf=2025-12-31&format=csv').set({ Authorization: `Bearer ${statistician.token}` }).buffer(true).parse(binaryBody).expect(200);
    const text = (csv.body as Buffer).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain('"令和7年度","女性相談室","相談件数（延べ）","854","false","件","R7年12月末日現在",""');
    expect(text).toContain('"令和7年度","あしたば LINE相談","生理用品提供数","8014","false","セット","R7年12月末日現在",""');

    const xlsx = await request(app.url).get('/api/v1/reports/program?fiscalYear=2025&asOf=2025-12-31&format=xlsx').set({ Authorization: `Bearer ${statistician.token}` }).buffer(true).parse(binaryBody).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(xlsx.body as Buffer).buffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0].eachRow((row) => rows.push((row.values as unknown[]).slice(1, 3)));
    const expected = sections.flatMap((s) => s.figures.map((f) => [f.label, f.value ?? f.display]));
    expect(rows).toEqual(expect.arrayContaining(expected));
    expect(rows).toEqual(expect.arrayContaining([['相談件数（延べ）', 854], ['トキワの森 延べ世帯数', 219], ['合計', 8], ['友だち登録者数', 96]]));
  });

  it('suppresses the sections the city names (REPORT_SUPPRESSED_SECTIONS) at the public k, with what would give a cell back', async () => {
    const strict = await startTestApp('seed-fy2025-strict', { sharedDatabase: app.db, env: { LINE_API_BASE_URL: line.url, REPORT_SUPPRESSED_SECTIONS: 'maternity,career', STATISTICS_K_PUBLIC: '4' } });
    try {
      const res = await request(strict.url).get('/api/v1/reports/program?fiscalYear=2025&asOf=2025-12-31').set({ Authorization: `Bearer ${statistician.token}` }).expect(200);
      const section = (code: string) => res.body.sections.find((s: Section) => s.code === code);
      // 3 is under k; with 合計 8 shown, 5 would give it back, so it is hidden too.
      expect(section('maternity')).toMatchObject({ publication: 'suppressed' });
      expect(section('maternity').figures.map((f: Figure) => [f.label, f.value, f.display])).toEqual([
        ['市立病院', null, 'X'],
        ['厚生', null, 'X'],
        ['赤十字', null, '休止中'],
        ['広域病院', 0, '0'],
        ['合計', 8, '8'],
      ]);
      expect(section('career').figures.map((f: Figure) => f.value)).toEqual([51, 30, 21]);
      expect(section('consultation-room').publication).toBe('as-published');
      expect(res.body.note).toContain('X：個人が特定されるおそれがあるため秘匿');
    } finally {
      await strict.close();
    }
  });

  it('leaves an audit trail of everything it entered that seals into a chain and verifies', async () => {
    const sealer = app.app.get(AuditSealer);
    let result = await app.app.get(AuditVerifier).verify();
    for (const until = performance.now() + 20_000; result.unsealed > 0 && performance.now() < until; ) {
      await sealer.sealPending();
      result = await app.app.get(AuditVerifier).verify();
    }
    expect(result).toMatchObject({ ok: true, unsealed: 0 });
    expect(result.checked).toBeGreaterThan(3000);
  });

  it('refuses to seed the same database twice', async () => {
    await expect(seedFy2025(app.app)).rejects.toBeInstanceOf(AlreadySeededError);
  });
});
