import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Clock } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { affectedRows } from '@tsunagu/database';
import { JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';

const BATCH = 1000;

/**
 * Data minimization for the LINE inbox. A webhook event's raw payload (her LINE user id and
 * message text, under the channel's key) is needed only until it is processed and greeted; the
 * message itself lives on under the LINE user's own key, which retention can destroy. Daily at
 * 03:40 JST, payloads processed more than LINE_INBOX_KEEP_DAYS ago are emptied; the row (its
 * event id) stays, so a late duplicate delivery is still recognised.
 */
@Injectable()
export class LineInboxPurge implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.LineInboxPurge, async () => void (await this.purge()));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.schedule('line-inbox-purge-daily', JobName.LineInboxPurge, { pattern: '40 3 * * *', tz: 'Asia/Tokyo' }, {});
  }

  /** Empties every payload past the keep period, in batches; returns how many. */
  async purge(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.line.inboxKeepMs);
    let total = 0;
    for (;;) {
      const emptied = await this.tx.run({ requestId: `job:${JobName.LineInboxPurge}`, ip: null }, async (tx) => {
        const affected = await affectedRows(
          tx.manager,
          `UPDATE line_inbox SET payload_enc = NULL
            WHERE id IN (SELECT id FROM line_inbox WHERE payload_enc IS NOT NULL AND processed_at IS NOT NULL AND processed_at < $1 LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)`,
          [before],
        );
        await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineInboxPurge, resourceType: 'line-inbox', detailCode: String(affected) });
        return affected;
      });
      total += emptied;
      if (emptied < BATCH) return total;
    }
  }
}
