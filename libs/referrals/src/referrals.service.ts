import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { CaseAccessService, Client, clientDataKeyId, ClientsService, SupportMeasure } from '@tsunagu/cases';
import { hasPermission, Permission } from '@tsunagu/access';
import { Actor, Clock, DomainError, fieldConflict, FieldError, invalidField, InvalidInputError, isValidDate, jstDate, NotFoundError, StaleVersionError } from '@tsunagu/common';
import { FieldCipher } from '@tsunagu/crypto';
import { Department } from '@tsunagu/organization';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  ApproveReferralDto,
  CreateReferralDto,
  InboxDetailDto,
  InboxItemDto,
  ReasonDto,
  ReferralDto,
  ReferralQueryDto,
  RespondDto,
  UpdateReferralDto,
  VersionDto,
} from './dto/referral.dto';
import { DISCLOSED, DisclosableField, REFERRAL_PURPOSE_LABELS, REFERRAL_STATUS_LABELS, ReferralPurpose, ReferralStatus } from './referral-codes';
import { Consent, Referral } from './referral.entities';

type Text = 'message' | 'summary' | 'rejectReason' | 'responseComment' | 'disclosure';
/** Where a referral's encrypted text belongs (the AEAD associated data). */
export const referralAad = (referralId: string, field: Text) => `referral:${referralId}:${field}`;
const QUEUE_LIMIT = 200;


/**
 * Referrals to other departments (庁内連携): drafted on a case, submitted under the client's
 * consent, approved by a supervisor who did not write it — which freezes exactly the chosen
 * fields into the disclosure —, then answered by the department's liaison.
 */
@Injectable()
export class ReferralsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly clients: ClientsService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, caseId: string, dto: CreateReferralDto): Promise<ReferralDto> {
    this.checkDraft(dto.fields, dto.summary, dto.dueOn);
    return this.tx.run(actor, async (tx) => {
      const item = await this.access.requireCase(tx, actor, caseId, AuditAction.ReferralCreate, 'share');
      const department = await tx.manager.findOne(Department, { where: { id: dto.departmentId, active: true } });
      if (!department) throw invalidField('departmentId', '連携先の課が見つかりません', 'knownDepartment');
      await this.checkSupportMeasure(tx.manager, caseId, dto.purpose, dto.supportMeasureId);
      const keyId = await clientDataKeyId(tx.manager, item.clientId);
      const id = randomUUID();
      const now = this.clock.now();
      const referral: Referral = {
        id,
        caseId,
        clientId: item.clientId,
        unitId: item.unitId,
        departmentId: department.id,
        purpose: dto.purpose,
        messageEnc: await this.cipher.encrypt(keyId, dto.message, referralAad(id, 'message'), tx.manager),
        fields: [...new Set(dto.fields)],
        summaryEnc: await this.cipher.encryptOptional(keyId, dto.summary, referralAad(id, 'summary'), tx.manager),
        dueOn: dto.dueOn,
        supportMeasureId: dto.supportMeasureId ?? null,
        opinionGivenOn: null,
        status: ReferralStatus.Draft,
        authorId: actor.userId,
        consentId: null,
        submittedAt: null,
        decidedBy: null,
        decidedAt: null,
        rejectReasonEnc: null,
        addressConfirmed: false,
        disclosureEnc: null,
        respondedBy: null,
        respondedAt: null,
        responseCommentEnc: null,
        revokedAt: null,
        revokeReason: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await tx.manager.insert(Referral, referral);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ReferralCreate, resourceType: 'referral', resourceId: id, caseId, detailCode: referral.fields.join(',') });
      return this.toDto(referral, tx.manager);
    });
  }

  /** Edits a draft; once submitted a referral changes only by its transitions. */
  update(actor: Actor, id: string, dto: UpdateReferralDto): Promise<ReferralDto> {
    return this.tx.run(actor, async (tx) => {
      const referral = await this.require(tx, actor, id, dto.version, AuditAction.ReferralUpdate);
      if (referral.status !== ReferralStatus.Draft) throw fieldConflict('status', '下書きの間だけ編集できます', 'draft');
      const fields = dto.fields ? [...new Set(dto.fields)] : referral.fields;
      const summary = dto.summary !== undefined ? dto.summary : await this.cipher.decryptOptional(referral.summaryEnc, referralAad(id, 'summary'), tx.manager);
      this.checkDraft(fields, summary ?? undefined, dto.dueOn ?? referral.dueOn);
      const keyId = await clientDataKeyId(tx.manager, referral.clientId);
      if (dto.purpose !== undefined) await this.checkSupportMeasure(tx.manager, referral.caseId, dto.purpose, referral.supportMeasureId ?? undefined);
      const next: Partial<Referral> = {
        ...(dto.purpose !== undefined ? { purpose: dto.purpose } : {}),
        ...(dto.message !== undefined ? { messageEnc: await this.cipher.encrypt(keyId, dto.message, referralAad(id, 'message'), tx.manager) } : {}),
        ...(dto.summary !== undefined ? { summaryEnc: await this.cipher.encrypt(keyId, dto.summary, referralAad(id, 'summary'), tx.manager) } : {}),
        ...(dto.dueOn !== undefined ? { dueOn: dto.dueOn } : {}),
        fields,
      };
      return this.transition(tx, referral, next, AuditAction.ReferralUpdate, Object.keys(dto).filter((k) => k !== 'version').join(','));
    });
  }

  /** Submits for approval: refused without a consent, not withdrawn, covering this department and every chosen field. */
  submit(actor: Actor, id: string, dto: VersionDto): Promise<ReferralDto> {
    return this.tx.run(actor, async (tx) => {
      const referral = await this.require(tx, actor, id, dto.version, AuditAction.ReferralSubmit);
      if (referral.status !== ReferralStatus.Draft) throw fieldConflict('status', '下書きだけを提出できます', 'draft');
      const consent = await this.matchingConsent(tx.manager, referral);
      if (!consent) throw fieldConflict('consent', 'この連携先と項目について、撤回されていない本人の同意が記録されていません', 'consentCovers');
      return this.transition(tx, referral, { status: ReferralStatus.Submitted, consentId: consent.id, submittedAt: this.clock.now() }, AuditAction.ReferralSubmit);
    });
  }

  /**
   * Approves and freezes the disclosure: exactly the chosen fields, read now, encrypted. An
   * address-protected client's address needs `confirmAddress`.
   */
  approve(actor: Actor, id: string, dto: ApproveReferralDto): Promise<ReferralDto> {
    return this.tx.run(actor, async (tx) => {
      const referral = await this.requireForDecision(tx, actor, id, dto.version, AuditAction.ReferralApprove);
      const consent = await this.matchingConsent(tx.manager, referral);
      if (!consent) throw fieldConflict('consent', '本人の同意が撤回されたか、対象外になっています', 'consentCovers');
      const client = await tx.manager.findOneOrFail(Client, { where: { id: referral.clientId } });
      const disclosesAddress = referral.fields.includes(DisclosableField.Address);
      if (disclosesAddress && client.addressProtected && dto.confirmAddress !== true) {
        throw invalidField('confirmAddress', '支援措置対象（所在秘匿）の方の住所を開示するには、承認者による確認が必要です', 'addressConfirmed');
      }
      const personal = referral.fields.filter(
        (f): f is Exclude<DisclosableField, DisclosableField.Summary | DisclosableField.Children> => f !== DisclosableField.Summary && f !== DisclosableField.Children,
      );
      const disclosure: Record<string, unknown> = { ...(await this.clients.disclosableFields(tx.manager, referral.clientId, personal)) };
      if (referral.fields.includes(DisclosableField.Children)) {
        disclosure.children = (await this.clients.decryptChildren(tx.manager, referral.clientId)).map(({ name, birthDate }) => ({ name, birthDate }));
      }
      if (referral.fields.includes(DisclosableField.Summary)) disclosure.summary = await this.cipher.decryptOptional(referral.summaryEnc, referralAad(id, 'summary'), tx.manager);
      const today = jstDate(this.clock.now());
      if (referral.supportMeasureId) {
        // The opinion is given today: the DV等支援措置 term records it, and its 期限 and renewal reminders follow from the term.
        await tx.manager.query(`UPDATE support_measures SET opinion_given_on = $2, version = version + 1 WHERE id = $1 AND opinion_given_on IS NULL`, [referral.supportMeasureId, today]);
        await tx.audit({ category: AuditCategory.Case, action: AuditAction.SupportMeasureOpinion, resourceType: 'support-measure', resourceId: referral.supportMeasureId, caseId: referral.caseId, detailCode: referral.id });
      }
      const next: Partial<Referral> = {
        status: ReferralStatus.Approved,
        opinionGivenOn: referral.supportMeasureId ? today : null,
        decidedBy: actor.userId,
        decidedAt: this.clock.now(),
        addressConfirmed: disclosesAddress && client.addressProtected,
        disclosureEnc: await this.cipher.encrypt(client.dataKeyId, JSON.stringify(disclosure), referralAad(id, 'disclosure'), tx.manager),
      };
      return this.transition(tx, referral, next, AuditAction.ReferralApprove, referral.fields.join(','));
    });
  }

  reject(actor: Actor, id: string, dto: ReasonDto): Promise<ReferralDto> {
    return this.tx.run(actor, async (tx) => {
      const referral = await this.requireForDecision(tx, actor, id, dto.version, AuditAction.ReferralReject);
      const keyId = await clientDataKeyId(tx.manager, referral.clientId);
      const next: Partial<Referral> = {
        status: ReferralStatus.Rejected,
        decidedBy: actor.userId,
        decidedAt: this.clock.now(),
        rejectReasonEnc: await this.cipher.encrypt(keyId, dto.reason, referralAad(id, 'rejectReason'), tx.manager),
      };
      return this.transition(tx, referral, next, AuditAction.ReferralReject);
    });
  }

  /** A supervisor withdraws the disclosure: the department loses access at once and the copy is destroyed. */
  revoke(actor: Actor, id: string, dto: VersionDto): Promise<ReferralDto> {
    return this.tx.run(actor, async (tx) => {
      const referral = await this.require(tx, actor, id, dto.version, AuditAction.ReferralRevoke);
      if (!DISCLOSED.includes(referral.status) || referral.status === ReferralStatus.Closed) throw fieldConflict('status', '承認後の連携だけを取り消せます', 'disclosed');
      const now = this.clock.now();
      return this.transition(tx, referral, { status: ReferralStatus.Revoked, revokedAt: now, revokeReason: 'supervisor', disclosureEnc: null }, AuditAction.ReferralRevoke, 'supervisor');
    });
  }

  /** The office closes a referral the department has answered. */
  close(actor: Actor, id: string, dto: VersionDto): Promise<ReferralDto> {
    return this.tx.run(actor, async (tx) => {
      const referral = await this.require(tx, actor, id, dto.version, AuditAction.ReferralClose);
      if (referral.status !== ReferralStatus.Accepted && referral.status !== ReferralStatus.Declined) throw fieldConflict('status', '連携先の回答後に完了にできます', 'answered');
      return this.transition(tx, referral, { status: ReferralStatus.Closed }, AuditAction.ReferralClose);
    });
  }

  listForCase(actor: Actor, caseId: string): Promise<ReferralDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.ReferralList);
      const rows = await tx.manager.find(Referral, { where: { caseId }, order: { createdAt: 'DESC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ReferralList, resourceType: 'case', resourceId: caseId, caseId });
      return Promise.all(rows.map((r) => this.toDto(r, tx.manager)));
    });
  }

  /** The supervisor's queue: referrals on cases they may see, those waiting for approval first. */
  queue(actor: Actor, query: ReferralQueryDto): Promise<ReferralDto[]> {
    return this.tx.run(actor, async (tx) => {
      const qb = tx.manager.createQueryBuilder(Referral, 'r').innerJoin('cases', 'c', 'c.id = r.case_id');
      this.access.scopeCases(qb, actor, 'c');
      if (query.status) qb.andWhere('r.status = :status', { status: query.status });
      const rows = await qb
        .orderBy(`CASE WHEN r.status = '${ReferralStatus.Submitted}' THEN 0 ELSE 1 END`, 'ASC')
        .addOrderBy('r.submitted_at', 'ASC', 'NULLS LAST')
        .addOrderBy('r.created_at', 'DESC')
        .limit(QUEUE_LIMIT)
        .getMany();
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ReferralQueueRead, resourceType: 'referral', detailCode: query.status ?? 'all' });
      return Promise.all(rows.map((r) => this.toDto(r, tx.manager)));
    });
  }

  // --- The department's side: the liaison sees frozen disclosures addressed to their department, nothing else.

  inbox(actor: Actor): Promise<InboxItemDto[]> {
    return this.tx.run(actor, async (tx) => {
      const rows = await this.liaisonScope(tx.manager, actor).orderBy('r.due_on', 'ASC').addOrderBy('r.id', 'ASC').limit(QUEUE_LIMIT).getMany();
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ReferralInboxRead, resourceType: 'referral', detailCode: String(rows.length) });
      return rows.map(inboxItem);
    });
  }

  /** One referral's frozen disclosure; every read is audited. */
  inboxItem(actor: Actor, id: string): Promise<InboxDetailDto> {
    return this.tx.run(actor, async (tx) => {
      const referral = await this.requireForLiaison(tx, actor, id, AuditAction.ReferralDisclosureRead);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ReferralDisclosureRead, resourceType: 'referral', resourceId: id, caseId: referral.caseId });
      return {
        ...inboxItem(referral),
        message: await this.cipher.decrypt(referral.messageEnc, referralAad(id, 'message'), tx.manager),
        disclosure: JSON.parse(await this.cipher.decrypt(referral.disclosureEnc, referralAad(id, 'disclosure'), tx.manager)) as Record<string, unknown>,
      };
    });
  }

  respond(actor: Actor, id: string, dto: RespondDto, outcome: ReferralStatus.Accepted | ReferralStatus.Declined): Promise<InboxItemDto> {
    return this.tx.run(actor, async (tx) => {
      const action = outcome === ReferralStatus.Accepted ? AuditAction.ReferralAccept : AuditAction.ReferralDecline;
      const referral = await this.requireForLiaison(tx, actor, id, action, true);
      if (referral.version !== dto.version) throw new StaleVersionError();
      if (referral.status !== ReferralStatus.Approved) throw fieldConflict('status', 'この連携には既に回答しています', 'approved');
      const keyId = await clientDataKeyId(tx.manager, referral.clientId);
      const next: Partial<Referral> = {
        status: outcome,
        respondedBy: actor.userId,
        respondedAt: this.clock.now(),
        responseCommentEnc: await this.cipher.encryptOptional(keyId, dto.comment, referralAad(id, 'responseComment'), tx.manager),
        updatedAt: this.clock.now(),
        version: referral.version + 1,
      };
      await tx.manager.update(Referral, { id, version: referral.version }, next);
      await tx.audit({ category: AuditCategory.Case, action, resourceType: 'referral', resourceId: id, caseId: referral.caseId });
      return inboxItem({ ...referral, ...next });
    });
  }

  // --- helpers

  /** 支援措置意見 names a DV等支援措置 term of the same case; other purposes name none. */
  private async checkSupportMeasure(manager: EntityManager, caseId: string, purpose: ReferralPurpose, supportMeasureId: string | undefined): Promise<void> {
    if (purpose !== ReferralPurpose.SupportMeasureOpinion) {
      if (supportMeasureId) throw invalidField('supportMeasureId', '支援措置意見のときだけ指定できます', 'opinionOnly');
      return;
    }
    if (!supportMeasureId) throw invalidField('supportMeasureId', '意見を付す支援措置（申出）を指定してください', 'isNotEmpty');
    if (!(await manager.existsBy(SupportMeasure, { id: supportMeasureId, caseId }))) throw invalidField('supportMeasureId', 'このケースの支援措置ではありません', 'sameCase');
  }

  private checkDraft(fields: readonly DisclosableField[], summary: string | undefined, dueOn: string): void {
    const errors: FieldError[] = [];
    if (fields.includes(DisclosableField.Summary) && !summary) errors.push({ field: 'summary', message: '連携先向けの要約を入力してください', constraints: ['isNotEmpty'] });
    if (!isValidDate(dueOn)) errors.push({ field: 'dueOn', message: '日付が正しくありません', constraints: ['validDate'] });
    if (errors.length) throw new InvalidInputError(errors);
  }

  /** The referral through its case's scope (404 like a missing one), locked; its version must be the one read. */
  private async require(tx: Tx, actor: Actor, id: string, version: number, action: AuditAction): Promise<Referral> {
    const referral = await this.access.requireCaseRecord(tx, actor, Referral, id, action, 'referral', '連携が見つかりません');
    if (referral.version !== version) throw new StaleVersionError();
    return referral;
  }

  /** A submitted referral, decided by a supervisor who did not write it. */
  private async requireForDecision(tx: Tx, actor: Actor, id: string, version: number, action: AuditAction): Promise<Referral> {
    const referral = await this.require(tx, actor, id, version, action);
    if (referral.status !== ReferralStatus.Submitted) throw fieldConflict('status', '承認待ちの連携ではありません', 'submitted');
    if (referral.authorId === actor.userId) {
      tx.denied({ category: AuditCategory.Case, action, resourceType: 'referral', resourceId: id, caseId: referral.caseId, detailCode: 'self-approval' });
      throw new DomainError(HttpStatus.FORBIDDEN, '自分が作成した連携は承認・差戻しできません', [
        { field: 'authorId', message: '作成者とは別の係長が決定してください', constraints: ['notAuthor'] },
      ]);
    }
    return referral;
  }

  /** Addressed to the liaison's department and holding a disclosure; otherwise the same audited 404 as a missing one. */
  private async requireForLiaison(tx: Tx, actor: Actor, id: string, action: AuditAction, forUpdate = false): Promise<Referral> {
    const qb = this.liaisonScope(tx.manager, actor).andWhere('r.id = :id', { id });
    if (forUpdate) qb.setLock('pessimistic_write');
    const referral = await qb.getOne();
    if (!referral) {
      tx.denied({ category: AuditCategory.Case, action, resourceType: 'referral', resourceId: id, detailCode: 'not-found-or-out-of-scope' });
      throw new NotFoundError('連携が見つかりません');
    }
    return referral;
  }

  private liaisonScope(manager: EntityManager, actor: Actor) {
    const qb = manager.createQueryBuilder(Referral, 'r');
    if (!hasPermission(actor.role, Permission.ReferralInbox) || !actor.departmentId) return qb.where('FALSE');
    // A disclosure emptied when the client was shredded (retention) leaves nothing to show.
    return qb.where('r.department_id = :department AND r.status IN (:...disclosed) AND r.disclosure_enc IS NOT NULL', { department: actor.departmentId, disclosed: DISCLOSED });
  }

  private async matchingConsent(manager: EntityManager, referral: Referral): Promise<Consent | null> {
    return manager
      .createQueryBuilder(Consent, 'c')
      .where('c.client_id = :clientId AND c.withdrawn_at IS NULL', { clientId: referral.clientId })
      .andWhere(':department = ANY(c.department_ids)', { department: referral.departmentId })
      .andWhere('c.fields @> :fields::text[]', { fields: referral.fields })
      .orderBy('c.created_at', 'DESC')
      .getOne();
  }

  private async transition(tx: Tx, referral: Referral, change: Partial<Referral>, action: AuditAction, detailCode?: string): Promise<ReferralDto> {
    const next: Partial<Referral> = { ...change, updatedAt: this.clock.now(), version: referral.version + 1 };
    await tx.manager.update(Referral, { id: referral.id, version: referral.version }, next);
    await tx.audit({ category: AuditCategory.Case, action, resourceType: 'referral', resourceId: referral.id, caseId: referral.caseId, detailCode: detailCode ?? next.status });
    return this.toDto({ ...referral, ...next }, tx.manager);
  }

  private async toDto(r: Referral, manager: EntityManager): Promise<ReferralDto> {
    return {
      id: r.id,
      caseId: r.caseId,
      departmentId: r.departmentId,
      purpose: r.purpose,
      purposeLabel: REFERRAL_PURPOSE_LABELS[r.purpose],
      message: await this.cipher.decrypt(r.messageEnc, referralAad(r.id, 'message'), manager),
      fields: r.fields,
      summary: await this.cipher.decryptOptional(r.summaryEnc, referralAad(r.id, 'summary'), manager),
      dueOn: r.dueOn,
      status: r.status,
      statusLabel: REFERRAL_STATUS_LABELS[r.status],
      authorId: r.authorId,
      createdAt: r.createdAt.toISOString(),
      submittedAt: r.submittedAt?.toISOString() ?? null,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt?.toISOString() ?? null,
      respondedAt: r.respondedAt?.toISOString() ?? null,
      responseComment: await this.cipher.decryptOptional(r.responseCommentEnc, referralAad(r.id, 'responseComment'), manager),
      addressConfirmed: r.addressConfirmed,
      supportMeasureId: r.supportMeasureId,
      opinionGivenOn: r.opinionGivenOn,
      version: r.version,
    };
  }
}

function inboxItem(r: Referral): InboxItemDto {
  return {
    id: r.id,
    purpose: r.purpose,
    purposeLabel: REFERRAL_PURPOSE_LABELS[r.purpose],
    dueOn: r.dueOn,
    status: r.status,
    statusLabel: REFERRAL_STATUS_LABELS[r.status],
    version: r.version,
  };
}
