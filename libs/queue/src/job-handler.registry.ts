import { Injectable } from '@nestjs/common';
import { JobContext, JobHandler } from './job-queue';
import { JobName, JobPayloads } from './jobs';

/** Maps each job name to the code that runs it; filled by domain processors in the worker. */
@Injectable()
export class JobHandlerRegistry {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`A handler for job ${name} is already registered`);
    this.handlers.set(name, handler as unknown as JobHandler<JobName>);
  }

  has(name: JobName): boolean {
    return this.handlers.has(name);
  }

  async dispatch(name: string, payload: unknown, ctx: JobContext): Promise<void> {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`No handler registered for job ${name}`);
    await handler(payload as JobPayloads[JobName], ctx);
  }
}
