import { startEmbeddedPostgresProcess, EmbeddedPostgres } from '@tsunagu/database';
import { Pool } from 'pg';

// The embedded default serves several pooled connections from one PGlite session. These tests
// run on the embedded database whatever DATABASE_URL says: they are about its wire front.
describe('embedded database with concurrent connections', () => {
  let embedded: EmbeddedPostgres;
  let pool: Pool;

  beforeAll(async () => {
    embedded = await startEmbeddedPostgresProcess(12);
    pool = new Pool({ connectionString: embedded.url, max: 10 });
    await pool.query(`CREATE TABLE wire_rows (id int PRIMARY KEY, owner text NOT NULL)`);
  });

  afterAll(async () => {
    await pool?.end();
    await embedded?.stop();
  });

  it('gives each of many concurrent parameterized queries its own statement and parameters', async () => {
    // Different statements with the same parameter shape: interleaved Parse/Bind would swap them.
    const results = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const sql = i % 2 ? `SELECT $1::int * 2 AS v, 'double' AS kind` : `SELECT $1::int + 1000 AS v, 'shift' AS kind`;
        const { rows } = await pool.query(sql, [i]);
        return { i, row: rows[0] as { v: number; kind: string } };
      }),
    );
    for (const { i, row } of results) {
      expect(row).toEqual(i % 2 ? { v: i * 2, kind: 'double' } : { v: i + 1000, kind: 'shift' });
    }
  });

  it('keeps transactions and autocommit queries of many connections apart under load', async () => {
    await pool.query(`CREATE TABLE wire_load (id int PRIMARY KEY, worker int NOT NULL)`);
    let next = 0;
    const worker = async (w: number) => {
      for (let i = 0; i < 25; i++) {
        const id = ++next;
        if (w % 2) {
          const c = await pool.connect();
          try {
            await c.query('START TRANSACTION');
            const { rows } = await c.query(`SELECT $1::int AS w`, [w]);
            await c.query(`INSERT INTO wire_load VALUES ($1, $2)`, [id, rows[0].w]);
            await c.query('COMMIT');
          } finally {
            c.release();
          }
        } else {
          await pool.query(`INSERT INTO wire_load VALUES ($1, $2)`, [id, w]);
        }
      }
    };
    await Promise.all(Array.from({ length: 10 }, (_, w) => worker(w)));
    const { rows } = await pool.query(`SELECT worker, count(*)::int AS n FROM wire_load GROUP BY worker ORDER BY worker`);
    expect(rows).toEqual(Array.from({ length: 10 }, (_, w) => ({ worker: w, n: 25 })));
  });

  it('keeps a transaction to its connection: others wait, and see only what it committed', async () => {
    const tx = await pool.connect();
    try {
      await tx.query('BEGIN');
      await tx.query(`INSERT INTO wire_rows VALUES (1, 'tx')`);
      let outsideDone = false;
      const outside = pool.query(`SELECT count(*)::int AS n FROM wire_rows`).then((r) => {
        outsideDone = true;
        return r.rows[0].n as number;
      });
      await new Promise((r) => setTimeout(r, 100));
      expect(outsideDone).toBe(false); // waiting for the transaction's turn to end
      await tx.query(`INSERT INTO wire_rows VALUES (2, 'tx')`);
      await tx.query('COMMIT');
      expect(await outside).toBe(2);
    } finally {
      tx.release();
    }
  });

  it('rolls back the transaction of a connection that goes away, and serves the others', async () => {
    const tx = await pool.connect();
    await tx.query('BEGIN');
    await tx.query(`INSERT INTO wire_rows VALUES (3, 'lost')`);
    const waiting = pool.query(`SELECT count(*)::int AS n FROM wire_rows WHERE owner = 'lost'`);
    tx.release(new Error('drop this connection')); // closes the socket mid-transaction
    expect((await waiting).rows[0].n).toBe(0);
  });

  it('reports an error to its own connection only', async () => {
    const [bad, good] = await Promise.allSettled([pool.query(`SELECT 1 / $1::int`, [0]), pool.query(`SELECT $1::text AS t`, ['ok'])]);
    expect(bad.status).toBe('rejected');
    expect(good).toMatchObject({ status: 'fulfilled', value: { rows: [{ t: 'ok' }] } });
  });
});
