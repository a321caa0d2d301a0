import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor } from '@tsunagu/common';
import { JOB_QUEUE_TOKEN, JobQueue } from '@tsunagu/queue';
import { QueueOverviewDto } from './dto/queue-overview.dto';

@Injectable()
export class QueueAdminService {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  overview(actor: Actor): Promise<QueueOverviewDto> {
    return this.tx.run(actor, async (tx) => {
      const [{ n }]: { n: number }[] = await tx.manager.query(`SELECT count(*)::int AS n FROM job_outbox`);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.QueueRead, resourceType: 'queue' });
      return { ...(await this.queue.overview()), outbox: n };
    });
  }
}
