import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import type { webhook } from '@line/bot-sdk';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { CodesService } from '@tsunagu/codes';
import { Clock } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { BlindIndexer, DataKeyService, FieldCipher } from '@tsunagu/crypto';
import { JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { ConversationStatus, LineChannel, LineConversation, LineFollowEvent, LineInboxEvent, LineMessage, LineUser, MessageDirection, OutgoingDelivery } from '../line.entities';
import { dispatchStagedSends, offHoursReply, stagePush } from '../outgoing/outgoing.service';
import { SessionCloser } from '../conversations/session-closer';
import { inboxAad, lineUserAad, messageAad, readTokenAad } from '../aad';
import { queryRows } from '@tsunagu/database';

/** Inbox rows older than this without processing are handed to the queue again by the sweep. */
const SWEEP_AFTER_MS = 30_000;
const SWEEP_BATCH = 500;

class AlreadyProcessed extends Error {}

/**
 * Turns stored webhook events into LINE users, follows, conversations and messages. Each event
 * is processed once: the inbox row is locked and marked in the same transaction, which also
 * stages what it sends (the automatic reply, the greeting).
 */
@Injectable()
export class LineEventProcessor implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('LineEvents');

  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tx: TransactionRunner,
    private readonly cipher: FieldCipher,
    private readonly dataKeys: DataKeyService,
    private readonly blind: BlindIndexer,
    private readonly codes: CodesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly closer: SessionCloser,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.LineProcessEvent, (payload) => this.process(payload.inboxId));
    this.registry.register(JobName.LineInboxSweep, () => this.sweep());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.schedule('line-inbox-sweep', JobName.LineInboxSweep, { pattern: '* * * * *', tz: 'Asia/Tokyo' }, {});
  }

  /** Processes one inbox event; a second delivery of the job finds it done and does nothing. */
  async process(inboxId: string): Promise<void> {
    const [row] = await queryRows<{ processed_at: Date | null }>(this.dataSource, `SELECT processed_at FROM line_inbox WHERE id = $1`, [inboxId]);
    if (!row || row.processed_at) return;
    let staged = false;
    try {
      staged = await this.tx.run({ requestId: `job:${JobName.LineProcessEvent}:${inboxId}`, ip: null }, async (tx) => {
        const inbox = await tx.manager.findOne(LineInboxEvent, { where: { id: inboxId }, lock: { mode: 'pessimistic_write' } });
        if (!inbox || inbox.processedAt) throw new AlreadyProcessed();
        const channel = await tx.manager.findOneOrFail(LineChannel, { where: { id: inbox.channelId } });
        const event = JSON.parse(await this.cipher.decrypt(inbox.payloadEnc, inboxAad(inbox.id), tx.manager)) as webhook.Event;
        const applied = await this.apply(tx, channel, event, inboxId);
        // The LINE user is kept with the event, so shredding her (retention) can empty its payload too.
        await tx.manager.update(LineInboxEvent, { id: inboxId }, { processedAt: this.clock.now(), lineUserId: applied.lineUserId });
        await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineEventProcess, resourceType: 'line-inbox', resourceId: inboxId, detailCode: inbox.eventType });
        return applied.staged;
      });
    } catch (error) {
      if (!(error instanceof AlreadyProcessed)) throw error;
    }
    if (staged) await dispatchStagedSends(this.queue, this.logger);
  }

  /** Queues again the events that waited in the inbox (the queue was down, or the worker). */
  async sweep(): Promise<void> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM line_inbox WHERE processed_at IS NULL AND received_at < $1 ORDER BY received_at LIMIT ${SWEEP_BATCH}`,
      [new Date(this.clock.now().getTime() - SWEEP_AFTER_MS)],
    );
    for (const { id } of rows) await this.queue.enqueue(JobName.LineProcessEvent, { inboxId: id }, { idempotencyKey: `line-event-${id}-sweep-${Math.floor(this.clock.now().getTime() / 60_000)}` });
  }

  /** Applies one event; `staged` when it staged a job that sends to LINE, to hand over once it has committed. */
  private async apply(tx: Tx, channel: LineChannel, event: webhook.Event, inboxId: string): Promise<{ staged: boolean; lineUserId: string | null }> {
    const userId = event.source?.userId;
    const at = new Date(Number.isFinite(event.timestamp) ? event.timestamp : this.clock.now().getTime());
    if (!userId) return { staged: false, lineUserId: null }; // group or room events without a user: stored, not processed further
    switch (event.type) {
      case 'follow':
      case 'unfollow': {
        const user = await this.lineUser(tx, channel, userId);
        await tx.manager.update(LineUser, { id: user.id }, { following: event.type === 'follow' });
        await tx.manager.insert(LineFollowEvent, { id: randomUUID(), channelId: channel.id, lineUserId: user.id, kind: event.type, occurredAt: at });
        if (event.type === 'unfollow') return { staged: false, lineUserId: user.id };
        await this.queue.stage(tx.manager, JobName.LineGreet, { inboxId }, { idempotencyKey: `line-greet-${inboxId}` });
        return { staged: true, lineUserId: user.id };
      }
      case 'message':
      case 'postback': {
        const user = await this.lineUser(tx, channel, userId);
        const conversation = await this.currentConversation(tx, channel, user, at);
        const id = randomUUID();
        const content = event.type === 'message' ? event.message : undefined;
        const textContent = content?.type === 'text' ? (content) : undefined;
        const kind = event.type === 'postback' ? 'postback' : (content?.type ?? 'unknown').slice(0, 30);
        const text = event.type === 'postback' ? event.postback?.data : textContent?.text;
        const message: LineMessage = {
          id,
          conversationId: conversation.id,
          direction: MessageDirection.In,
          kind,
          textEnc: await this.cipher.encryptOptional(user.dataKeyId, text, messageAad(id), tx.manager),
          lineMessageId: content?.id ?? null,
          occurredAt: at,
          delivery: null,
          retryKey: null,
          authorId: null,
          sendAttempts: 0,
          readTokenEnc: await this.cipher.encryptOptional(user.dataKeyId, textContent?.markAsReadToken, readTokenAad(id), tx.manager),
        };
        await tx.manager.insert(LineMessage, message);
        const reply = await this.offHoursReply(tx, channel, user, conversation, at);
        await tx.manager.update(
          LineConversation,
          { id: conversation.id },
          {
            lastMessageAt: at > conversation.lastMessageAt ? at : conversation.lastMessageAt,
            waitingSince: conversation.waitingSince ?? at,
            ...(reply ? { autoReplyPeriod: reply.period } : {}),
            version: conversation.version + 1,
          },
        );
        return { staged: reply !== null, lineUserId: user.id };
      }
      default:
        return { staged: false, lineUserId: null }; // unsend, memberJoined, messageEdited …: kept in the inbox, nothing to do yet
    }
  }

  /**
   * Outside the program's hours, tells the user when it opens and where to turn in an
   * emergency: once per conversation per closed period (named by the next opening, which the
   * caller records on the conversation). Its push is staged with it.
   */
  private async offHoursReply(tx: Tx, channel: LineChannel, user: LineUser, conversation: LineConversation, at: Date): Promise<{ period: string } | null> {
    if (await this.codes.isOpen(channel.programCode, at, tx.manager)) return null;
    const next = await this.codes.nextOpening(channel.programCode, at, tx.manager);
    const period = next ? next.toISOString() : 'closed';
    if (conversation.autoReplyPeriod === period) return null;
    const program = (await this.codes.programs(tx.manager)).find((p) => p.code === channel.programCode);
    const id = randomUUID();
    await tx.manager.insert(LineMessage, {
      id,
      conversationId: conversation.id,
      direction: MessageDirection.Out,
      kind: 'auto-reply',
      textEnc: await this.cipher.encrypt(user.dataKeyId, offHoursReply(program?.name ?? 'LINE相談', next), messageAad(id), tx.manager),
      lineMessageId: null,
      occurredAt: this.clock.now(),
      delivery: OutgoingDelivery.Queued,
      retryKey: randomUUID(),
      authorId: null,
      sendAttempts: 0,
      readTokenEnc: null,
    });
    await stagePush(this.queue, tx.manager, id);
    return { period };
  }

  /**
   * The LINE user of this channel, created on first sight, locked so one user's events run one at
   * a time. Mid-rotation it is found under either blind-index key; a new one is indexed with the current key.
   */
  private async lineUser(tx: Tx, channel: LineChannel, userId: string): Promise<LineUser> {
    const bidx = this.blind.lineUser(userId);
    const existing = await tx.manager.findOne(LineUser, { where: { channelId: channel.id, userIdBidx: In(this.blind.lineUserLookup(userId)) }, lock: { mode: 'pessimistic_write' } });
    if (existing) return existing;
    const id = randomUUID();
    const now = this.clock.now();
    const dataKeyId = await this.dataKeys.create(tx.manager, 'line-user', id, now);
    const user: LineUser = {
      id,
      channelId: channel.id,
      userIdBidx: bidx,
      bidxKeyId: this.blind.keyId,
      userIdEnc: await this.cipher.encrypt(dataKeyId, userId, lineUserAad(id), tx.manager),
      dataKeyId,
      following: false,
      clientId: null,
      shreddedAt: null,
      createdAt: now,
    };
    await tx.manager.createQueryBuilder().insert().into(LineUser).values(user).orIgnore().execute();
    return tx.manager.findOneOrFail(LineUser, { where: { channelId: channel.id, userIdBidx: bidx }, lock: { mode: 'pessimistic_write' } });
  }

  /** The user's open session, or a new one when there is none or it has been silent past the gap (then it ends). */
  private async currentConversation(tx: Tx, channel: LineChannel, user: LineUser, at: Date): Promise<LineConversation> {
    const gap = this.config.line.sessionGapMs;
    const open = await tx.manager.findOne(LineConversation, {
      where: { lineUserId: user.id, status: ConversationStatus.Open },
      order: { startedAt: 'DESC' },
      lock: { mode: 'pessimistic_write' },
    });
    if (open && at.getTime() - open.lastMessageAt.getTime() <= gap) return open;
    if (open) await this.closer.closeSilent(tx, open);
    const conversation: LineConversation = {
      id: randomUUID(),
      channelId: channel.id,
      lineUserId: user.id,
      status: ConversationStatus.Open,
      startedAt: at,
      lastMessageAt: at,
      waitingSince: null,
      firstResponseAt: null,
      closedAt: null,
      closeReason: null,
      caseId: null,
      contactId: null,
      autoReplyPeriod: null,
      version: 1,
    };
    await tx.manager.insert(LineConversation, conversation);
    return conversation;
  }
}
