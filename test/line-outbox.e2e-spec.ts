import { getQueueToken } from '@nestjs/bullmq';
import { Role } from '@tsunagu/common';
import { createScratchDatabase, ScratchDatabase } from '@tsunagu/database';
import { bullJobOptions, JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobOutboxRelay, JobQueue, QueueName } from '@tsunagu/queue';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createAndSignIn, signInAdmin, SignedIn, UNIT_ID } from './support/auth-helpers';
import { testNow } from './support/clock';
import { FakeLine } from './support/fake-line';
import { as } from './support/http';
import { lineBody, lineEvent, lineSignature, lineText } from './support/line-webhook';
import { LogCapture, realDatabaseUrl, realRedisUrl, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait';

// What goes to LINE commits with the change that asks for it: a counselor's reply, the off-hours
// automatic reply and the greeting after a follow stage their job (line.push, line.greet) in
// job_outbox in the same transaction. A process that stops between the commit and the hand-over to
// the queue, or a hand-over that fails, leaves no message 送信中 forever and no friend ungreeted.
// The suite runs on the driver the environment gives: BullMQ with REDIS_URL, the in-process queue
// without; run it both ways.
const driver = realRedisUrl ? 'BullMQ' : 'in-process';
const itWithRedis = realRedisUrl ? it : it.skip;
console.log(`line-outbox.e2e-spec: ${driver} queue${realRedisUrl ? '' : '; the BullMQ-only test is skipped'}`);

const SECRET = 'synthetic-channel-secret-outbox';
const TOKEN = 'synthetic-access-token-outbox';
/** The jobs that send to LINE; the others (processing webhook events) run as usual. */
const SENDS: ReadonlySet<JobName> = new Set([JobName.LinePush, JobName.LineGreet]);
/** 20:00 JST on 30 December: the year-end closure, so a message gets the automatic reply. */
const CLOSED = new Date('2025-12-30T20:00:00+09:00').getTime();

describe(`LINE pushes and greetings commit with their change (${driver} queue)`, () => {
  // One deployment restarted: the same keys, database, queue prefix and LINE for every process.
  const line = new FakeLine(TOKEN);
  const env = {
    TSUNAGU_MASTER_KEY: randomBytes(32).toString('base64'),
    TSUNAGU_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    REDIS_PREFIX: `t${randomBytes(5).toString('hex')}`,
    LINE_API_TIMEOUT_MS: '1000',
  };
  const logs = new LogCapture();
  let db: ScratchDatabase;
  let app: TestApp;
  let supervisor: SignedIn;
  const users: string[] = [];
  const start = (label: string) => startTestApp(label, { sharedDatabase: db, logs, env: { ...env, LINE_API_BASE_URL: line.url } });
  const sql = (query: string, params: unknown[] = []) => app.app.get(DataSource).query(query, params);
  const outboxRows = async (): Promise<number> => (await sql(`SELECT count(*)::int AS n FROM job_outbox`))[0].n;
  /** A LINE user id of its own for each scenario (synthetic). */
  const newUser = (): string => {
    const id = `U${String(users.length + 1).padStart(2, '0').repeat(16)}`;
    users.push(id);
    return id;
  };

  /** Posts signed webhook events and waits until the worker has processed them; returns their inbox ids. */
  async function deliver(...events: ReturnType<typeof lineEvent>[]): Promise<string[]> {
    const body = lineBody(...events);
    await request(app.url).post('/api/v1/line/webhook/outbox').set('content-type', 'application/json').set('x-line-signature', lineSignature(body, SECRET)).send(body).expect(200);
    const ids = events.map((e) => e.webhookEventId);
    await waitFor(
      async () => (await sql(`SELECT count(*)::int AS n FROM line_inbox WHERE webhook_event_id = ANY($1) AND processed_at IS NOT NULL`, [ids]))[0].n === ids.length,
      30_000,
      'events processed',
    );
    return (await sql(`SELECT id FROM line_inbox WHERE webhook_event_id = ANY($1)`, [ids])).map((r: { id: string }) => r.id);
  }

  /** An open conversation of a new user, with anything it sent out (an automatic reply, when the test runs out of hours) already delivered. */
  async function openConversation(): Promise<string> {
    const [inboxId] = await deliver(lineText(newUser(), testNow().getTime() - 1000, '架空：相談したいです'));
    const [conversation] = await sql(`SELECT c.id FROM line_conversations c JOIN line_inbox i ON i.line_user_id = c.line_user_id WHERE i.id = $1 AND c.status = 'open'`, [inboxId]);
    const queued = async () => (await sql(`SELECT count(*)::int AS n FROM line_messages WHERE conversation_id = $1 AND delivery = 'queued'`, [conversation.id]))[0].n as number;
    await waitFor(async () => (await queued()) === 0, 30_000, 'the automatic reply sent');
    return conversation.id;
  }

  /** The automatic reply the message of `inboxId` got. */
  async function autoReplyTo(inboxId: string): Promise<{ id: string; retry_key: string }> {
    const [row] = await sql(
      `SELECT m.id, m.retry_key FROM line_messages m JOIN line_conversations c ON c.id = m.conversation_id JOIN line_inbox i ON i.line_user_id = c.line_user_id
        WHERE i.id = $1 AND m.kind = 'auto-reply'`,
      [inboxId],
    );
    expect(row).toBeDefined();
    return row;
  }

  const pushesWith = (retryKey: string) => line.pushes.filter((p) => p.retryKey === retryKey);

  /** LINE has the message under its retry key once, and (for a stored message) it is 送信済み. */
  async function deliveredOnce(retryKey: string, what: string, messageId?: string): Promise<void> {
    const delivery = async () => (messageId ? (await sql(`SELECT delivery FROM line_messages WHERE id = $1`, [messageId]))[0].delivery : 'sent');
    await waitFor(async () => pushesWith(retryKey).length > 0 && (await delivery()) === 'sent', 30_000, `${what} delivered`);
    await new Promise((r) => setTimeout(r, 500));
    expect(pushesWith(retryKey)).toHaveLength(1);
  }

  /** Makes a plain enqueue of a send fail (the code before the outbox enqueued after the commit). */
  function failSends(queue: JobQueue, times: number): void {
    const enqueue = queue.enqueue.bind(queue);
    let left = times;
    jest.spyOn(queue, 'enqueue').mockImplementation((name, payload, options) => {
      if (SENDS.has(name) && left-- > 0) return Promise.reject(new Error('hand-over failed'));
      return enqueue(name, payload, options);
    });
  }

  /** The hand-over right after the next commit fails; the relay's interval passes go on. */
  function failNextHandOver(target: TestApp): void {
    const queue = target.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    jest.spyOn(queue, 'dispatchStaged').mockRejectedValueOnce(new Error('hand-over failed'));
    failSends(queue, 1);
  }

  /** What this process does after a commit never happens: the queue's hand-over, a plain enqueue of a send, the relay's passes. */
  function stopAfterCommit(target: TestApp): void {
    const queue = target.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    jest.spyOn(queue, 'dispatchStaged').mockRejectedValue(new Error('process stopped'));
    failSends(queue, Infinity);
    jest.spyOn(target.app.get(JobOutboxRelay), 'relay').mockResolvedValue(0);
  }

  beforeAll(async () => {
    await line.start();
    db = await createScratchDatabase('line-outbox', realDatabaseUrl, { embeddedIn: 'child-process' });
    app = await start('line-outbox');
    const admin = await signInAdmin(app);
    // A supervisor may reply at any hour, so the suite does not depend on the hour it runs at.
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'outbox.supervisor');
    await request(app.url)
      .post('/api/v1/line/channels')
      .set(as(admin))
      .send({ key: 'outbox', name: '架空 LINE', programCode: 'ashitaba-line', unitId: UNIT_ID, channelSecret: SECRET, accessToken: TOKEN })
      .expect(201);
  }, 120_000);

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    if (realRedisUrl) await app?.app.get<Queue>(getQueueToken(QueueName.System)).obliterate({ force: true }).catch(() => undefined);
    await app?.close();
    await db?.drop();
    await line.stop();
  });

  describe('the hand-over after the commit fails: the relay’s next pass sends', () => {
    it('answers a reply as queued and delivers it once', async () => {
      const conversationId = await openConversation();
      failNextHandOver(app);
      const res = await request(app.url).post(`/api/v1/line/conversations/${conversationId}/messages`).set(as(supervisor)).send({ text: '架空：お返事です（引き渡し失敗）' }).expect(201);
      expect(res.body).toMatchObject({ direction: 'out', delivery: 'queued', deliveryLabel: '送信中', text: '架空：お返事です（引き渡し失敗）' });
      const [row] = await sql(`SELECT retry_key FROM line_messages WHERE id = $1`, [res.body.id]);
      await deliveredOnce(row.retry_key, 'the reply', res.body.id);
      expect(pushesWith(row.retry_key)[0].text).toBe('架空：お返事です（引き渡し失敗）');
      await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
    });

    it('delivers an off-hours automatic reply once', async () => {
      failNextHandOver(app);
      const [inboxId] = await deliver(lineText(newUser(), CLOSED, '架空：時間外のメッセージ'));
      const reply = await autoReplyTo(inboxId);
      await deliveredOnce(reply.retry_key, 'the automatic reply', reply.id);
      expect(pushesWith(reply.retry_key)[0].text).toContain('ただいま受付時間外です');
      await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
    });

    it('greets a new friend once', async () => {
      failNextHandOver(app);
      const [inboxId] = await deliver(lineEvent('follow', newUser(), testNow().getTime() - 1000));
      await deliveredOnce(inboxId, 'the greeting');
      expect(pushesWith(inboxId)[0].text).toContain('友だち追加ありがとうございます');
      await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
    });

    it('logs the failed hand-over without message text or LINE user ids', () => {
      expect(logs.text).toContain('left to the outbox relay');
      for (const secret of ['架空', ...users]) expect(logs.text).not.toContain(secret);
    });
  });

  it('sends a reply, an off-hours automatic reply and a greeting whose process stopped right after the commit at the next start, once each', async () => {
    const conversationId = await openConversation();
    stopAfterCommit(app);
    // The process "dies" after each commit: whatever the reply's request answers, nothing after the commit happens.
    await request(app.url).post(`/api/v1/line/conversations/${conversationId}/messages`).set(as(supervisor)).send({ text: '架空：お返事です（停止）' });
    const [reply] = await sql(`SELECT id, retry_key, delivery FROM line_messages WHERE conversation_id = $1 AND kind = 'text' AND direction = 'out'`, [conversationId]);
    expect(reply.delivery).toBe('queued');
    const [messageInbox] = await deliver(lineText(newUser(), CLOSED, '架空：時間外のメッセージ（停止）'));
    const autoReply = await autoReplyTo(messageInbox);
    const [followInbox] = await deliver(lineEvent('follow', newUser(), testNow().getTime() - 1000));
    await new Promise((r) => setTimeout(r, 500));
    for (const key of [reply.retry_key, autoReply.retry_key, followInbox]) expect(pushesWith(key)).toHaveLength(0);
    await app.close();
    jest.restoreAllMocks();

    app = await start('line-outbox-restarted');
    await deliveredOnce(reply.retry_key, 'the reply', reply.id);
    await deliveredOnce(autoReply.retry_key, 'the automatic reply', autoReply.id);
    await deliveredOnce(followInbox, 'the greeting');
    await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
  }, 120_000);

  it('sends a push LINE took but did not answer, whose process stopped before the retry, once at the next start', async () => {
    const conversationId = await openConversation();
    const hung = new Promise<void>((r) => (line.onHang = r));
    line.failNext.push('accept-and-hang');
    const res = await request(app.url).post(`/api/v1/line/conversations/${conversationId}/messages`).set(as(supervisor)).send({ text: '架空：お返事です（応答なし）' }).expect(201);
    await hung;
    // The try times out after LINE_API_TIMEOUT_MS; its retry waits out the backoff, and the process stops first.
    await app.close();
    line.onHang = undefined;
    app = await start('line-outbox-restarted-2');
    const [row] = await sql(`SELECT retry_key FROM line_messages WHERE id = $1`, [res.body.id]);
    await deliveredOnce(row.retry_key, 'the reply', res.body.id);
    await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
  }, 120_000);

  it('sends nothing more when a push or a greeting is handed over again, or its job runs again', async () => {
    const conversationId = await openConversation();
    const sent = await request(app.url).post(`/api/v1/line/conversations/${conversationId}/messages`).set(as(supervisor)).send({ text: '架空：お返事です（再実行）' }).expect(201);
    const [push] = await sql(`SELECT id, retry_key FROM line_messages WHERE id = $1`, [sent.body.id]);
    await deliveredOnce(push.retry_key, 'the reply', push.id);
    const [greeted] = await deliver(lineEvent('follow', newUser(), testNow().getTime() - 1000));
    await deliveredOnce(greeted, 'the greeting');
    const jobs = [
      { jobId: `line.push.line-push-${push.id}`, name: JobName.LinePush, payload: { messageId: push.id } },
      { jobId: `line.greet.line-greet-${greeted}`, name: JobName.LineGreet, payload: { inboxId: greeted } },
    ];
    // A relay pass that stopped before deleting its rows hands them over again.
    for (const job of jobs) {
      await sql(`INSERT INTO job_outbox (job_id, job_name, payload, options, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        job.jobId,
        job.name,
        JSON.stringify(job.payload),
        JSON.stringify(bullJobOptions({})),
        testNow(),
      ]);
    }
    await app.app.get(JobOutboxRelay).relayNow();
    await waitFor(async () => (await outboxRows()) === 0, 10_000, 'outbox empty');
    // The queue forgets a job after a day; then the handlers themselves see it done.
    const registry = app.app.get(JobHandlerRegistry);
    for (const job of jobs) await registry.dispatch(job.name, job.payload, { jobId: job.jobId, attempt: 1, maxAttempts: 5 });
    await new Promise((r) => setTimeout(r, 1000));
    expect(pushesWith(push.retry_key)).toHaveLength(1);
    expect(pushesWith(greeted)).toHaveLength(1);
    expect((await sql(`SELECT delivery FROM line_messages WHERE id = $1`, [push.id]))[0].delivery).toBe('sent');
  });

  itWithRedis('hands a staged push to BullMQ under the id its key gives', async () => {
    const conversationId = await openConversation();
    const res = await request(app.url).post(`/api/v1/line/conversations/${conversationId}/messages`).set(as(supervisor)).send({ text: '架空：お返事です（BullMQ）' }).expect(201);
    const job = await app.app.get<Queue>(getQueueToken(QueueName.System)).getJob(`line.push.line-push-${res.body.id}`);
    expect(job?.data).toEqual({ messageId: res.body.id });
    const [row] = await sql(`SELECT retry_key FROM line_messages WHERE id = $1`, [res.body.id]);
    await deliveredOnce(row.retry_key, 'the reply', res.body.id);
  });
});
