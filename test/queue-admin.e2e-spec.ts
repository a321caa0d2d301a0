import { Role } from '@tsunagu/common';
import { JOB_QUEUE_TOKEN, JobName, JobQueue } from '@tsunagu/queue';
import request from 'supertest';
import { createAndSignIn, SignedIn, signInAdmin } from './support/auth-helpers';
import { startTestApp, TestApp } from './support/test-app';
import { as } from './support/http';

// The admin's view of the job queue: GET /admin/queues for admins only, with counts,
// failed jobs and schedules, on either driver, and never a job's payload.
describe('queue view for admins (GET /admin/queues)', () => {
  let app: TestApp;
  let admin: SignedIn;
  let supervisor: SignedIn;

  beforeAll(async () => {
    app = await startTestApp('queue-admin');
    admin = await signInAdmin(app);
    supervisor = await createAndSignIn(app, admin, Role.Supervisor, 'queue.supervisor');
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('shows counts, the schedules and a failed job by name and tries, without its payload', async () => {
    const probeId = 'probe-secret-marker-42';
    const queue = app.app.get<JobQueue>(JOB_QUEUE_TOKEN);
    await queue.enqueue(JobName.QueueProbe, { probeId, failTimes: 9 }, { attempts: 1 });
    let view = (await request(app.url).get('/api/v1/admin/queues').set(as(admin)).expect(200)).body;
    for (let i = 0; i < 100 && view.recentFailed.length === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await request(app.url).get('/api/v1/admin/queues').set(as(admin)).expect(200)).body;
    }
    expect(view).toMatchObject({ driver: queue.driver, reachable: true, outbox: 0 });
    expect(view.counts.failed).toBeGreaterThanOrEqual(1);
    expect(view.recentFailed[0]).toMatchObject({ name: 'system.queue-probe', state: 'failed', attempts: 1 });
    expect(Object.keys(view.recentFailed[0]).sort()).toEqual(['attempts', 'finishedAt', 'id', 'name', 'state']);
    expect(view.schedules.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining(['statistics-monthly', 'alerts-scan']));
    expect(view.schedules.find((s: { id: string }) => s.id === 'statistics-monthly')).toMatchObject({ pattern: '0 2 1 * *', tz: 'Asia/Tokyo' });
    expect(JSON.stringify(view)).not.toContain(probeId);
    expect(JSON.stringify(view)).not.toContain('on purpose');
  });

  it('is for admins only', async () => {
    await request(app.url).get('/api/v1/admin/queues').set(as(supervisor)).expect(403);
    await request(app.url).get('/api/v1/admin/queues').expect(401);
  });
});
