#!/usr/bin/env node
// End-to-end smoke test of the embedded default, as a newcomer would run it: `npm start`
// with no DATABASE_URL or REDIS_URL; health must turn 200, and the installation id written
// by the first start must survive a restart (the data is kept on disk).
'use strict';
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const net = require('node:net');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const root = resolve(__dirname, '../..');
const results = { passed: 0, failed: 0 };

function freePort() {
  return new Promise((ok, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

function check(name, condition, detail = '') {
  if (condition) results.passed++;
  else results.failed++;
  process.stdout.write(`${condition ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}\n`);
  return condition;
}

async function getJson(url, init = {}) {
  const res = await fetch(url, { signal: AbortSignal.timeout(10000), ...init });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const post = (url, body, token) =>
  getJson(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body ?? {}),
  });
const get = (url, token) => getJson(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });

/** First start: the admin password printed once; sign in, set up MFA, use the API. Returns a recovery code. */
async function firstAdminSession(base, output) {
  const match = /password: (\S+)/.exec(output);
  check('first start: bootstrap admin password printed once', match !== null && output.split('password: ').length === 2);
  if (!match) return null;
  const login = await post(`${base}/api/v1/auth/login`, { loginId: 'admin', password: match[1] });
  check('admin signs in; session limited to MFA enrolment', login.status === 200 && login.body.mfaEnrolmentRequired === true, String(login.status));
  const token = login.body?.accessToken;
  const blocked = await get(`${base}/api/v1/users`, token);
  check('enrolment-only session is refused user management', blocked.status === 403, String(blocked.status));
  const enrol = await post(`${base}/api/v1/auth/mfa/enroll`, {}, token);
  const { authenticator } = require(join(root, 'node_modules/otplib'));
  const verify = await post(`${base}/api/v1/auth/mfa/verify`, { code: authenticator.generate(enrol.body?.secret ?? '') }, token);
  check('admin completes MFA enrolment', verify.status === 200 && verify.body.recoveryCodes?.length === 10, String(verify.status));
  const users = await get(`${base}/api/v1/users`, token);
  check('admin lists users after MFA', users.status === 200 && users.body.some((u) => u.loginId === 'admin'), String(users.status));
  const created = await post(
    `${base}/api/v1/users`,
    { loginId: 'smoke.counselor', displayName: 'スモーク 相談員', role: 'counselor', unitId: '6d1f3c2a-0b7e-4c59-9a51-3f0e8a7b1c01', password: SMOKE_ADMIN_SET_PASSWORD },
    token,
  );
  check('admin creates a counselor, who waits for approval', created.status === 201 && created.body?.approvalState === 'pending', `${created.status} ${created.body?.approvalState}`);
  const early = await post(`${base}/api/v1/auth/login`, { loginId: 'smoke.counselor', password: SMOKE_ADMIN_SET_PASSWORD });
  check('the admin-set password alone opens nothing', early.status === 403 && !early.body?.accessToken, String(early.status));
  return verify.body?.recoveryCodes?.[0] ?? null;
}

const SMOKE_PASSWORD = 'smoke-counselor-pass-1';
const SMOKE_ADMIN_SET_PASSWORD = 'smoke-admin-set-pass-1';
const SMOKE_NAME = '架空 スモーク';

/**
 * A counselor's first minutes: her first sign-in with the activation code the operator's
 * approval printed, choosing her own password; a client, a case, a phone consultation.
 * Returns the case id.
 */
async function counselorDay(base, activationCode) {
  const waiting = await post(`${base}/api/v1/auth/login`, { loginId: 'smoke.counselor', password: SMOKE_ADMIN_SET_PASSWORD });
  check('counselor without the activation code is asked for it', waiting.status === 401 && (waiting.body?.fields ?? []).some((f) => f.field === 'activationCode'), String(waiting.status));
  const login = await post(`${base}/api/v1/auth/login`, { loginId: 'smoke.counselor', password: SMOKE_ADMIN_SET_PASSWORD, activationCode, newPassword: SMOKE_PASSWORD });
  const token = login.body?.accessToken;
  const client = await post(`${base}/api/v1/clients`, { name: SMOKE_NAME, phone: '090-0000-1234' }, token);
  const opened = await post(`${base}/api/v1/cases`, { clientId: client.body?.id, programCode: 'josei-soudan', mainConcerns: ['divorce'] }, token);
  const contact = await post(
    `${base}/api/v1/cases/${opened.body?.id}/contacts`,
    { startedAt: new Date(Date.now() - 600000).toISOString(), durationMinutes: 15, channel: 'phone', mainConcern: 'divorce', dvRelated: false, summary: '架空の相談' },
    token,
  );
  check('counselor signs in, opens a case and logs a contact', login.status === 200 && client.status === 201 && opened.status === 201 && contact.status === 201,
    [login.status, client.status, opened.status, contact.status].join('/'));
  return opened.body?.id;
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function start(env, log) {
  const child = spawn('npm', ['start', '--silent'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => log.push(d.toString()));
  child.stderr.on('data', (d) => log.push(d.toString()));
  const exited = new Promise((ok) => child.once('exit', (code, signal) => ok({ code, signal })));
  return {
    exited,
    async stop() {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return exited;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 20000);
      const result = await exited;
      // npm may exit before the node process under it has closed the embedded database: wait
      // for the whole process group, so the next start never opens the same files beside it.
      while (groupAlive(child.pid)) await new Promise((r) => setTimeout(r, 100));
      clearTimeout(timer);
      return result;
    },
  };
}

async function waitHealthy(base, proc, timeoutMs) {
  const until = Date.now() + timeoutMs;
  let exited = false;
  proc.exited.then(() => (exited = true));
  while (Date.now() < until && !exited) {
    try {
      const res = await getJson(`${base}/api/v1/health`);
      if (res.status === 200) return res.body;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return null;
}

function runCli(script, env, args = []) {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d.toString()));
    child.stderr.on('data', (d) => (stdout += d.toString()));
    child.once('exit', (code) => ok({ code, stdout }));
  });
}

/** Runs a process entry that must refuse to start; returns its exit code and stderr. */
function refusal(script, env) {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [script], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      ok({ code, stderr });
    });
  });
}

async function checkRefusals(baseEnv) {
  const api = join(root, 'dist/apps/api/src/main.js');
  const worker = join(root, 'dist/apps/worker/src/main.js');
  const oneLine = (r, variable) => r.code === 1 && r.stderr.trim().split('\n').length === 1 && r.stderr.includes(variable);
  const badPort = await refusal(api, { ...baseEnv, PORT: 'eighty' });
  check('bad PORT stops the api with one line naming it', oneLine(badPort, 'PORT'), badPort.stderr.trim());
  const prod = await refusal(api, { ...baseEnv, NODE_ENV: 'production' });
  check('production refuses the embedded database', oneLine(prod, 'DATABASE_URL'), prod.stderr.trim());
  const apiOnly = await refusal(api, baseEnv);
  check('api without the worker refuses to start without Redis', oneLine(apiOnly, 'REDIS_URL'), apiOnly.stderr.trim());
  const workerAlone = await refusal(worker, baseEnv);
  check('worker alone refuses the embedded database', oneLine(workerAlone, 'DATABASE_URL'), workerAlone.stderr.trim());
}

async function run() {
  const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-smoke-'));
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), TSUNAGU_DATA_DIR: dataDir, NODE_ENV: 'development', LOG_LEVEL: 'info' };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  const base = `http://127.0.0.1:${port}`;
  const log = [];
  try {
    const first = start(env, log);
    const health1 = await waitHealthy(base, first, 180000);
    check('first start: health 200 on the embedded default', health1 !== null);
    const id1 = health1?.details?.installation?.id;
    check('first start: installation id reported', typeof id1 === 'string' && id1.length === 36, id1);
    check('first start: in-process queue', health1?.details?.queue?.driver === 'in-process');
    const docs = await fetch(`${base}/api/docs`).then((r) => r.status).catch(() => 0);
    check('first start: /api/docs served', docs === 200, String(docs));
    const web = await fetch(`${base}/`).then(async (r) => ({ status: r.status, html: await r.text() })).catch(() => ({ status: 0, html: '' }));
    check('first start: the web app is served at /', web.status === 200 && /<script type="module"[^>]* src="\/assets\//.test(web.html), String(web.status));
    check('first start: trial-use warning logged', log.join('').includes('trial use only'));
    const recoveryCode = await firstAdminSession(base, log.join(''));
    // No supervisor exists yet to approve the counselor: the operator does, with the app stopped.
    const approveCli = join(root, 'dist/apps/cli/src/accounts-approve.js');
    const busy = await runCli(approveCli, env, ['smoke.counselor']);
    check('accounts:approve refuses the embedded database while the app has it open', busy.code === 1 && busy.stdout.includes('in use by process'), busy.stdout.trim());
    const stopped1 = await first.stop();
    check('first start: stops cleanly on SIGTERM', stopped1.code === 0 || stopped1.signal === 'SIGTERM', JSON.stringify(stopped1));
    const approved = await runCli(approveCli, env, ['smoke.counselor']);
    const activationCode = approved.stdout.trim().split('\n').pop();
    check('accounts:approve prints the activation code', approved.code === 0 && /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/.test(activationCode), approved.stdout.trim());

    await checkRefusals(env);

    const second = start(env, log);
    const health2 = await waitHealthy(base, second, 120000);
    check('restart: health 200', health2 !== null);
    check('restart: same installation id (data survived)', health2?.details?.installation?.id === id1, health2?.details?.installation?.id);
    check('restart: no new admin password printed', log.join('').split('password: ').length === 2);
    const relogin = await post(`${base}/api/v1/auth/login`, { loginId: 'admin', password: 'wrong-password-1', otp: recoveryCode });
    check('restart: wrong password refused', relogin.status === 401, String(relogin.status));
    const match = /password: (\S+)/.exec(log.join(''));
    const again = await post(`${base}/api/v1/auth/login`, { loginId: 'admin', password: match?.[1], otp: recoveryCode });
    check('restart: admin signs in with a recovery code (keys and MFA survived)', again.status === 200 && again.body.mfaEnrolmentRequired === false, String(again.status));
    const caseId = await counselorDay(base, activationCode);
    await second.stop();

    const third = start(env, log);
    check('second restart: health 200', (await waitHealthy(base, third, 120000)) !== null);
    const counselor = await post(`${base}/api/v1/auth/login`, { loginId: 'smoke.counselor', password: SMOKE_PASSWORD });
    const theCase = await get(`${base}/api/v1/cases/${caseId}`, counselor.body?.accessToken);
    const theClient = await get(`${base}/api/v1/clients/${theCase.body?.clientId}`, counselor.body?.accessToken);
    check('restart: the case and the decrypted client are back', theCase.status === 200 && theClient.body?.name === SMOKE_NAME, `${theCase.status}/${theClient.status}`);
    await third.stop();

    const verify = await runCli(join(root, 'dist/apps/cli/src/audit-verify.js'), env);
    const result = JSON.parse(verify.stdout.trim().split('\n').pop() || '{}');
    check('audit:verify on the embedded data: chain holds', verify.code === 0 && result.ok === true && result.checked > 0, verify.stdout.trim());
    const seed = await runCli(join(root, 'dist/apps/cli/src/seed-demo.js'), env);
    check('seed:demo creates the demo accounts', seed.code === 0 && (seed.stdout.match(/^created /gm) || []).length === 4, seed.stdout.trim().split('\n')[0]);
    const key = () => require('node:crypto').randomBytes(32).toString('base64');
    const prodSeed = await runCli(join(root, 'dist/apps/cli/src/seed-demo.js'), {
      ...env,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      REDIS_URL: 'redis://127.0.0.1:1',
      TSUNAGU_MASTER_KEY: key(),
      TSUNAGU_BLIND_INDEX_KEY: key(),
    });
    check('seed:demo is refused in production', prodSeed.code === 1 && prodSeed.stdout.includes('refused'), prodSeed.stdout.trim());
  } finally {
    if (results.failed > 0) process.stdout.write(`--- output of npm start ---\n${log.join('')}\n`);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

run()
  .catch((error) => {
    results.failed++;
    process.stdout.write(`FAIL smoke test crashed: ${error.message}\n`);
  })
  .finally(() => {
    process.stdout.write(`smoke: ${results.passed} passed, ${results.failed} failed\n`);
    process.exit(results.failed === 0 ? 0 : 1);
  });
