import { Body, Controller, Get, HttpCode, HttpStatus, Injectable, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentActor, hasPermission, Permission, RequirePermission } from '@tsunagu/access';
import { AuditAction, AuditCategory, Tx, TransactionRunner } from '@tsunagu/audit';
import { EntityManager, In } from 'typeorm';
import { Actor, Clock, ConflictError, GoneError, invalidField, jstDate, UuidParam } from '@tsunagu/common';
import { DataKeyService } from '@tsunagu/crypto';
import { affectedRows } from '@tsunagu/database';
import { ArrayMaxSize, IsArray, IsInt, IsString, MaxLength, Min } from 'class-validator';
import { CaseAccessService } from '../access/case-access.service';
import { Client } from '../clients/client.entity';
import { ClientsService } from '../clients/clients.service';
import { anonymousDue, latestOf } from './anonymous';
import { dueClients } from './due';

export class RetentionCaseDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ description: 'JST date the case closed' }) closedOn: string;
  @ApiProperty({ description: 'closedOn + the program’s retention years' }) retainUntil: string;
}

/** A client all of whose cases are closed and past their programs' retention: due for destruction. */
export class RetentionDueDto {
  @ApiProperty() clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() addressProtected: boolean;
  @ApiProperty({ description: 'The latest retainUntil of her cases; for a client without any case, her last change plus the longest retention of any program' }) retainUntil: string;
  @ApiProperty({ type: [RetentionCaseDto], description: 'Empty for a client registered without any case' }) cases: RetentionCaseDto[];
}

/** The supervisor's confirmation: every case number of the client, as listed, so a wrong id can't destroy someone else. */
export class DestroyClientDto {
  @ApiProperty({ type: [String], description: 'All of the client’s case numbers; empty for a client without any case' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  caseNumbers: string[];
}

/** Records of the unit that belong to no client and are past retention: counts only. */
export class AnonymousDueDto {
  @ApiProperty({ description: 'Anonymous consultation records (no case)' }) contacts: number;
  @ApiProperty({ description: 'LINE users tied to no client or case, no longer following' }) lineUsers: number;
  @ApiProperty({ description: 'Old LINE conversations, tied to no case, of users still following: their texts are due' }) lineConversations: number;
  @ApiProperty({ nullable: true, type: String, description: 'The latest date any of them was kept until (JST)' }) retainUntil: string | null;
}

/** The supervisor's confirmation: the counts as listed, so what is destroyed is what was seen. */
export class DestroyAnonymousDto {
  @ApiProperty() @IsInt() @Min(0) contacts: number;
  @ApiProperty() @IsInt() @Min(0) lineUsers: number;
  @ApiProperty() @IsInt() @Min(0) lineConversations: number;
}

export class DestroyedAnonymousDto {
  @ApiProperty() contacts: number;
  @ApiProperty() lineUsers: number;
  @ApiProperty() lineConversations: number;
  @ApiProperty() lineMessages: number;
}

/** What a destruction emptied: counts only. */
export class DestroyedClientDto {
  @ApiProperty() clientId: string;
  @ApiProperty() shreddedAt: string;
  @ApiProperty() cases: number;
  @ApiProperty() contacts: number;
  @ApiProperty() referrals: number;
  @ApiProperty() placements: number;
  @ApiProperty() lineUsers: number;
  @ApiProperty() lineMessages: number;
}

/**
 * Retention (issue 12): a client's records are kept while any of her cases is open or within
 * its program's retention period after closing (`programs.retention_years`, default 5). Once
 * all are past it, she is listed, every supervisor of her unit gets a reminder, and a supervisor
 * confirms destruction: her data keys are destroyed (crypto-shredding) and every encrypted or
 * free-text field about her emptied, while the rows of codes and dates stay, so the statistics
 * of past months are unchanged, and the audit trail (ids and codes) stays whole.
 */
@Injectable()
export class RetentionService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clients: ClientsService,
    private readonly access: CaseAccessService,
    private readonly dataKeys: DataKeyService,
    private readonly clock: Clock,
  ) {}

  due(actor: Actor): Promise<RetentionDueDto[]> {
    return this.tx.run(actor, async (tx) => {
      const found = await dueClients(tx.manager, jstDate(this.clock.now()), { unitId: actor.unitId! });
      const clients = new Map((await tx.manager.findBy(Client, { id: In(found.map((d) => d.clientId)) })).map((c) => [c.id, c]));
      const due: RetentionDueDto[] = [];
      for (const d of found) {
        const summary = await this.clients.toSummary(clients.get(d.clientId)!, tx.manager);
        due.push({ clientId: d.clientId, clientName: summary.name, addressProtected: summary.addressProtected, retainUntil: d.retainUntil, cases: d.cases });
      }
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.RetentionList, resourceType: 'client', detailCode: String(due.length) });
      return due.sort((a, b) => a.retainUntil.localeCompare(b.retainUntil));
    });
  }

  /** Destroys one client's personal data for good. Refused unless she is due and every case number is confirmed. */
  destroy(actor: Actor, clientId: string, dto: DestroyClientDto): Promise<DestroyedClientDto> {
    return this.tx.run(actor, async (tx) => {
      const client = await tx.manager
        .getRepository(Client)
        .createQueryBuilder('cl')
        .where('cl.id = :clientId AND cl.unit_id = :unitId', { clientId, unitId: actor.unitId })
        .setLock('pessimistic_write')
        .getOne();
      if (!client || !hasPermission(actor.role, Permission.RetentionManage)) throw this.access.notFound(tx, AuditAction.ClientShred, 'client', clientId);
      if (client.shreddedAt) throw new GoneError('この相談者の記録はすでに消去されています');
      // Her cases locked first: no case of hers can be reopened or added to while she is shredded.
      const caseRows: { id: string; case_number: string }[] = await tx.manager.query(
        `SELECT id, case_number FROM cases WHERE client_id = $1 ORDER BY case_number FOR UPDATE`,
        [clientId],
      );
      const [due] = await dueClients(tx.manager, jstDate(this.clock.now()), { clientId });
      if (!due || due.cases.length !== caseRows.length) {
        throw new ConflictError('保存期間が満了していないケースがあるため、消去できません');
      }
      const expected = caseRows.map((c) => c.case_number).sort();
      const given = [...new Set(dto.caseNumbers.map((n) => n.trim()))].sort();
      if (given.length !== expected.length || given.some((n, i) => n !== expected[i])) {
        throw invalidField('caseNumbers', '消去する相談者のケース番号をすべて、一覧のとおりに入力してください', 'matchesCases');
      }
      const counts = await this.shred(tx, client, caseRows.map((c) => c.id));
      for (const c of caseRows) {
        await tx.audit({ category: AuditCategory.Case, action: AuditAction.CaseShred, resourceType: 'case', resourceId: c.id, caseId: c.id, detailCode: 'retention-expired' });
      }
      await tx.audit({
        category: AuditCategory.Case,
        action: AuditAction.ClientShred,
        resourceType: 'client',
        resourceId: clientId,
        detailCode: `cases=${counts.cases};contacts=${counts.contacts};referrals=${counts.referrals};placements=${counts.placements};line-users=${counts.lineUsers};line-messages=${counts.lineMessages}`,
      });
      return { clientId, ...counts };
    });
  }

  /** How many records of the unit that belong to no client are past retention. */
  anonymous(actor: Actor): Promise<AnonymousDueDto> {
    return this.tx.run(actor, async (tx) => {
      const due = await anonymousDue(tx.manager, jstDate(this.clock.now()), actor.unitId!);
      await tx.audit({
        category: AuditCategory.Case,
        action: AuditAction.RetentionAnonymousList,
        resourceType: 'contact',
        detailCode: `contacts=${due.contacts.length};line-users=${due.lineUsers.length};line-conversations=${due.conversations.length}`,
      });
      return {
        contacts: due.contacts.length,
        lineUsers: due.lineUsers.length,
        lineConversations: due.conversations.length,
        retainUntil: latestOf([...due.contacts, ...due.lineUsers, ...due.conversations]),
      };
    });
  }

  /**
   * Destroys every record of the unit that belongs to no client and is past retention, when the
   * counts confirmed are the counts due now (otherwise 409: the list changed, read it again).
   */
  destroyAnonymous(actor: Actor, dto: DestroyAnonymousDto): Promise<DestroyedAnonymousDto> {
    return this.tx.run(actor, async (tx) => {
      const now = this.clock.now();
      // One destruction of a unit's anonymous records at a time; a second waits and then finds fewer.
      await tx.manager.query(`SELECT id FROM units WHERE id = $1 FOR UPDATE`, [actor.unitId]);
      const due = await anonymousDue(tx.manager, jstDate(now), actor.unitId!);
      if (due.contacts.length !== dto.contacts || due.lineUsers.length !== dto.lineUsers || due.conversations.length !== dto.lineConversations) {
        throw new ConflictError('対象の件数が変わりました。一覧を読み込み直してから、もう一度確認してください');
      }
      const contactIds = due.contacts.map((c) => c.id);
      await tx.manager.query(`UPDATE contacts SET summary_enc = NULL, next_action_enc = NULL WHERE id = ANY($1::uuid[])`, [contactIds]);
      await this.dataKeys.destroyMany(tx.manager, due.contacts.map((c) => c.data_key_id), now);
      const lineMessages =
        (await this.shredLineUsers(tx.manager, due.lineUsers, [], now)) +
        (await affectedRows(tx.manager, `UPDATE line_messages SET text_enc = NULL, read_token_enc = NULL WHERE conversation_id = ANY($1::uuid[])`, [due.conversations.map((v) => v.id)]));
      await tx.audit({
        category: AuditCategory.Case,
        action: AuditAction.RetentionAnonymousShred,
        resourceType: 'contact',
        detailCode: `contacts=${contactIds.length};line-users=${due.lineUsers.length};line-conversations=${due.conversations.length};line-messages=${lineMessages}`,
      });
      return { contacts: contactIds.length, lineUsers: due.lineUsers.length, lineConversations: due.conversations.length, lineMessages };
    });
  }

  private async shred(tx: Tx, client: Client, caseIds: string[]): Promise<Omit<DestroyedClientDto, 'clientId'>> {
    const m = tx.manager;
    const now = this.clock.now();
    await m.query(
      `UPDATE clients SET name_enc = NULL, kana_enc = NULL, birth_date_enc = NULL, phone_enc = NULL, address_enc = NULL, notes_enc = NULL,
              phone_bidx = NULL, kana_bidx = NULL, shredded_at = $2, updated_at = $2, version = version + 1
        WHERE id = $1`,
      [client.id, now],
    );
    await m.query(`UPDATE client_children SET name_enc = NULL, birth_date_enc = NULL WHERE client_id = $1`, [client.id]);
    const contacts = await affectedRows(
      m,
      `UPDATE contacts SET summary_enc = NULL, next_action_enc = NULL WHERE case_id = ANY($1::uuid[]) OR data_key_id = $2`,
      [caseIds, client.dataKeyId],
    );
    await m.query(`UPDATE risk_assessments SET note_enc = NULL WHERE case_id = ANY($1::uuid[])`, [caseIds]);
    const placements = await affectedRows(m, `UPDATE placements SET reason_enc = NULL, decision_note_enc = NULL WHERE case_id = ANY($1::uuid[])`, [caseIds]);
    const referrals = await affectedRows(
      m,
      `UPDATE referrals SET message_enc = NULL, summary_enc = NULL, disclosure_enc = NULL, reject_reason_enc = NULL, response_comment_enc = NULL
        WHERE client_id = $1 OR case_id = ANY($2::uuid[])`,
      [client.id, caseIds],
    );
    // Her LINE accounts: linked to her, or to a conversation on one of her cases. Each has its own key.
    const lineUsers: { id: string; data_key_id: string }[] = await m.query(
      `SELECT u.id, u.data_key_id FROM line_users u
        WHERE u.client_id = $1 OR EXISTS (SELECT 1 FROM line_conversations v WHERE v.line_user_id = u.id AND v.case_id = ANY($2::uuid[]))`,
      [client.id, caseIds],
    );
    const lineMessages = await this.shredLineUsers(m, lineUsers, caseIds, now);
    await this.dataKeys.destroy(m, client.dataKeyId, now);
    // Her reminders are settled: nothing is left to remind about.
    await m.query(`UPDATE tasks SET done_at = $3 WHERE done_at IS NULL AND (case_id = ANY($1::uuid[]) OR source_id = $2)`, [caseIds, client.id, now]);
    return { shreddedAt: now.toISOString(), cases: caseIds.length, contacts, referrals, placements, lineUsers: lineUsers.length, lineMessages };
  }

  /**
   * Shreds LINE users: their keys destroyed, their id, blind index and raw webhook events emptied,
   * the texts of their conversations (and of conversations on `caseIds`) emptied. Returns how many
   * messages were emptied. The conversations and follow events stay as counts.
   */
  private async shredLineUsers(m: EntityManager, users: Array<{ id: string; data_key_id: string }>, caseIds: string[], now: Date): Promise<number> {
    const ids = users.map((u) => u.id);
    const messages = await affectedRows(
      m,
      `UPDATE line_messages SET text_enc = NULL, read_token_enc = NULL
        WHERE conversation_id IN (SELECT id FROM line_conversations WHERE line_user_id = ANY($1::uuid[]) OR case_id = ANY($2::uuid[]))`,
      [ids, caseIds],
    );
    await m.query(`UPDATE line_inbox SET payload_enc = NULL WHERE line_user_id = ANY($1::uuid[])`, [ids]);
    await m.query(`UPDATE line_users SET user_id_enc = NULL, user_id_bidx = NULL, following = false, shredded_at = $2 WHERE id = ANY($1::uuid[])`, [ids, now]);
    await this.dataKeys.destroyMany(m, users.map((u) => u.data_key_id), now);
    return messages;
  }
}

@ApiTags('retention')
@Controller('retention')
export class RetentionController {
  constructor(private readonly retention: RetentionService) {}

  @Get('due')
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: [RetentionDueDto] })
  due(@CurrentActor() actor: Actor): Promise<RetentionDueDto[]> {
    return this.retention.due(actor);
  }

  @Get('anonymous')
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: AnonymousDueDto })
  anonymous(@CurrentActor() actor: Actor): Promise<AnonymousDueDto> {
    return this.retention.anonymous(actor);
  }

  @Post('anonymous/destroy')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: DestroyedAnonymousDto })
  destroyAnonymous(@CurrentActor() actor: Actor, @Body() dto: DestroyAnonymousDto): Promise<DestroyedAnonymousDto> {
    return this.retention.destroyAnonymous(actor, dto);
  }

  @Post('clients/:id/destroy')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.RetentionManage)
  @ApiOkResponse({ type: DestroyedClientDto })
  destroy(@CurrentActor() actor: Actor, @Param('id', UuidParam('id')) id: string, @Body() dto: DestroyClientDto): Promise<DestroyedClientDto> {
    return this.retention.destroy(actor, id, dto);
  }
}
