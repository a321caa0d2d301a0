import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS } from './job-queue';
import { JobName } from './jobs';
import { bullJobOptions, enqueueOptionsOf, outboxJob, outboxJobId } from './outbox-job';

describe('jobs in the outbox', () => {
  it('takes the id from the idempotency key, so every hand-over of a job is the same job', () => {
    expect(outboxJobId(JobName.StatisticsRun, 'statistics-run-1')).toBe('statistics.run.statistics-run-1');
    expect(outboxJob(JobName.StatisticsRun, { runId: 'r1' }, { idempotencyKey: 'k' }).jobId).toBe(outboxJob(JobName.StatisticsRun, { runId: 'r1' }, { idempotencyKey: 'k' }).jobId);
    expect(outboxJobId(JobName.StatisticsRun)).not.toBe(outboxJobId(JobName.StatisticsRun));
    expect(outboxJobId(JobName.StatisticsRun)).toMatch(/^statistics\.run\.[0-9a-f-]{36}$/);
  });

  it('checks a job as enqueue does: no free text in the payload, no malformed key', () => {
    expect(() => outboxJob(JobName.QueueProbe, { probeId: '山田花子' })).toThrow(/probeId/);
    expect(() => outboxJob(JobName.QueueProbe, { probeId: 'x' }, { idempotencyKey: 'has space' })).toThrow(/Idempotency/);
  });

  it('stores BullMQ options with the defaults', () => {
    expect(bullJobOptions({})).toMatchObject({ attempts: DEFAULT_ATTEMPTS, backoff: { type: 'exponential', delay: DEFAULT_BACKOFF_MS }, delay: undefined });
    expect(bullJobOptions({ attempts: 0 }).attempts).toBe(1);
  });

  it('gives the in-process driver back the options it was staged with, the row id standing for the key', () => {
    const staged = outboxJob(JobName.StatisticsRun, { runId: 'r1' }, { idempotencyKey: 'statistics-run-r1', attempts: 3, backoffMs: 500, delayMs: 100 });
    // Through the database's jsonb and back.
    const row = JSON.parse(JSON.stringify(staged));
    expect(enqueueOptionsOf(row)).toEqual({ idempotencyKey: 'statistics-run-r1', attempts: 3, backoffMs: 500, delayMs: 100 });
    const keyless = outboxJob(JobName.QueueProbe, { probeId: 'p' });
    expect(enqueueOptionsOf(keyless).idempotencyKey).toBe(keyless.jobId.slice('system.queue-probe.'.length));
    expect(enqueueOptionsOf({ ...keyless, jobId: 'other-id', options: { backoff: 700 } })).toEqual({ idempotencyKey: 'other-id', attempts: undefined, backoffMs: 700, delayMs: undefined });
  });
});
