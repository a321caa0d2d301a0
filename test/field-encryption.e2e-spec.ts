import { Clock } from '@tsunagu/common';
import { DataKeyService, DecryptionError, FieldCipher, masterKeyId, ShreddedKeyError } from '@tsunagu/crypto';
import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './support/test-app';
import { testNow } from './support/clock';

// Field encryption against the real database. The client records that use it arrive with the
// case features; here a scratch table stands in for them.
describe('field encryption and data keys', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const blind = randomBytes(32).toString('base64');
  const SENTINEL_NAME = '試験用 花子 ZQXJ';
  const SENTINEL_PHONE = '090-0000-7391';
  let first: TestApp;
  const ids: Array<{ subject: string; dataKeyId: string }> = [];

  const withKeys = (current: Buffer, previous: Buffer[] = []) => ({
    TSUNAGU_MASTER_KEY: current.toString('base64'),
    TSUNAGU_BLIND_INDEX_KEY: blind,
    ...(previous.length ? { TSUNAGU_PREVIOUS_MASTER_KEYS: previous.map((k) => k.toString('base64')).join(',') } : {}),
  });

  async function readAll(app: TestApp): Promise<string[]> {
    const rows: Array<{ subject: string; name: string; phone: string }> = await app.app.get(DataSource).query(`SELECT subject, name, phone FROM test_people ORDER BY subject`);
    const cipher = app.app.get(FieldCipher);
    return Promise.all(rows.map(async (r) => `${await cipher.decrypt(r.name, `person:${r.subject}:name`)}|${await cipher.decrypt(r.phone, `person:${r.subject}:phone`)}`));
  }

  beforeAll(async () => {
    first = await startTestApp('fieldenc', { env: withKeys(k1) });
    const ds = first.app.get(DataSource);
    await ds.query(`CREATE TABLE test_people (subject uuid PRIMARY KEY, name text NOT NULL, phone text NOT NULL)`);
    const keys = first.app.get(DataKeyService);
    const cipher = first.app.get(FieldCipher);
    for (let i = 0; i < 5; i++) {
      const subject = randomUUID();
      await ds.transaction(async (manager) => {
        const dataKeyId = await keys.create(manager, 'person', subject, first.app.get(Clock).now());
        ids.push({ subject, dataKeyId });
        await manager.query(`INSERT INTO test_people VALUES ($1, $2, $3)`, [
          subject,
          await cipher.encrypt(dataKeyId, `${SENTINEL_NAME} ${i}`, `person:${subject}:name`, manager),
          await cipher.encrypt(dataKeyId, SENTINEL_PHONE, `person:${subject}:phone`, manager),
        ]);
      });
    }
  });

  afterAll(async () => {
    await first?.close();
  });

  it('leaves no plaintext in the tables, nor any raw data key', async () => {
    const ds = first.app.get(DataSource);
    const dump = JSON.stringify([await ds.query(`SELECT * FROM test_people`), await ds.query(`SELECT * FROM data_keys`)]);
    // Whole values only: a short digit run such as the last four of the phone can occur by chance in a random UUID.
    for (const secret of ['試験用', 'ZQXJ', '09000007391', SENTINEL_PHONE, k1.toString('base64'), k1.toString('hex')]) expect(dump).not.toContain(secret);
    expect(await readAll(first)).toHaveLength(5);
    expect((await readAll(first)).every((v) => v.startsWith(SENTINEL_NAME) && v.endsWith(SENTINEL_PHONE))).toBe(true);
  });

  it('refuses a value moved to another field or person', async () => {
    const [row] = await first.app.get(DataSource).query(`SELECT subject, name FROM test_people LIMIT 1`);
    await expect(first.app.get(FieldCipher).decrypt(row.name, `person:${row.subject}:phone`)).rejects.toBeInstanceOf(DecryptionError);
  });

  it('fails loudly with a wrong master key, never returning garbage', async () => {
    const stranger = await startTestApp('fieldenc-wrong', { env: withKeys(k2), sharedDatabase: first.db });
    try {
      await expect(readAll(stranger)).rejects.toBeInstanceOf(DecryptionError);
    } finally {
      await stranger.close();
    }
  });

  it('rotates: a worker re-wraps every data key under the new master key; the old key is then not needed', async () => {
    const rotated = await startTestApp('fieldenc-rotated', { env: withKeys(k2, [k1]), sharedDatabase: first.db });
    try {
      const keys = rotated.app.get(DataKeyService);
      // The worker queued the rewrap job at start; wait for it.
      const until = performance.now() + 20_000;
      while ((await keys.countNotCurrent()) > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(await keys.countNotCurrent()).toBe(0);
      const rows = await rotated.app.get(DataSource).query(`SELECT DISTINCT master_key_id FROM data_keys WHERE wrapped_key IS NOT NULL`);
      expect(rows).toEqual([{ master_key_id: masterKeyId(k2) }]);
    } finally {
      await rotated.close();
    }
    const newOnly = await startTestApp('fieldenc-new', { env: withKeys(k2), sharedDatabase: first.db });
    try {
      expect((await readAll(newOnly)).every((v) => v.endsWith(SENTINEL_PHONE))).toBe(true);
    } finally {
      await newOnly.close();
    }
  });

  it('crypto-shreds: a destroyed data key makes its fields unreadable, the rows stay countable', async () => {
    const app = await startTestApp('fieldenc-shred', { env: withKeys(k2), sharedDatabase: first.db });
    try {
      const ds = app.app.get(DataSource);
      const victim = ids[0];
      await ds.transaction((manager) => app.app.get(DataKeyService).destroy(manager, victim.dataKeyId, testNow()));
      const [row] = await ds.query(`SELECT name FROM test_people WHERE subject = $1`, [victim.subject]);
      await expect(app.app.get(FieldCipher).decrypt(row.name, `person:${victim.subject}:name`)).rejects.toBeInstanceOf(ShreddedKeyError);
      const [key] = await ds.query(`SELECT wrapped_key, destroyed_at FROM data_keys WHERE id = $1`, [victim.dataKeyId]);
      expect(key.wrapped_key).toBeNull();
      expect(key.destroyed_at).not.toBeNull();
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM test_people`);
      expect(n).toBe(5);
    } finally {
      await app.close();
    }
  });
});
