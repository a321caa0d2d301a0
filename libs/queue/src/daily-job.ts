import { Clock, jstDate } from '@tsunagu/common';
import type { JobHandlerRegistry } from './job-handler.registry';
import type { JobQueue } from './job-queue';
import { JobName } from './jobs';

/** The jobs that compute for one JST date (`{ date?: string }`, today when absent). */
export type DatedJob = JobName.RenewalTasks | JobName.ReferralOverdueTasks | JobName.RetentionTasks;

/**
 * A daily reminder job: `run` gets the JST date to compute for. `start` schedules it every day at
 * `time` (HH:MM, Asia/Tokyo) under `key` and queues it once for today, so a worker that was down
 * at that time catches up when it starts; the date in the idempotency key makes that once a day.
 */
export class DailyJob {
  constructor(
    private readonly name: DatedJob,
    private readonly key: string,
    private readonly time: string,
  ) {}

  register(registry: JobHandlerRegistry, clock: Clock, run: (date: string) => Promise<unknown>): void {
    registry.register(this.name, async (payload) => void (await run(payload.date ?? jstDate(clock.now()))));
  }

  async start(queue: JobQueue, clock: Clock): Promise<void> {
    const [hour, minute] = this.time.split(':').map(Number);
    await queue.schedule(`${this.key}-daily`, this.name, { pattern: `${minute} ${hour} * * *`, tz: 'Asia/Tokyo' }, {});
    const today = jstDate(clock.now());
    await queue.enqueue(this.name, { date: today }, { idempotencyKey: `${this.key}-${today}` });
  }
}
