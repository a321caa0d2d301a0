import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuditAction, AuditCategory, AuditOutcome, AuditWriter } from '@tsunagu/audit';
import { Clock, RequestMeta } from '@tsunagu/common';
import { WINDOW_COUNTER, WindowCounter } from './window-counter';

/** Why a webhook call was refused before anything was stored. */
export type SignatureFailure = 'missing-signature' | 'bad-signature' | 'unknown-channel';

/** Failures are counted per channel in windows this long. */
export const SIGNATURE_FAILURE_WINDOW_MS = 10 * 60_000;
/** How often closed windows are looked for (real time; the windows themselves follow the Clock). */
const FLUSH_EVERY_MS = 1000;

interface OpenWindow {
  channelId: string | null;
  endsAt: number;
}

/**
 * Audits refused webhook calls as counted events, so a flood of bad signatures cannot fill the
 * append-only audit table: the first failure of a channel in a window is recorded as it happens
 * (its code, address and request id), and when the window closes one more event carries how many
 * there were in all, if more than one. Both are ordinary inserts, chained by the sealer like any
 * other event; audit rows are never updated. With Redis the count is shared by every api process
 * and only one of them writes the closing event. Calls to unknown channel keys count together.
 */
@Injectable()
export class SignatureFailureAudit implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LineWebhook');
  private readonly open = new Map<string, OpenWindow>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    @Inject(WINDOW_COUNTER) private readonly counter: WindowCounter,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (!this.flushing) void this.flush(false);
    }, FLUSH_EVERY_MS);
    this.timer.unref();
  }

  /** Writes what this process still holds, windows not yet closed included. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush(true);
  }

  async record(channelId: string | null, failure: SignatureFailure, meta: RequestMeta): Promise<void> {
    const now = this.clock.now().getTime();
    const window = Math.floor(now / SIGNATURE_FAILURE_WINDOW_MS);
    const key = `signature-failures:${channelId ?? 'unknown'}:${window}`;
    const [count] = await this.counter.increment([key], 2 * SIGNATURE_FAILURE_WINDOW_MS);
    this.open.set(key, { channelId, endsAt: (window + 1) * SIGNATURE_FAILURE_WINDOW_MS });
    if (count === 1) await this.audit.record(meta, this.entry(channelId, failure));
  }

  /** Writes the count of every window that has closed (all of them with `all`), after any flush under way. */
  flush(all: boolean): Promise<void> {
    const run = (this.flushing ?? Promise.resolve())
      .then(() => this.flushClosed(all))
      .catch((error: Error) => this.logger.warn({ errorType: error.name }, 'Counting refused webhook calls failed'))
      .finally(() => {
        if (this.flushing === run) this.flushing = undefined;
      });
    this.flushing = run;
    return run;
  }

  private async flushClosed(all: boolean): Promise<void> {
    const now = this.clock.now().getTime();
    for (const [key, window] of this.open) {
      if (!all && window.endsAt > now) continue;
      this.open.delete(key);
      const count = await this.counter.take(key);
      if (count > 1) await this.audit.record({ requestId: 'line-webhook-count', ip: null }, this.entry(window.channelId, `signature-failures:${count}`));
    }
  }

  private entry(channelId: string | null, detailCode: string) {
    return {
      category: AuditCategory.Security,
      action: AuditAction.LineWebhookReceive,
      outcome: AuditOutcome.Denied,
      resourceType: 'line-channel',
      ...(channelId ? { resourceId: channelId } : {}),
      detailCode,
    };
  }
}
