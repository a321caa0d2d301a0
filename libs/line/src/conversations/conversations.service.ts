import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { hasPermission, Permission, readsUnitCases } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { CaseAccessService, ContactsService, CreateProvisionDto, ProvisionDto, ProvisionsService } from '@tsunagu/cases';
import { Channel, CodesService } from '@tsunagu/codes';
import { Actor, Clock, DomainError, ForbiddenError, NotFoundError, StaleVersionError } from '@tsunagu/common';
import { FieldCipher } from '@tsunagu/crypto';
import { JOB_QUEUE_TOKEN, JobName, JobQueue } from '@tsunagu/queue';
import { randomUUID } from 'node:crypto';
import { messageAad } from '../aad';
import { ConversationStatus, DELIVERY_LABELS, LineChannel, LineConversation, LineMessage, LineUser, MessageDirection, OutgoingDelivery } from '../line.entities';
import { dispatchStagedSends, stagePush } from '../outgoing/outgoing.service';
import { CloseConversationDto, ConversationDto, ConversationQueryDto, ConversationStateDto, LinkConversationDto, MessageDto, ReplyDto } from './dto/conversation.dto';
import { queryRows } from '@tsunagu/database';

const stateDto = (c: LineConversation): ConversationStateDto => ({ id: c.id, status: c.status, caseId: c.caseId, contactId: c.contactId, version: c.version });

const LIST_LIMIT = 200;

/**
 * The counselor's LINE inbox: conversations of the accounts their unit answers, the longest
 * waiting first. Reading messages is audited like reading a case.
 */
@Injectable()
export class ConversationsService {
  private readonly logger = new Logger('LineConversations');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    private readonly codes: CodesService,
    private readonly access: CaseAccessService,
    private readonly contacts: ContactsService,
    private readonly provisions: ProvisionsService,
    @Inject(JOB_QUEUE_TOKEN) private readonly queue: JobQueue,
  ) {}

  list(actor: Actor, query: ConversationQueryDto): Promise<ConversationDto[]> {
    return this.tx.run(actor, async (tx) => {
      const status = query.status ?? 'open';
      const params: unknown[] = [actor.unitId, status];
      const rows: (Record<string, unknown> & { waiting_since: Date | null })[] = await tx.manager.query(
        `SELECT lc.id, lc.channel_id, ch.program_code, lc.status, lc.started_at, lc.last_message_at, lc.waiting_since, lc.case_id, lc.version,
                (SELECT count(*)::int FROM line_messages m WHERE m.conversation_id = lc.id) AS message_count
           FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id
          WHERE ${this.scope(actor, params)} AND lc.status = $2
          ORDER BY lc.waiting_since ASC NULLS LAST, lc.last_message_at DESC
          LIMIT ${LIST_LIMIT}`,
        params,
      );
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineConversationList, resourceType: 'line-conversation', detailCode: status });
      const now = this.clock.now().getTime();
      return rows.map((r) => ({
        id: r.id as string,
        channelId: r.channel_id as string,
        programCode: r.program_code as string,
        status: r.status as string,
        startedAt: (r.started_at as Date).toISOString(),
        lastMessageAt: (r.last_message_at as Date).toISOString(),
        waitingSince: r.waiting_since ? r.waiting_since.toISOString() : null,
        waitingMinutes: r.waiting_since ? Math.max(0, Math.floor((now - r.waiting_since.getTime()) / 60_000)) : 0,
        caseId: (r.case_id as string | null) ?? null,
        messageCount: r.message_count as number,
        version: r.version as number,
      }));
    });
  }

  /** The conversation's messages; opening them tells LINE they have been read. */
  async messages(actor: Actor, conversationId: string): Promise<MessageDto[]> {
    let unread = false;
    const messages = await this.tx.run(actor, async (tx) => {
      await this.requireConversation(tx, actor, conversationId, AuditAction.LineMessageList);
      const rows = await tx.manager.find(LineMessage, { where: { conversationId }, order: { occurredAt: 'ASC', id: 'ASC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineMessageList, resourceType: 'line-conversation', resourceId: conversationId });
      unread = rows.some((m) => m.readTokenEnc !== null);
      return Promise.all(
        rows.map(async (m) => ({
          id: m.id,
          direction: m.direction,
          kind: m.kind,
          text: await this.cipher.decryptOptional(m.textEnc, messageAad(m.id), tx.manager),
          occurredAt: m.occurredAt.toISOString(),
          delivery: m.delivery,
          deliveryLabel: m.delivery ? DELIVERY_LABELS[m.delivery] : null,
        })),
      );
    });
    if (unread) await this.queue.enqueue(JobName.LineMarkRead, { conversationId }, { idempotencyKey: `line-read-${conversationId}-${this.clock.now().getTime()}` });
    return messages;
  }

  /** The counselor is writing: LINE shows the user a loading indicator. */
  async typing(actor: Actor, conversationId: string): Promise<void> {
    await this.tx.run(actor, async (tx) => {
      await this.requireConversation(tx, actor, conversationId, AuditAction.LineTyping);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineTyping, resourceType: 'line-conversation', resourceId: conversationId });
    });
    await this.queue.enqueue(JobName.LineLoading, { conversationId }, { attempts: 1 });
  }

  /**
   * A counselor's reply, sent by the worker through the push API; its job commits with it. Outside
   * the program's hours only a supervisor may send (audited as such).
   */
  async reply(actor: Actor, conversationId: string, dto: ReplyDto): Promise<MessageDto> {
    const message = await this.tx.run(actor, async (tx) => {
      const conversation = await this.requireConversation(tx, actor, conversationId, AuditAction.LineMessageSend, true);
      if (conversation.status !== ConversationStatus.Open) throw new DomainError(HttpStatus.CONFLICT, 'この相談は終了しています');
      const channel = await tx.manager.findOneOrFail(LineChannel, { where: { id: conversation.channelId } });
      const now = this.clock.now();
      const open = await this.codes.isOpen(channel.programCode, now, tx.manager);
      if (!open && !hasPermission(actor.role, Permission.LineReplyOutsideHours)) {
        tx.denied({ category: AuditCategory.Case, action: AuditAction.LineMessageSend, resourceType: 'line-conversation', resourceId: conversationId, detailCode: 'outside-hours' });
        throw new DomainError(HttpStatus.CONFLICT, '受付時間外のため送信できません。係長に依頼してください', [
          { field: 'text', message: '受付時間外です', constraints: ['withinServiceHours'] },
        ]);
      }
      const user = await tx.manager.findOneOrFail(LineUser, { where: { id: conversation.lineUserId } });
      const id = randomUUID();
      const row: LineMessage = {
        id,
        conversationId,
        direction: MessageDirection.Out,
        kind: 'text',
        textEnc: await this.cipher.encrypt(user.dataKeyId, dto.text, messageAad(id), tx.manager),
        lineMessageId: null,
        occurredAt: now,
        delivery: OutgoingDelivery.Queued,
        retryKey: randomUUID(),
        authorId: actor.userId,
        sendAttempts: 0,
        readTokenEnc: null,
      };
      await tx.manager.insert(LineMessage, row);
      await stagePush(this.queue, tx.manager, id);
      await tx.manager.update(
        LineConversation,
        { id: conversationId },
        { firstResponseAt: conversation.firstResponseAt ?? now, waitingSince: null, lastMessageAt: now, version: conversation.version + 1 },
      );
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineMessageSend, resourceType: 'line-conversation', resourceId: conversationId, detailCode: open ? 'in-hours' : 'outside-hours' });
      return row;
    });
    await dispatchStagedSends(this.queue, this.logger);
    return { id: message.id, direction: message.direction, kind: message.kind, text: dto.text, occurredAt: message.occurredAt.toISOString(), delivery: message.delivery, deliveryLabel: DELIVERY_LABELS[OutgoingDelivery.Queued] };
  }

  /**
   * Ends a session the counselor has handled. An answered session becomes a consultation record
   * (channel LINE) on the linked case, or an anonymous one on the program: the 相談件数.
   */
  close(actor: Actor, conversationId: string, dto: CloseConversationDto): Promise<ConversationStateDto> {
    return this.tx.run(actor, async (tx) => {
      const conversation = await this.requireConversation(tx, actor, conversationId, AuditAction.LineConversationClose, true);
      if (conversation.version !== dto.version) throw new StaleVersionError();
      if (conversation.status !== ConversationStatus.Open) throw new DomainError(HttpStatus.CONFLICT, 'この相談は既に終了しています');
      const channel = await tx.manager.findOneOrFail(LineChannel, { where: { id: conversation.channelId } });
      let contactId: string | null = null;
      if (conversation.firstResponseAt) {
        const minutes = Math.round((conversation.lastMessageAt.getTime() - conversation.startedAt.getTime()) / 60_000);
        const contact = await this.contacts.recordWithin(
          tx,
          actor,
          {
            programCode: channel.programCode,
            startedAt: conversation.startedAt.toISOString(),
            durationMinutes: Math.min(1440, Math.max(0, minutes)),
            channel: Channel.Line,
            mainConcern: dto.mainConcern,
            otherConcerns: dto.otherConcerns,
            dvRelated: dto.dvRelated,
            summary: dto.summary,
          },
          conversation.caseId,
        );
        contactId = contact.id;
      }
      const next: Partial<LineConversation> = {
        status: ConversationStatus.Closed,
        closedAt: this.clock.now(),
        closeReason: 'handled',
        waitingSince: null,
        contactId,
        version: conversation.version + 1,
      };
      await tx.manager.update(LineConversation, { id: conversationId, version: dto.version }, next);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineConversationClose, resourceType: 'line-conversation', resourceId: conversationId, caseId: conversation.caseId ?? undefined, detailCode: contactId ? 'answered' : 'unanswered' });
      return stateDto({ ...conversation, ...next });
    });
  }

  /** Ties the conversation (and its LINE user) to a case the actor may see, and so to its client. */
  link(actor: Actor, conversationId: string, dto: LinkConversationDto): Promise<ConversationStateDto> {
    return this.tx.run(actor, async (tx) => {
      const conversation = await this.requireConversation(tx, actor, conversationId, AuditAction.LineConversationLink, true);
      if (conversation.version !== dto.version) throw new StaleVersionError();
      if (conversation.caseId && conversation.caseId !== dto.caseId && !hasPermission(actor.role, Permission.CaseVisibilityManage)) {
        // Moving a conversation out of a restricted case would let it outlive the break-glass grant it was read under.
        const [from] = await queryRows<{ restricted: boolean }>(tx.manager, `SELECT restricted FROM cases WHERE id = $1`, [conversation.caseId]);
        if (from?.restricted) {
          tx.denied({ category: AuditCategory.Case, action: AuditAction.LineConversationLink, resourceType: 'line-conversation', resourceId: conversationId, caseId: conversation.caseId, detailCode: 'restricted' });
          throw new ForbiddenError('閲覧制限のあるケースに結びついたLINE相談の付け替えは査察指導員が行います');
        }
      }
      const item = await this.access.requireCase(tx, actor, dto.caseId, AuditAction.LineConversationLink, 'share');
      await tx.manager.update(LineConversation, { id: conversationId }, { caseId: item.id, version: conversation.version + 1 });
      await tx.manager.update(LineUser, { id: conversation.lineUserId }, { clientId: item.clientId });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.LineConversationLink, resourceType: 'line-conversation', resourceId: conversationId, caseId: item.id });
      return stateDto({ ...conversation, caseId: item.id, version: conversation.version + 1 });
    });
  }

  /** Supplies arranged through the conversation (生理用品 sets), counted for the program. */
  provide(actor: Actor, conversationId: string, dto: CreateProvisionDto): Promise<ProvisionDto> {
    return this.tx.run(actor, async (tx) => {
      const conversation = await this.requireConversation(tx, actor, conversationId, AuditAction.ProvisionCreate);
      const channel = await tx.manager.findOneOrFail(LineChannel, { where: { id: conversation.channelId } });
      return this.provisions.recordWithin(tx, actor, dto, { programCode: channel.programCode, unitId: channel.unitId, caseId: conversation.caseId, lineConversationId: conversationId });
    });
  }

  /** The conversation if it belongs to an account the actor's unit answers; otherwise the same audited 404 as a missing one. */
  private async requireConversation(tx: Tx, actor: Actor, id: string, action: AuditAction, forUpdate = false): Promise<LineConversation> {
    const params: unknown[] = [actor.unitId, id];
    const [row] = await queryRows<{ id: string }>(tx.manager, `SELECT lc.id FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id WHERE lc.id = $2 AND ${this.scope(actor, params)}`, params);
    if (!row) {
      tx.denied({ category: AuditCategory.Case, action, resourceType: 'line-conversation', resourceId: id, detailCode: 'not-found-or-out-of-scope' });
      throw new NotFoundError('LINE相談が見つかりません');
    }
    return tx.manager.findOneOrFail(LineConversation, { where: { id }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  /**
   * Counselors and supervisors see the accounts of their unit; `params[0]` is the actor's unit. A
   * conversation tied to a case is seen only by those who may see that case (a restricted case's
   * LINE consultation is as hidden as its contacts). A LINE user shredded at the end of retention
   * (with her client or alone) is gone from every view.
   */
  private scope(actor: Actor, params: unknown[]): string {
    if (!readsUnitCases(actor)) return '(FALSE AND ch.unit_id = $1)';
    const live = 'EXISTS (SELECT 1 FROM line_users lu WHERE lu.id = lc.line_user_id AND lu.shredded_at IS NULL)';
    const caseVisible = `(lc.case_id IS NULL OR EXISTS (SELECT 1 FROM cases vc WHERE vc.id = lc.case_id AND ${this.access.caseVisibleSql(actor, 'vc', params)}))`;
    return `(ch.unit_id = $1 AND ${live} AND ${caseVisible})`;
  }
}
