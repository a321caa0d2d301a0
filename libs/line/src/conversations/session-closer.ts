import { Inject, Injectable, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { ContactsService } from '@tsunagu/cases';
import { Channel } from '@tsunagu/codes';
import { Actor, Clock, NotFoundError, Role } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { JOB_QUEUE_TOKEN, JobHandlerRegistry, JobName, JobQueue } from '@tsunagu/queue';
import { DataSource } from 'typeorm';
import { ConversationStatus, LineChannel, LineConversation, LineMessage, MessageDirection } from '../line.entities';
import { queryRows } from '@tsunagu/database';

/** 主訴 of a session that ended by silence before a counselor recorded one. */
const UNRECORDED_CONCERN = 'other';
const BATCH = 200;

/**
 * Ends sessions that have been silent past LINE_SESSION_GAP_HOURS — when the user writes again,
 * and every ten minutes for the rest. An answered session still becomes a consultation record,
 * in the name of the counselor who answered first, with 主訴 その他 for them to correct.
 */
@Injectable()
export class SessionCloser implements OnModuleInit, OnApplicationBootstrap {
  constructor(
    private readonly registry: JobHandlerRegistry,
    private readonly tx: TransactionRunner,
    private readonly contacts: ContactsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.registry.register(JobName.LineCloseSilent, async () => void (await this.closeAllSilent()));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.schedule('line-close-silent', JobName.LineCloseSilent, { pattern: '*/10 * * * *', tz: 'Asia/Tokyo' }, {});
  }

  /** Closes every open session silent past the gap. */
  async closeAllSilent(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - this.config.line.sessionGapMs);
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM line_conversations WHERE status = 'open' AND last_message_at < $1 ORDER BY last_message_at LIMIT ${BATCH}`,
      [before],
    );
    for (const { id } of rows) {
      await this.tx.run({ requestId: `job:${JobName.LineCloseSilent}:${id}`, ip: null }, async (tx) => {
        const conversation = await tx.manager.findOne(LineConversation, { where: { id, status: ConversationStatus.Open }, lock: { mode: 'pessimistic_write' } });
        if (conversation && conversation.lastMessageAt < before) await this.closeSilent(tx, conversation);
        else await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineConversationClose, resourceType: 'line-conversation', resourceId: id, detailCode: 'still-active' });
      });
    }
    return rows.length;
  }

  /** Ends one silent session (locked by the caller) at its last message plus the gap. */
  async closeSilent(tx: Tx, conversation: LineConversation): Promise<void> {
    const contactId = conversation.firstResponseAt && !conversation.contactId ? await this.recordContact(tx, conversation) : conversation.contactId;
    await tx.manager.update(
      LineConversation,
      { id: conversation.id },
      {
        status: ConversationStatus.Closed,
        closedAt: new Date(conversation.lastMessageAt.getTime() + this.config.line.sessionGapMs),
        closeReason: 'silence',
        waitingSince: null,
        contactId,
        version: conversation.version + 1,
      },
    );
    await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineConversationClose, resourceType: 'line-conversation', resourceId: conversation.id, caseId: conversation.caseId ?? undefined, detailCode: contactId ? 'silence-answered' : 'silence' });
  }

  private async recordContact(tx: Tx, conversation: LineConversation): Promise<string | null> {
    const [first] = await tx.manager.find(LineMessage, {
      where: { conversationId: conversation.id, direction: MessageDirection.Out },
      order: { occurredAt: 'ASC' },
    }).then((rows) => rows.filter((m) => m.authorId));
    if (!first?.authorId) return null;
    const [user] = await queryRows<{ id: string; role: Role; unit_id: string | null; department_id: string | null }>(tx.manager, `SELECT id, role, unit_id, department_id FROM users WHERE id = $1`, [first.authorId]);
    const channel = await tx.manager.findOneOrFail(LineChannel, { where: { id: conversation.channelId } });
    const actor: Actor = {
      userId: user.id,
      role: user.role,
      unitId: user.unit_id,
      departmentId: user.department_id,
      sessionId: 'job',
      requestId: `job:${JobName.LineCloseSilent}:${conversation.id}`,
      ip: null,
    };
    const minutes = Math.round((conversation.lastMessageAt.getTime() - conversation.startedAt.getTime()) / 60_000);
    const dto = {
      programCode: channel.programCode,
      startedAt: conversation.startedAt.toISOString(),
      durationMinutes: Math.min(1440, Math.max(0, minutes)),
      channel: Channel.Line,
      mainConcern: UNRECORDED_CONCERN,
      dvRelated: false,
    };
    try {
      return (await this.contacts.recordWithin(tx, actor, dto, conversation.caseId)).id;
    } catch (error) {
      // The case is no longer visible to that counselor: count the session on the program.
      if (error instanceof NotFoundError && conversation.caseId) return (await this.contacts.recordWithin(tx, actor, dto, null)).id;
      throw error;
    }
  }
}
