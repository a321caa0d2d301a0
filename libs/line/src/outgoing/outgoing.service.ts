import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { FieldCipher } from '@tsunagu/crypto';
import { JobContext, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { EntityManager } from 'typeorm';
import { LineApiClient, LineApiError, retryLater } from '../api/line-api.client';
import { LineChannel, LineConversation, LineMessage, LineUser, OutgoingDelivery } from '../line.entities';
import { channelAad, lineUserAad, messageAad } from '../aad';

/** Who a conversation's messages go to, and the account's token to send them with (both decrypted). */
export async function chatTarget(manager: EntityManager, cipher: FieldCipher, conversationId: string): Promise<{ to: string; token: string }> {
  const conversation = await manager.findOneOrFail(LineConversation, { where: { id: conversationId } });
  const user = await manager.findOneOrFail(LineUser, { where: { id: conversation.lineUserId } });
  const channel = await manager.findOneOrFail(LineChannel, { where: { id: conversation.channelId } });
  return {
    to: await cipher.decrypt(user.userIdEnc, lineUserAad(user.id), manager),
    token: await cipher.decrypt(channel.accessTokenEnc, channelAad(channel.id, 'accessToken'), manager),
  };
}

/** Where to turn in an emergency; every automatic message ends with it. */
export const EMERGENCY_NUMBERS = '緊急の場合は、DV相談ナビ #8008 または 110番へご連絡ください。';

/** Stages the push of an outgoing message in the transaction that writes it: the message is never left 送信中 without its job. */
export async function stagePush(queue: JobQueue, manager: EntityManager, messageId: string): Promise<void> {
  await queue.stage(manager, JobName.LinePush, { messageId }, { idempotencyKey: `line-push-${messageId}` });
}

/**
 * After the commit: asks the queue to hand the staged jobs over now rather than at the relay's next
 * pass. A failure is logged (no text, no ids) and never reaches the caller: the rows wait in the outbox.
 */
export async function dispatchStagedSends(queue: JobQueue, logger: Logger): Promise<void> {
  await queue.dispatchStaged().catch((error: unknown) => logger.warn({ errorType: (error as Error)?.name }, 'LINE sends left to the outbox relay'));
}

/** Thrown inside the push's transaction (writing nothing) when its message is no longer 送信中. */
class AlreadySettled extends Error {}

/**
 * Sends queued outgoing messages with the push API, one job per message. A retry reuses the
 * message's X-Line-Retry-Key, so LINE delivers it once; a refusal (4xx) or the last failed try
 * leaves it 送信失敗, visible in the conversation.
 */
@Injectable()
export class LinePushProcessor implements OnModuleInit {
  private readonly logger = new Logger('LinePush');

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tx: TransactionRunner,
    private readonly cipher: FieldCipher,
    private readonly api: LineApiClient,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.LinePush, (payload, ctx) => this.send(payload.messageId, ctx));
  }

  async send(messageId: string, ctx: JobContext): Promise<void> {
    const subject = { requestId: `job:${JobName.LinePush}:${messageId}`, ip: null };
    const prepared = await this.tx
      .run(subject, async (tx) => {
        const message = await tx.manager.findOne(LineMessage, { where: { id: messageId }, lock: { mode: 'pessimistic_write' } });
        // Sent, failed or gone: a job run again (its row handed over twice, a stalled job taken back) has nothing to do.
        if (!message || message.delivery !== OutgoingDelivery.Queued) throw new AlreadySettled();
        await tx.manager.update(LineMessage, { id: messageId }, { sendAttempts: message.sendAttempts + 1 });
        await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineMessagePush, resourceType: 'line-message', resourceId: messageId, detailCode: `try-${ctx.attempt}` });
        return this.prepare(tx.manager, message);
      })
      .catch((error: unknown) => {
        if (error instanceof AlreadySettled) return null;
        throw error;
      });
    if (!prepared) return;
    try {
      await this.api.push(prepared.token, prepared.to, [{ type: 'text', text: prepared.text }], prepared.retryKey);
      await this.finish(messageId, OutgoingDelivery.Sent);
    } catch (error) {
      if (retryLater(error, ctx)) throw error;
      this.logger.warn({ status: error instanceof LineApiError ? error.status : null, attempt: ctx.attempt }, 'LINE push failed for good');
      await this.finish(messageId, OutgoingDelivery.Failed);
    }
  }

  private async prepare(manager: EntityManager, message: LineMessage) {
    return {
      ...(await chatTarget(manager, this.cipher, message.conversationId)),
      text: await this.cipher.decrypt(message.textEnc, messageAad(message.id), manager),
      retryKey: message.retryKey!,
    };
  }

  private async finish(messageId: string, delivery: OutgoingDelivery): Promise<void> {
    await this.tx.run({ requestId: `job:${JobName.LinePush}:${messageId}`, ip: null }, async (tx) => {
      await tx.manager.update(LineMessage, { id: messageId, delivery: OutgoingDelivery.Queued }, { delivery });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineMessageDelivery, resourceType: 'line-message', resourceId: messageId, detailCode: delivery });
    });
  }
}

/** Month, day, weekday and time in JST, as the automatic reply shows it: 12月1日（月）19:00. */
export function jstLabel(instant: Date): string {
  const t = new Date(instant.getTime() + 9 * 3_600_000);
  const weekday = '日月火水木金土'[t.getUTCDay()];
  return `${t.getUTCMonth() + 1}月${t.getUTCDate()}日（${weekday}）${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}`;
}

/** The automatic reply outside service hours: the next opening and the emergency numbers. No personal data. */
export function offHoursReply(programName: string, next: Date | null): string {
  const when = next ? `次の受付は${jstLabel(next)}からです。` : '';
  return `${programName}です。ただいま受付時間外です。${when}メッセージは受け取っています。\n${EMERGENCY_NUMBERS}`;
}
