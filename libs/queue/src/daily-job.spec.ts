import { DailyJob } from './daily-job';
import { JobHandlerRegistry } from './job-handler.registry';
import type { JobContext, JobQueue } from './job-queue';
import { JobName } from './jobs';

// 2026-11-25T16:30Z is already 2026-11-26 in JST.
const clock = { now: () => new Date('2026-11-25T16:30:00Z') };
const ctx = {} as JobContext;

describe('DailyJob', () => {
  it('schedules the JST time daily under a stable id and queues today (JST) once to catch up', async () => {
    const calls: unknown[][] = [];
    const queue = { schedule: async (...args: unknown[]) => void calls.push(['schedule', ...args]), enqueue: async (...args: unknown[]) => void calls.push(['enqueue', ...args]) } as unknown as JobQueue;
    await new DailyJob(JobName.RetentionTasks, 'retention-tasks', '06:30').start(queue, clock);
    expect(calls).toEqual([
      ['schedule', 'retention-tasks-daily', JobName.RetentionTasks, { pattern: '30 6 * * *', tz: 'Asia/Tokyo' }, {}],
      ['enqueue', JobName.RetentionTasks, { date: '2026-11-26' }, { idempotencyKey: 'retention-tasks-2026-11-26' }],
    ]);
  });

  it('runs for the payload’s date, or today in JST when the schedule fires without one', async () => {
    const registry = new JobHandlerRegistry();
    const dates: string[] = [];
    new DailyJob(JobName.RenewalTasks, 'renewal-tasks', '06:00').register(registry, clock, async (date) => void dates.push(date));
    await registry.dispatch(JobName.RenewalTasks, { date: '2026-04-01' }, ctx);
    await registry.dispatch(JobName.RenewalTasks, {}, ctx);
    expect(dates).toEqual(['2026-04-01', '2026-11-26']);
  });
});
