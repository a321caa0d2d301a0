import { Inject, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, Clock, ConflictError, invalidField, isValidDate, jstDate, StaleVersionError } from '@tsunagu/common';
import { ACCOMPANYING_ORDERS, ProtectionOrderKind, ProtectionOrderStatus, riskLevelOf } from '@tsunagu/codes';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { FieldCipher } from '@tsunagu/crypto';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CaseAccessService } from '../access/case-access.service';
import { clientDataKeyId } from '../clients/client.entity';
import { CaseDv, ProtectionOrder, RiskAssessment } from './dv.entities';
import {
  CreateProtectionOrderDto,
  CreateRiskAssessmentDto,
  CreateSupportMeasureDto,
  DvDto,
  EndSupportMeasureDto,
  ProtectionOrderDto,
  PutDvDto,
  RiskAssessmentDto,
  SupportMeasureDto,
  UpdateProtectionOrderDto,
} from './dto/dv.dto';
import { SupportMeasure, SupportMeasureStatus } from './support-measure.entity';
import { protectionOrderExpiry, supportMeasureTerm } from './terms';

/** Where a risk assessment's encrypted note belongs (the AEAD associated data). */
export const riskNoteAad = (assessmentId: string) => `risk-assessment:${assessmentId}:note`;

/** DV details of a case: relation and violence, 保護命令, DV等支援措置 terms, risk assessments. */
@Injectable()
export class DvService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get(actor: Actor, caseId: string): Promise<DvDto> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.DvRead);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.DvRead, resourceType: 'case', resourceId: caseId, caseId });
      return this.dvOf(tx.manager, caseId);
    });
  }

  put(actor: Actor, caseId: string, dto: PutDvDto): Promise<DvDto> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.DvUpdate, 'update');
      const current = await tx.manager.findOne(CaseDv, { where: { caseId }, lock: { mode: 'pessimistic_write' } });
      if (current && current.version !== dto.version) throw new StaleVersionError();
      const values = { relation: dto.relation, violenceTypes: [...new Set(dto.violenceTypes)], childrenExposed: dto.childrenExposed, updatedAt: this.clock.now() };
      if (current) await tx.manager.update(CaseDv, { caseId }, { ...values, version: current.version + 1 });
      else await tx.manager.insert(CaseDv, { caseId, ...values, version: 1 });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.DvUpdate, resourceType: 'case', resourceId: caseId, caseId });
      return this.dvOf(tx.manager, caseId);
    });
  }

  addProtectionOrder(actor: Actor, caseId: string, dto: CreateProtectionOrderDto): Promise<ProtectionOrderDto> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.ProtectionOrderCreate, 'share');
      this.checkDates(dto.filedOn, dto.issuedOn);
      let approachBanExpiry: string | null = null;
      if (ACCOMPANYING_ORDERS.includes(dto.kind)) {
        const ban = dto.approachBanId
          ? await tx.manager.findOne(ProtectionOrder, { where: { id: dto.approachBanId, caseId, kind: ProtectionOrderKind.ApproachBan } })
          : null;
        if (!ban || ![ProtectionOrderStatus.Filed, ProtectionOrderStatus.Issued].includes(ban.status)) {
          throw invalidField('approachBanId', 'この命令は同じケースの接近禁止命令とあわせてのみ記録できます', 'withApproachBan');
        }
        approachBanExpiry = ban.expiresOn;
      } else if (dto.approachBanId) {
        throw invalidField('approachBanId', '接近禁止命令に付随する命令ではありません', 'notAccompanying');
      }
      if (dto.status === ProtectionOrderStatus.Issued && !dto.issuedOn) throw invalidField('issuedOn', '発令日を入力してください', 'isNotEmpty');
      const order: ProtectionOrder = {
        id: randomUUID(),
        caseId,
        kind: dto.kind,
        status: dto.status,
        approachBanId: dto.approachBanId ?? null,
        homeSolelyHers: dto.homeSolelyHers ?? false,
        filedOn: dto.filedOn ?? null,
        issuedOn: dto.issuedOn ?? null,
        expiresOn: dto.issuedOn ? protectionOrderExpiry(dto.kind, dto.issuedOn, dto.homeSolelyHers ?? false, approachBanExpiry) : null,
        createdAt: this.clock.now(),
        version: 1,
      };
      await tx.manager.insert(ProtectionOrder, order);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ProtectionOrderCreate, resourceType: 'protection-order', resourceId: order.id, caseId, detailCode: order.kind });
      return orderDto(order);
    });
  }

  updateProtectionOrder(actor: Actor, orderId: string, dto: UpdateProtectionOrderDto): Promise<ProtectionOrderDto> {
    return this.tx.run(actor, async (tx) => {
      const order = await this.access.requireCaseRecord(tx, actor, ProtectionOrder, orderId, AuditAction.ProtectionOrderUpdate, 'protection-order');
      if (order.version !== dto.version) throw new StaleVersionError();
      const issuedOn = dto.issuedOn ?? order.issuedOn;
      this.checkDates(order.filedOn ?? undefined, issuedOn ?? undefined);
      if (dto.status === ProtectionOrderStatus.Issued && !issuedOn) throw invalidField('issuedOn', '発令日を入力してください', 'isNotEmpty');
      const ban = order.approachBanId ? await tx.manager.findOneOrFail(ProtectionOrder, { where: { id: order.approachBanId } }) : null;
      const next = {
        status: dto.status,
        issuedOn,
        expiresOn: issuedOn ? protectionOrderExpiry(order.kind, issuedOn, order.homeSolelyHers, ban?.expiresOn ?? null) : null,
        version: order.version + 1,
      };
      await tx.manager.update(ProtectionOrder, { id: orderId, version: dto.version }, next);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.ProtectionOrderUpdate, resourceType: 'protection-order', resourceId: orderId, caseId: order.caseId, detailCode: dto.status });
      return orderDto({ ...order, ...next });
    });
  }

  addSupportMeasure(actor: Actor, caseId: string, dto: CreateSupportMeasureDto): Promise<SupportMeasureDto> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.SupportMeasureCreate, 'share');
      for (const field of ['appliedOn', 'opinionGivenOn', 'receivedOn', 'acceptedOn'] as const) {
        const value = dto[field];
        if (value !== undefined && (!isValidDate(value) || value > jstDate(this.clock.now()))) throw invalidField(field, '日付が正しくありません', 'validDate');
      }
      const term = supportMeasureTerm(this.config.cases.supportMeasureStartBasis, dto);
      if ('missing' in term) throw invalidField(term.missing, 'この市では期間の起算にこの日付を使います。入力してください', 'isNotEmpty');
      if (term.expiresOn < term.startsOn) throw invalidField('expiresOn', '期限が開始日より前になっています', 'expiryAfterStart');
      if (dto.renewsId && !(await tx.manager.existsBy(SupportMeasure, { id: dto.renewsId, caseId }))) {
        throw invalidField('renewsId', '更新元の支援措置が見つかりません', 'knownMeasure');
      }
      const measure: SupportMeasure = {
        id: randomUUID(),
        caseId,
        renewsId: dto.renewsId ?? null,
        appliedOn: dto.appliedOn,
        opinionGivenOn: dto.opinionGivenOn ?? null,
        receivedOn: dto.receivedOn ?? null,
        acceptedOn: dto.acceptedOn ?? null,
        startsOn: term.startsOn,
        expiresOn: term.expiresOn,
        status: SupportMeasureStatus.Active,
        endReason: null,
        endedOn: null,
        createdAt: this.clock.now(),
        version: 1,
      };
      await tx.manager.insert(SupportMeasure, measure);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.SupportMeasureCreate, resourceType: 'support-measure', resourceId: measure.id, caseId });
      return measureDto(measure);
    });
  }

  endSupportMeasure(actor: Actor, measureId: string, dto: EndSupportMeasureDto): Promise<SupportMeasureDto> {
    return this.tx.run(actor, async (tx) => {
      const measure = await this.access.requireCaseRecord(tx, actor, SupportMeasure, measureId, AuditAction.SupportMeasureEnd, 'support-measure');
      if (measure.version !== dto.version) throw new StaleVersionError();
      if (measure.status !== SupportMeasureStatus.Active) throw new ConflictError('この支援措置は既に終了しています');
      const endedOn = dto.endedOn ?? jstDate(this.clock.now());
      if (!isValidDate(endedOn) || endedOn < measure.startsOn) throw invalidField('endedOn', '終了日が正しくありません', 'validDate');
      const next = { status: SupportMeasureStatus.Ended, endReason: dto.reason, endedOn, version: measure.version + 1 };
      await tx.manager.update(SupportMeasure, { id: measureId, version: dto.version }, next);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.SupportMeasureEnd, resourceType: 'support-measure', resourceId: measureId, caseId: measure.caseId, detailCode: dto.reason });
      return measureDto({ ...measure, ...next });
    });
  }

  addRiskAssessment(actor: Actor, caseId: string, dto: CreateRiskAssessmentDto): Promise<RiskAssessmentDto> {
    return this.tx.run(actor, async (tx) => {
      const item = await this.access.requireCase(tx, actor, caseId, AuditAction.RiskAssessmentCreate);
      if (!isValidDate(dto.assessedOn) || dto.assessedOn > jstDate(this.clock.now())) throw invalidField('assessedOn', '評価日が正しくありません', 'validDate');
      const dataKeyId = await clientDataKeyId(tx.manager, item.clientId);
      const id = randomUUID();
      const items = [...new Set(dto.items)];
      const row: RiskAssessment = {
        id,
        caseId,
        assessedOn: dto.assessedOn,
        assessorId: actor.userId,
        checkedItems: items,
        level: riskLevelOf(items),
        noteEnc: await this.cipher.encryptOptional(dataKeyId, dto.note, riskNoteAad(id), tx.manager),
        createdAt: this.clock.now(),
      };
      await tx.manager.insert(RiskAssessment, row);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.RiskAssessmentCreate, resourceType: 'risk-assessment', resourceId: id, caseId, detailCode: row.level });
      return this.riskDto(row, tx.manager);
    });
  }

  listRiskAssessments(actor: Actor, caseId: string): Promise<RiskAssessmentDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.RiskAssessmentList);
      const rows = await tx.manager.find(RiskAssessment, { where: { caseId }, order: { assessedOn: 'DESC', createdAt: 'DESC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.RiskAssessmentList, resourceType: 'case', resourceId: caseId, caseId });
      return Promise.all(rows.map((r) => this.riskDto(r, tx.manager)));
    });
  }

  private async dvOf(manager: EntityManager, caseId: string): Promise<DvDto> {
    const dv = await manager.findOne(CaseDv, { where: { caseId } });
    const orders = await manager.find(ProtectionOrder, { where: { caseId }, order: { createdAt: 'ASC' } });
    const measures = await manager.find(SupportMeasure, { where: { caseId }, order: { startsOn: 'ASC' } });
    return {
      relation: dv?.relation ?? null,
      violenceTypes: dv?.violenceTypes ?? [],
      childrenExposed: dv?.childrenExposed ?? false,
      version: dv?.version ?? 0,
      protectionOrders: orders.map(orderDto),
      supportMeasures: measures.map(measureDto),
    };
  }

  private async riskDto(r: RiskAssessment, manager: EntityManager): Promise<RiskAssessmentDto> {
    return {
      id: r.id,
      assessedOn: r.assessedOn,
      assessorId: r.assessorId,
      items: r.checkedItems,
      level: r.level,
      note: await this.cipher.decryptOptional(r.noteEnc, riskNoteAad(r.id), manager),
    };
  }

  private checkDates(filedOn?: string, issuedOn?: string): void {
    const today = jstDate(this.clock.now());
    for (const [field, value] of [['filedOn', filedOn], ['issuedOn', issuedOn]] as const) {
      if (value !== undefined && (!isValidDate(value) || value > today)) throw invalidField(field, '日付が正しくありません', 'validDate');
    }
    if (filedOn && issuedOn && issuedOn < filedOn) throw invalidField('issuedOn', '発令日が申立日より前になっています', 'issuedAfterFiled');
  }
}

function orderDto(o: ProtectionOrder): ProtectionOrderDto {
  return {
    id: o.id,
    kind: o.kind,
    status: o.status,
    approachBanId: o.approachBanId,
    homeSolelyHers: o.homeSolelyHers,
    filedOn: o.filedOn,
    issuedOn: o.issuedOn,
    expiresOn: o.expiresOn,
    version: o.version,
  };
}

function measureDto(m: SupportMeasure): SupportMeasureDto {
  return {
    id: m.id,
    renewsId: m.renewsId,
    appliedOn: m.appliedOn,
    opinionGivenOn: m.opinionGivenOn,
    receivedOn: m.receivedOn,
    acceptedOn: m.acceptedOn,
    startsOn: m.startsOn,
    expiresOn: m.expiresOn,
    status: m.status,
    endReason: m.endReason,
    endedOn: m.endedOn,
    version: m.version,
  };
}

