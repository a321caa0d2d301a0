import { Role } from '@tsunagu/common';
import { masterKeyId, resolveKeyMaterial } from '@tsunagu/crypto';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { rotateDataKeys } from '../apps/cli/src/keys-rotate/rotate';
import { createAndSignIn, signInAdmin, signInAgain, TEST_PASSWORD } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';

// keys:rotate: every data key re-wrapped under the new master key in batches, with
// progress, resumable after an interruption; the old key is then named retirable and the data
// reads with the new key alone.
describe('keys:rotate (master key)', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const blind = randomBytes(32);
  const env = (current: Buffer, previous: Buffer[] = []) => ({
    TSUNAGU_MASTER_KEY: current.toString('base64'),
    TSUNAGU_BLIND_INDEX_KEY: blind.toString('base64'),
    ...(previous.length ? { TSUNAGU_PREVIOUS_MASTER_KEYS: previous.map((k) => k.toString('base64')).join(',') } : {}),
  });
  let first: TestApp;
  let db: DataSource;
  const clientIds: string[] = [];

  beforeAll(async () => {
    first = await startTestApp('keys-rotate', { env: env(k1) });
    db = first.app.get(DataSource);
    const admin = await signInAdmin(first);
    const counselor = await createAndSignIn(first, admin, Role.Counselor, 'rotate.counselor');
    for (let i = 0; i < 5; i++) {
      const res = await request(first.url).post('/api/v1/clients').set('Authorization', `Bearer ${counselor.token}`).send({ name: `架空 鍵${i}`, phone: `090-1111-00${i}0` }).expect(201);
      clientIds.push(res.body.id);
    }
  }, 60_000);

  afterAll(async () => {
    await first?.close();
  });

  it('re-wraps in batches with progress, picks up after an interruption, and names the old key retirable', async () => {
    const keys = resolveKeyMaterial({ nodeEnv: 'test', masterKey: k2, previousMasterKeys: [k1], blindIndexKey: blind, dataDir: tmpdir(), persist: false });
    const total = (await db.query(`SELECT count(*)::int AS n FROM data_keys WHERE wrapped_key IS NOT NULL`))[0].n as number;
    expect(total).toBeGreaterThanOrEqual(5);

    // Interrupted after the first batch of two (a crash, a Ctrl-C)…
    const stop = new Error('interrupted');
    await expect(rotateDataKeys(db, keys, () => { throw stop; }, 2)).rejects.toBe(stop);
    expect((await db.query(`SELECT count(*)::int AS n FROM data_keys WHERE master_key_id = $1`, [masterKeyId(k2)]))[0].n).toBe(2);

    // …and run again: it finishes what is left.
    const progress: Array<{ rewrapped: number; remaining: number }> = [];
    const result = await rotateDataKeys(db, keys, (p) => progress.push(p), 2);
    expect(result).toEqual({ rewrapped: total - 2, currentKeyId: masterKeyId(k2), retirable: [masterKeyId(k1)], remaining: 0 });
    expect(progress.at(-1)).toEqual({ rewrapped: total - 2, remaining: 0 });
    expect(progress.length).toBeGreaterThan(1);
    const wrappers = await db.query(`SELECT DISTINCT master_key_id FROM data_keys WHERE wrapped_key IS NOT NULL`);
    expect(wrappers).toEqual([{ master_key_id: masterKeyId(k2) }]);
  });

  it('leaves data that reads with the new key alone', async () => {
    const next = await startTestApp('keys-rotate-new', { env: env(k2), sharedDatabase: first.db });
    try {
      const counselor = await signInAgain(next, { token: '', userId: '', loginId: 'rotate.counselor', role: Role.Counselor }, TEST_PASSWORD);
      const res = await request(next.url).get(`/api/v1/clients/${clientIds[3]}`).set('Authorization', `Bearer ${counselor.token}`).expect(200);
      expect(res.body).toMatchObject({ name: '架空 鍵3', phone: '090-1111-0030' });
      const found = await request(next.url).get('/api/v1/clients').query({ phone: '090-1111-0030' }).set('Authorization', `Bearer ${counselor.token}`).expect(200);
      expect(found.body.map((c: { id: string }) => c.id)).toEqual([clientIds[3]]);
    } finally {
      await next.close();
    }
  });
});
