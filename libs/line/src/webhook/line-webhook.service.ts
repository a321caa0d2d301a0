import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Clock, DomainError, RequestMeta } from '@tsunagu/common';
import { FieldCipher } from '@tsunagu/crypto';
import { JOB_QUEUE_TOKEN, JobName, JobQueue } from '@tsunagu/queue';
import { randomBytes, randomUUID } from 'node:crypto';
import { LineChannelsService } from '../channels/line-channels.service';
import { LineInboxEvent } from '../line.entities';
import { isValidLineSignature } from './signature';
import { SignatureFailureAudit } from './signature-failures';
import { inboxAad } from '../aad';

/** The parts of a webhook event the inbox needs before processing (LINE's webhook.Event). */
interface IncomingEvent {
  type: string;
  webhookEventId: string;
  deliveryContext?: { isRedelivery?: boolean };
}

/** How long the webhook waits for the queue before answering anyway; the inbox sweep catches up. */
const ENQUEUE_WAIT_MS = 300;

/** Signatures for unknown channel keys are checked against this, so both cases cost the same. */
const NO_CHANNEL_SECRET = randomBytes(32);

/**
 * Receives LINE webhook calls: checks the signature over the raw bytes, stores each event in
 * the inbox (once, by webhookEventId) and answers; processing happens in the worker.
 */
@Injectable()
export class LineWebhookService {
  private readonly logger = new Logger('LineWebhook');

  constructor(
    private readonly channels: LineChannelsService,
    private readonly tx: TransactionRunner,
    private readonly failures: SignatureFailureAudit,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  async receive(channelKey: string, rawBody: Buffer | undefined, signature: string | undefined, meta: RequestMeta): Promise<{ stored: number }> {
    const channel = await this.channels.resolve(channelKey);
    const body = rawBody ?? Buffer.alloc(0);
    // An unknown key is answered exactly as a known one with a wrong signature: keys cannot be probed.
    const signed = isValidLineSignature(channel?.secret ?? NO_CHANNEL_SECRET, body, signature) && channel !== null;
    const events = signed || !signature ? parseEvents(body) : null;
    // The console's verify call may come unsigned with no events: acknowledged, nothing stored.
    if (!signed && signature === undefined && events !== null && events.length === 0) return { stored: 0 };
    if (!channel || !signed) {
      await this.failures.record(channel?.id ?? null, !channel ? 'unknown-channel' : signature ? 'bad-signature' : 'missing-signature', meta);
      throw new DomainError(HttpStatus.UNAUTHORIZED, '署名が正しくありません');
    }
    if (events === null) throw new DomainError(HttpStatus.BAD_REQUEST, 'イベントの形式が正しくありません');
    if (events.length === 0) return { stored: 0 };

    const now = this.clock.now();
    const stored = await this.tx.run(meta, async (tx) => {
      const ids: string[] = [];
      for (const event of events) {
        const id = randomUUID();
        const payloadEnc = await this.cipher.encrypt(channel.dataKeyId, JSON.stringify(event), inboxAad(id), tx.manager);
        const inserted = await tx.manager
          .createQueryBuilder()
          .insert()
          .into(LineInboxEvent)
          .values({
            id,
            channelId: channel.id,
            webhookEventId: event.webhookEventId,
            eventType: event.type.slice(0, 50),
            isRedelivery: event.deliveryContext?.isRedelivery === true,
            payloadEnc,
            receivedAt: now,
            processedAt: null,
          })
          .orIgnore()
          .returning(['id'])
          .execute();
        if ((inserted.raw as unknown[]).length) ids.push(id);
      }
      await tx.audit({
        category: AuditCategory.Case,
        action: AuditAction.LineWebhookReceive,
        resourceType: 'line-channel',
        resourceId: channel.id,
        detailCode: `${ids.length}/${events.length}`,
      });
      return ids;
    });
    await this.enqueue(stored);
    return { stored: stored.length };
  }

  /** Hands new events to the worker without letting a slow or absent queue hold the answer. */
  private async enqueue(inboxIds: string[]): Promise<void> {
    const sending = Promise.all(inboxIds.map((inboxId) => this.queue.enqueue(JobName.LineProcessEvent, { inboxId }, { idempotencyKey: `line-event-${inboxId}` })));
    const handled = sending.then(
      () => undefined,
      (error: unknown) => this.logger.warn({ errorType: (error as Error)?.name }, 'LINE events left in the inbox for the sweep: queue unavailable'),
    );
    await Promise.race([handled, new Promise((resolve) => setTimeout(resolve, ENQUEUE_WAIT_MS).unref())]);
  }
}

/** The events array, or null when the body is not a webhook payload. Only the fields the inbox indexes are checked. */
function parseEvents(body: Buffer): IncomingEvent[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return null;
  }
  const events = (parsed as { events?: unknown })?.events;
  if (!Array.isArray(events)) return null;
  const ok = events.every(
    (e) => typeof e === 'object' && e !== null && typeof (e as IncomingEvent).type === 'string' && typeof (e as IncomingEvent).webhookEventId === 'string' && (e as IncomingEvent).webhookEventId.length <= 100,
  );
  return ok ? (events as IncomingEvent[]) : null;
}
