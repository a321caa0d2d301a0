import { Injectable, OnModuleInit } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { CodesService, describeServiceHours } from '@tsunagu/codes';
import { BlindIndexer, FieldCipher } from '@tsunagu/crypto';
import { JobContext, JobHandlerRegistry, JobName } from '@tsunagu/queue';
import { In, IsNull, Not } from 'typeorm';
import { channelAad, inboxAad, readTokenAad } from '../aad';
import { LineApiClient, retryLater } from '../api/line-api.client';
import { chatTarget, EMERGENCY_NUMBERS } from './outgoing.service';
import { LineChannel, LineInboxEvent, LineMessage, LineUser, MessageDirection } from '../line.entities';

/** How long the loading indicator shows while a counselor writes. */
const LOADING_SECONDS = 20;

/** The greeting after a follow: the program, its hours, where to turn in an emergency. No personal data. */
export function greeting(programName: string, hours: string): string {
  const when = hours ? `受付時間は ${hours} です（祝日・年末年始を除く）。` : '';
  return `${programName}です。友だち追加ありがとうございます。${when}時間外に届いたメッセージにも、受付時間内にお返事します。\n${EMERGENCY_NUMBERS}`;
}

/** Read receipts, the loading indicator and the greeting: calls to LINE about a chat, retried on 5xx only. */
@Injectable()
export class ChatActionsProcessor implements OnModuleInit {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tx: TransactionRunner,
    private readonly cipher: FieldCipher,
    private readonly blind: BlindIndexer,
    private readonly codes: CodesService,
    private readonly api: LineApiClient,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.LineMarkRead, (payload, ctx) => this.markRead(payload.conversationId, ctx));
    this.registry.register(JobName.LineLoading, (payload, ctx) => this.loading(payload.conversationId, ctx));
    this.registry.register(JobName.LineGreet, (payload, ctx) => this.greet(payload.inboxId, ctx));
  }

  /** Sends the newest read token of the conversation; LINE marks everything up to it as read. */
  async markRead(conversationId: string, ctx: JobContext): Promise<void> {
    const subject = { requestId: `job:${JobName.LineMarkRead}:${conversationId}`, ip: null };
    const work = await this.tx.run(subject, async (tx) => {
      const unread = await tx.manager.find(LineMessage, {
        where: { conversationId, direction: MessageDirection.In, readTokenEnc: Not(IsNull()) },
        order: { occurredAt: 'DESC' },
      });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineMarkRead, resourceType: 'line-conversation', resourceId: conversationId, detailCode: String(unread.length) });
      if (!unread.length) return null;
      const { token } = await chatTarget(tx.manager, this.cipher, conversationId);
      return { token, readToken: await this.cipher.decrypt(unread[0].readTokenEnc, readTokenAad(unread[0].id), tx.manager), ids: unread.map((m) => m.id) };
    });
    if (!work) return;
    await this.call(ctx, () => this.api.markAsRead(work.token, work.readToken));
    await this.tx.run(subject, async (tx) => {
      for (const id of work.ids) await tx.manager.update(LineMessage, { id }, { readTokenEnc: null });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineMarkReadDone, resourceType: 'line-conversation', resourceId: conversationId });
    });
  }

  async loading(conversationId: string, ctx: JobContext): Promise<void> {
    const chat = await this.tx.run({ requestId: `job:${JobName.LineLoading}:${conversationId}`, ip: null }, async (tx) => {
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineLoading, resourceType: 'line-conversation', resourceId: conversationId });
      return chatTarget(tx.manager, this.cipher, conversationId);
    });
    await this.call(ctx, () => this.api.startLoading(chat.token, chat.to, LOADING_SECONDS));
  }

  /** The greeting for a follow; the follow's inbox id is the retry key, so it goes out once. */
  async greet(inboxId: string, ctx: JobContext): Promise<void> {
    const prepared = await this.tx.run({ requestId: `job:${JobName.LineGreet}:${inboxId}`, ip: null }, async (tx) => {
      const inbox = await tx.manager.findOneOrFail(LineInboxEvent, { where: { id: inboxId } });
      const channel = await tx.manager.findOneOrFail(LineChannel, { where: { id: inbox.channelId } });
      // A payload already emptied (LINE_INBOX_KEEP_DAYS) is a greeting long overdue: skipped.
      const event = inbox.payloadEnc === null ? {} : (JSON.parse(await this.cipher.decrypt(inbox.payloadEnc, inboxAad(inbox.id), tx.manager)) as { source?: { userId?: string } });
      const userId = event.source?.userId;
      const user = userId ? await tx.manager.findOne(LineUser, { where: { channelId: channel.id, userIdBidx: In(this.blind.lineUserLookup(userId)) } }) : null;
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineGreet, resourceType: 'line-inbox', resourceId: inboxId, detailCode: user?.following ? 'send' : 'skip' });
      if (!userId || !user?.following) return null; // unfollowed again meanwhile
      const program = (await this.codes.programs(tx.manager)).find((p) => p.code === channel.programCode);
      return {
        to: userId,
        token: await this.cipher.decrypt(channel.accessTokenEnc, channelAad(channel.id, 'accessToken'), tx.manager),
        text: greeting(program?.name ?? 'LINE相談', describeServiceHours(program?.serviceHours ?? null)),
      };
    });
    if (!prepared) return;
    await this.call(ctx, () => this.api.push(prepared.token, prepared.to, [{ type: 'text', text: prepared.text }], inboxId));
  }

  /** Retries (by throwing) only what may succeed later; a refusal is final. */
  private async call(ctx: JobContext, send: () => Promise<void>): Promise<void> {
    try {
      await send();
    } catch (error) {
      if (retryLater(error, ctx)) throw error;
    }
  }
}
