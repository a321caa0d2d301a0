import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { CaseAccessService, CaseStatus, clientDataKeyId } from '@tsunagu/cases';
import { hasPermission, Permission } from '@tsunagu/access';
import { Actor, Clock, DomainError, fieldConflict, FieldError, invalidField, InvalidInputError, isValidDate, jstDate, StaleVersionError } from '@tsunagu/common';
import { FieldCipher } from '@tsunagu/crypto';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import {
  capacityUnitOf,
  CapacityUnit,
  ChildAgeBand,
  FacilityStatus,
  HOLDING_PLACE,
  PLACEMENT_KIND_LABELS,
  PLACEMENT_KINDS_BY_FACILITY,
  PLACEMENT_OUTCOME_LABELS,
  PLACEMENT_STATUS_LABELS,
  PlacementKind,
  PlacementStatus,
} from '../facility-codes';
import { Facility } from '../facilities/facility.entity';
import { nightsStayed } from '../stays';
import {
  AdmitPlacementDto,
  ApprovePlacementDto,
  CancelPlacementDto,
  CreatePlacementDto,
  EndPlacementDto,
  PlacementDto,
  PlacementQueryDto,
  RejectPlacementDto,
} from './dto/placement.dto';
import { Placement } from './placement.entity';
import { queryRows } from '@tsunagu/database';

/** Where a placement's encrypted text belongs (the AEAD associated data). */
export const placementAad = (placementId: string, field: 'reason' | 'decisionNote') => `placement:${placementId}:${field}`;
const QUEUE_LIMIT = 200;


/**
 * Placements in shelters and facilities: requested on a case, decided by someone other than the
 * requester (a supervisor), admitted, ended. Approval and admission hold a place; the facility
 * row is locked while places are counted, so two decisions can't both take the last one.
 */
@Injectable()
export class PlacementsService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
  ) {}

  create(actor: Actor, caseId: string, dto: CreatePlacementDto): Promise<PlacementDto> {
    const childAgeBands = this.checkRequestShape(dto);
    return this.tx.run(actor, async (tx) => {
      const item = await this.access.requireCase(tx, actor, caseId, AuditAction.PlacementCreate, 'share');
      if (item.status !== CaseStatus.Open) throw fieldConflict('caseId', '終結したケースには入所を申請できません。再開してから申請してください', 'caseOpen');
      const facility = await tx.manager.findOne(Facility, { where: { id: dto.facilityId } });
      if (!facility) throw invalidField('facilityId', '施設が見つかりません', 'exists');
      if (facility.status === FacilityStatus.Suspended) throw fieldConflict('facilityId', '休止中の施設には入所を申請できません', 'operating');
      const allowed = PLACEMENT_KINDS_BY_FACILITY[facility.kind];
      const kind = dto.kind ?? allowed[0];
      if (!allowed.includes(kind)) throw invalidField('kind', 'この施設では扱えない入所の種類です', 'kindOfFacility');
      if (kind === PlacementKind.MaternityAdmission && !dto.expectedDeliveryOn) throw invalidField('expectedDeliveryOn', '出産予定日を入力してください', 'isNotEmpty');
      if (kind !== PlacementKind.MaternityAdmission && dto.expectedDeliveryOn) throw invalidField('expectedDeliveryOn', '出産予定日は助産施設の入所にのみ入力できます', 'maternityOnly');
      const dataKeyId = await clientDataKeyId(tx.manager, item.clientId);
      const id = randomUUID();
      const now = this.clock.now();
      const placement: Placement = {
        id,
        caseId,
        unitId: item.unitId,
        facilityId: facility.id,
        kind,
        status: PlacementStatus.Requested,
        adults: dto.adults,
        children: dto.children,
        childAgeBands,
        plannedStart: dto.plannedStart,
        expectedDeliveryOn: dto.expectedDeliveryOn ?? null,
        reasonEnc: await this.cipher.encrypt(dataKeyId, dto.reason, placementAad(id, 'reason'), tx.manager),
        requestedBy: actor.userId,
        requestedAt: now,
        decidedBy: null,
        decidedAt: null,
        decisionNoteEnc: null,
        capacityOverride: false,
        admittedOn: null,
        endedOn: null,
        outcome: null,
        updatedAt: now,
        version: 1,
      };
      await tx.manager.insert(Placement, placement);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.PlacementRequest, resourceType: 'placement', resourceId: id, caseId, detailCode: kind });
      return this.toDto(placement, facility, tx.manager);
    });
  }

  listForCase(actor: Actor, caseId: string): Promise<PlacementDto[]> {
    return this.tx.run(actor, async (tx) => {
      await this.access.requireCase(tx, actor, caseId, AuditAction.PlacementList);
      const rows = await tx.manager.find(Placement, { where: { caseId }, relations: { facility: true }, order: { requestedAt: 'DESC', id: 'DESC' } });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.PlacementList, resourceType: 'case', resourceId: caseId, caseId });
      return Promise.all(rows.map((p) => this.toDto(p, p.facility!, tx.manager)));
    });
  }

  /** The supervisor's queue: placements on the cases they may see, oldest request first. */
  queue(actor: Actor, query: PlacementQueryDto): Promise<PlacementDto[]> {
    return this.tx.run(actor, async (tx) => {
      const qb = tx.manager
        .createQueryBuilder(Placement, 'p')
        .innerJoinAndSelect('p.facility', 'f')
        .innerJoin('cases', 'c', 'c.id = p.case_id');
      this.access.scopeCases(qb, actor, 'c');
      if (query.status) qb.andWhere('p.status = :status', { status: query.status });
      if (query.facility) qb.andWhere('p.facility_id = :facility', { facility: query.facility });
      const rows = await qb.orderBy('p.requested_at', 'ASC').addOrderBy('p.id', 'ASC').limit(QUEUE_LIMIT).getMany();
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.PlacementQueueRead, resourceType: 'placement', detailCode: query.status ?? 'all' });
      return Promise.all(rows.map((p) => this.toDto(p, p.facility!, tx.manager)));
    });
  }

  approve(actor: Actor, id: string, dto: ApprovePlacementDto): Promise<PlacementDto> {
    return this.tx.run(actor, async (tx) => {
      const placement = await this.requireForDecision(tx, actor, id, dto.version, AuditAction.PlacementApprove);
      const facility = await this.lockOperatingFacility(tx, placement);
      const override = await this.checkCapacity(tx, actor, placement, facility, dto.capacityOverrideReason, AuditAction.PlacementApprove);
      const decidedAt = this.clock.now();
      const next: Partial<Placement> = {
        status: PlacementStatus.Approved,
        decidedBy: actor.userId,
        decidedAt,
        decisionNoteEnc: dto.note ? await this.encryptWithCaseKey(tx.manager, placement, dto.note, 'decisionNote') : null,
        capacityOverride: override,
      };
      return this.transition(tx, placement, facility, next, AuditAction.PlacementApprove);
    });
  }

  reject(actor: Actor, id: string, dto: RejectPlacementDto): Promise<PlacementDto> {
    return this.tx.run(actor, async (tx) => {
      const placement = await this.requireForDecision(tx, actor, id, dto.version, AuditAction.PlacementReject);
      const facility = await tx.manager.findOneOrFail(Facility, { where: { id: placement.facilityId } });
      const next: Partial<Placement> = {
        status: PlacementStatus.Rejected,
        decidedBy: actor.userId,
        decidedAt: this.clock.now(),
        decisionNoteEnc: await this.encryptWithCaseKey(tx.manager, placement, dto.reason, 'decisionNote'),
      };
      return this.transition(tx, placement, facility, next, AuditAction.PlacementReject);
    });
  }

  admit(actor: Actor, id: string, dto: AdmitPlacementDto): Promise<PlacementDto> {
    this.checkPastDate('admittedOn', dto.admittedOn);
    return this.tx.run(actor, async (tx) => {
      const placement = await this.requirePlacement(tx, actor, id, dto.version, AuditAction.PlacementAdmit);
      if (placement.status !== PlacementStatus.Approved) {
        throw fieldConflict('status', placement.status === PlacementStatus.Requested ? '承認前の入所は記録できません' : 'この入所は記録できない状態です', 'approved');
      }
      const facility = await this.lockOperatingFacility(tx, placement);
      // A place held under an override at approval stays held; otherwise count again, as
      // capacity may have been lowered since.
      const override = placement.capacityOverride || (await this.checkCapacity(tx, actor, placement, facility, dto.capacityOverrideReason, AuditAction.PlacementAdmit));
      return this.transition(tx, placement, facility, { status: PlacementStatus.Active, admittedOn: dto.admittedOn, capacityOverride: override }, AuditAction.PlacementAdmit);
    });
  }

  end(actor: Actor, id: string, dto: EndPlacementDto): Promise<PlacementDto> {
    this.checkPastDate('endedOn', dto.endedOn);
    return this.tx.run(actor, async (tx) => {
      const placement = await this.requirePlacement(tx, actor, id, dto.version, AuditAction.PlacementEnd);
      if (placement.status !== PlacementStatus.Active) {
        throw fieldConflict('status', placement.status === PlacementStatus.Ended ? 'この入所は既に退所済みです' : '入所中ではありません', 'active');
      }
      if (dto.endedOn < placement.admittedOn!) throw invalidField('endedOn', '退所日は入所日以降の日付にしてください', 'notBeforeAdmission');
      const facility = await tx.manager.findOneOrFail(Facility, { where: { id: placement.facilityId } });
      return this.transition(tx, placement, facility, { status: PlacementStatus.Ended, endedOn: dto.endedOn, outcome: dto.outcome }, AuditAction.PlacementEnd);
    });
  }

  /** Withdraws a placement before admission: the requester or a supervisor. */
  cancel(actor: Actor, id: string, dto: CancelPlacementDto): Promise<PlacementDto> {
    return this.tx.run(actor, async (tx) => {
      const placement = await this.requirePlacement(tx, actor, id, dto.version, AuditAction.PlacementCancel);
      if (placement.status !== PlacementStatus.Requested && placement.status !== PlacementStatus.Approved) {
        throw fieldConflict('status', '入所前の申請だけを取り消せます', 'beforeAdmission');
      }
      if (placement.requestedBy !== actor.userId && !hasPermission(actor.role, Permission.PlacementCancelAny)) {
        tx.denied({ category: AuditCategory.Case, action: AuditAction.PlacementCancel, resourceType: 'placement', resourceId: id, caseId: placement.caseId, detailCode: 'not-requester' });
        throw new DomainError(HttpStatus.FORBIDDEN, '申請者または係長のみが取り消せます');
      }
      const facility = await tx.manager.findOneOrFail(Facility, { where: { id: placement.facilityId } });
      return this.transition(tx, placement, facility, { status: PlacementStatus.Cancelled }, AuditAction.PlacementCancel);
    });
  }

  /** Request shape checks that need no database; returns the children's age bands. */
  private checkRequestShape(dto: CreatePlacementDto): ChildAgeBand[] {
    const fields: FieldError[] = [];
    if (!isValidDate(dto.plannedStart)) fields.push({ field: 'plannedStart', message: '日付が正しくありません', constraints: ['validDate'] });
    if (dto.expectedDeliveryOn !== undefined && !isValidDate(dto.expectedDeliveryOn)) {
      fields.push({ field: 'expectedDeliveryOn', message: '日付が正しくありません', constraints: ['validDate'] });
    }
    if (dto.adults + dto.children < 1) fields.push({ field: 'adults', message: '入所する人数を入力してください', constraints: ['atLeastOnePerson'] });
    if (dto.childAgeBands && dto.childAgeBands.length !== dto.children) {
      fields.push({ field: 'childAgeBands', message: '同伴児の年齢区分は人数分入力してください', constraints: ['onePerChild'] });
    }
    if (fields.length) throw new InvalidInputError(fields);
    return dto.childAgeBands ?? Array.from({ length: dto.children }, () => ChildAgeBand.Unknown);
  }

  private checkPastDate(field: string, date: string): void {
    if (!isValidDate(date)) throw invalidField(field, '日付が正しくありません', 'validDate');
    if (date > jstDate(this.clock.now())) throw invalidField(field, '未来の日付は指定できません', 'notInFuture');
  }

  /** The placement, locked, through its case's scope; its version must be the one read. */
  private async requirePlacement(tx: Tx, actor: Actor, id: string, version: number, action: AuditAction): Promise<Placement> {
    const placement = await this.access.requireCaseRecord(tx, actor, Placement, id, action, 'placement', '入所の申請が見つかりません');
    if (placement.version !== version) throw new StaleVersionError();
    return placement;
  }

  /** A requested placement, decided by someone other than its requester (four eyes). */
  private async requireForDecision(tx: Tx, actor: Actor, id: string, version: number, action: AuditAction): Promise<Placement> {
    const placement = await this.requirePlacement(tx, actor, id, version, action);
    if (placement.status !== PlacementStatus.Requested) throw fieldConflict('status', 'この申請は既に決定済みです', 'requested');
    if (placement.requestedBy === actor.userId) {
      tx.denied({ category: AuditCategory.Case, action, resourceType: 'placement', resourceId: id, caseId: placement.caseId, detailCode: 'self-approval' });
      throw new DomainError(HttpStatus.FORBIDDEN, '自分が申請した入所は承認・却下できません', [
        { field: 'requestedBy', message: '申請者とは別の職員が決定してください', constraints: ['notRequester'] },
      ]);
    }
    return placement;
  }

  /** Locks the facility row: every count of its places happens under this lock. */
  private async lockOperatingFacility(tx: Tx, placement: Placement): Promise<Facility> {
    const facility = await tx.manager.findOneOrFail(Facility, { where: { id: placement.facilityId }, lock: { mode: 'pessimistic_write' } });
    if (facility.status === FacilityStatus.Suspended) throw fieldConflict('facilityId', '休止中の施設です', 'operating');
    return facility;
  }

  /**
   * Whether the placement fits. Places held have no planned end, so every held place overlaps
   * every future night: it fits when the held places plus this one stay within capacity. Past
   * capacity it needs a supervisor's reason, audited; returns whether an override was used.
   */
  private async checkCapacity(tx: Tx, actor: Actor, placement: Placement, facility: Facility, overrideReason: string | undefined, action: AuditAction): Promise<boolean> {
    const byHouseholds = capacityUnitOf(facility.kind) === CapacityUnit.Households;
    const [{ used }] = await queryRows<{ used: number }>(
      tx.manager,
      `SELECT COALESCE(SUM(${byHouseholds ? '1' : 'adults + children'}), 0)::int AS used
         FROM placements WHERE facility_id = $1 AND status = ANY($2) AND id <> $3`,
      [facility.id, HOLDING_PLACE, placement.id],
    );
    const needed = byHouseholds ? 1 : placement.adults + placement.children;
    if (used + needed <= facility.capacity) return false;
    if (!overrideReason) {
      throw fieldConflict('capacity', `定員を超えます（定員${facility.capacity}、使用中・予約済み${used}、今回${needed}）`, 'withinCapacity');
    }
    if (!hasPermission(actor.role, Permission.PlacementCapacityOverride)) {
      tx.denied({ category: AuditCategory.Case, action, resourceType: 'placement', resourceId: placement.id, caseId: placement.caseId, detailCode: 'capacity-override-not-supervisor' });
      throw new DomainError(HttpStatus.FORBIDDEN, '定員超過の入所は係長のみが認められます');
    }
    await tx.audit({
      category: AuditCategory.Case,
      action: AuditAction.PlacementCapacityOverride,
      resourceType: 'placement',
      resourceId: placement.id,
      caseId: placement.caseId,
      reason: overrideReason,
      detailCode: `${used + needed}/${facility.capacity}`,
    });
    return true;
  }

  private async transition(tx: Tx, placement: Placement, facility: Facility, change: Partial<Placement>, action: AuditAction): Promise<PlacementDto> {
    const next: Partial<Placement> = { ...change, updatedAt: this.clock.now(), version: placement.version + 1 };
    await tx.manager.update(Placement, { id: placement.id, version: placement.version }, next);
    await tx.audit({ category: AuditCategory.Case, action, resourceType: 'placement', resourceId: placement.id, caseId: placement.caseId, detailCode: next.status });
    return this.toDto({ ...placement, ...next }, facility, tx.manager);
  }

  private async encryptWithCaseKey(manager: EntityManager, placement: Placement, text: string, field: 'reason' | 'decisionNote'): Promise<string> {
    const [row] = await queryRows<{ data_key_id: string }>(manager, `SELECT cl.data_key_id FROM cases c JOIN clients cl ON cl.id = c.client_id WHERE c.id = $1`, [placement.caseId]);
    return this.cipher.encrypt(row.data_key_id, text, placementAad(placement.id, field), manager);
  }

  private async toDto(p: Placement, facility: Facility, manager: EntityManager): Promise<PlacementDto> {
    return {
      id: p.id,
      caseId: p.caseId,
      facilityId: p.facilityId,
      facilityName: facility.name,
      kind: p.kind,
      kindLabel: PLACEMENT_KIND_LABELS[p.kind],
      status: p.status,
      statusLabel: PLACEMENT_STATUS_LABELS[p.status],
      adults: p.adults,
      children: p.children,
      childAgeBands: p.childAgeBands,
      plannedStart: p.plannedStart,
      expectedDeliveryOn: p.expectedDeliveryOn,
      reason: await this.cipher.decrypt(p.reasonEnc, placementAad(p.id, 'reason'), manager),
      requestedBy: p.requestedBy,
      requestedAt: p.requestedAt.toISOString(),
      decidedBy: p.decidedBy,
      decidedAt: p.decidedAt ? p.decidedAt.toISOString() : null,
      decisionNote: await this.cipher.decryptOptional(p.decisionNoteEnc, placementAad(p.id, 'decisionNote'), manager),
      capacityOverride: p.capacityOverride,
      admittedOn: p.admittedOn,
      endedOn: p.endedOn,
      outcome: p.outcome,
      outcomeLabel: p.outcome ? PLACEMENT_OUTCOME_LABELS[p.outcome] : null,
      nights: p.admittedOn ? nightsStayed({ start: p.admittedOn, end: p.endedOn }, jstDate(this.clock.now())) : 0,
      version: p.version,
    };
  }
}
