import { Injectable } from '@nestjs/common';
import { AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { Actor, Clock, NotFoundError, Role } from '@tsunagu/common';
import { FieldCipher } from '@tsunagu/crypto';
import { LineConversation, LineMessage } from '../line.entities';
import { messageAad } from '../webhook/line-event.processor';
import { ConversationDto, ConversationQueryDto, MessageDto } from './dto/conversation.dto';

const LIST_LIMIT = 200;

/**
 * The counselor's LINE inbox: conversations of the accounts their unit answers, the longest
 * waiting first. Reading messages is audited like reading a case.
 */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  list(actor: Actor, query: ConversationQueryDto): Promise<ConversationDto[]> {
    return this.tx.run(actor, async (tx) => {
      const status = query.status ?? 'open';
      const rows: (Record<string, unknown> & { waiting_since: Date | null })[] = await tx.manager.query(
        `SELECT lc.id, lc.channel_id, ch.program_code, lc.status, lc.started_at, lc.last_message_at, lc.waiting_since, lc.case_id,
                (SELECT count(*)::int FROM line_messages m WHERE m.conversation_id = lc.id) AS message_count
           FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id
          WHERE ${this.scope(actor)} AND lc.status = $2
          ORDER BY lc.waiting_since ASC NULLS LAST, lc.last_message_at DESC
          LIMIT ${LIST_LIMIT}`,
        [actor.unitId, status],
      );
      await tx.audit({ category: AuditCategory.Case, action: 'line.conversation.list', resourceType: 'line-conversation', detailCode: status });
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
      }));
    });
  }

  messages(actor: Actor, conversationId: string): Promise<MessageDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.requireConversation(tx, actor, conversationId, 'line.message.list');
      const rows = await tx.manager.find(LineMessage, { where: { conversationId }, order: { occurredAt: 'ASC', id: 'ASC' } });
      await tx.audit({ category: AuditCategory.Case, action: 'line.message.list', resourceType: 'line-conversation', resourceId: conversationId });
      return Promise.all(
        rows.map(async (m) => ({
          id: m.id,
          direction: m.direction,
          kind: m.kind,
          text: await this.cipher.decryptOptional(m.textEnc, messageAad(m.id), tx.manager),
          occurredAt: m.occurredAt.toISOString(),
        })),
      );
    });
  }

  /** The conversation if it belongs to an account the actor's unit answers; otherwise the same audited 404 as a missing one. */
  private async requireConversation(tx: Tx, actor: Actor, id: string, action: string): Promise<LineConversation> {
    const [row] = await tx.manager.query(
      `SELECT lc.id FROM line_conversations lc JOIN line_channels ch ON ch.id = lc.channel_id WHERE lc.id = $2 AND ${this.scope(actor)}`,
      [actor.unitId, id],
    );
    if (!row) {
      tx.denied({ category: AuditCategory.Case, action, resourceType: 'line-conversation', resourceId: id, detailCode: 'not-found-or-out-of-scope' });
      throw new NotFoundError('LINE相談が見つかりません');
    }
    return tx.manager.findOneOrFail(LineConversation, { where: { id } });
  }

  /** Counselors and supervisors see the accounts of their unit; `$1` is the actor's unit. */
  private scope(actor: Actor): string {
    const caseRole = (actor.role === Role.Counselor || actor.role === Role.Supervisor) && actor.unitId !== null;
    return caseRole ? 'ch.unit_id = $1' : '(FALSE AND ch.unit_id = $1)';
  }
}
