import { Injectable } from '@nestjs/common';
import { hasPermission, Permission } from '@tsunagu/access';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { CaseAccessService, Client, ClientsService, shredAnonymousContacts, shredClientRecords } from '@tsunagu/cases';
import { Actor, Clock, ConflictError, GoneError, invalidField, jstDate } from '@tsunagu/common';
import { DataKeyService } from '@tsunagu/crypto';
import { shredPlacements } from '@tsunagu/facilities';
import { lineUsersOf, shredConversationTexts, shredLineUsers } from '@tsunagu/line';
import { shredReferrals } from '@tsunagu/referrals';
import { In } from 'typeorm';
import { anonymousDue, latestOf } from './anonymous';
import { AnonymousDueDto, DestroyAnonymousDto, DestroyClientDto, DestroyedAnonymousDto, DestroyedClientDto, RetentionDueDto } from './dto/retention.dto';
import { dueClients } from './due';

/**
 * Retention: a client's records are kept while any of her cases is open or within
 * its program's retention period after closing (`programs.retention_years`, default 5). Once
 * all are past it, she is listed, every supervisor of her unit gets a reminder, and a supervisor
 * confirms destruction: her data keys are destroyed (crypto-shredding) and every encrypted or
 * free-text field about her emptied, while the rows of codes and dates stay, so the statistics
 * of past months are unchanged, and the audit trail (ids and codes) stays whole. Each library
 * empties its own part of her (its `shredding.ts`); this one composes them in one transaction.
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
      await shredAnonymousContacts(tx.manager, contactIds);
      await this.dataKeys.destroyMany(tx.manager, due.contacts.map((c) => c.data_key_id), now);
      const lineMessages =
        (await shredLineUsers(tx.manager, due.lineUsers.map((u) => u.id), [], now)) + (await shredConversationTexts(tx.manager, due.conversations.map((v) => v.id)));
      await this.dataKeys.destroyMany(tx.manager, due.lineUsers.map((u) => u.data_key_id), now);
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
    const { contacts } = await shredClientRecords(m, client, caseIds, now);
    const placements = await shredPlacements(m, caseIds);
    const referrals = await shredReferrals(m, client.id, caseIds);
    const lineUsers = await lineUsersOf(m, client.id, caseIds);
    const lineMessages = await shredLineUsers(m, lineUsers.map((u) => u.id), caseIds, now);
    await this.dataKeys.destroyMany(m, lineUsers.map((u) => u.data_key_id), now);
    await this.dataKeys.destroy(m, client.dataKeyId, now);
    return { shreddedAt: now.toISOString(), cases: caseIds.length, contacts, referrals, placements, lineUsers: lineUsers.length, lineMessages };
  }
}
