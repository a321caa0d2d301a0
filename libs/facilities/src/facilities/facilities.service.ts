import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditAction, AuditCategory, TransactionRunner, Tx } from '@tsunagu/audit';
import { CaseAccessService } from '@tsunagu/cases';
import { hasPermission, Permission, readsUnitCases } from '@tsunagu/access';
import { Actor, Clock, ConflictError, daysBetween, FieldError, InvalidInputError, isValidDate, NotFoundError, StaleVersionError } from '@tsunagu/common';
import { DataKeyService, FieldCipher } from '@tsunagu/crypto';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { capacityUnitOf, CapacityUnit, FACILITY_KIND_LABELS, FACILITY_STATUS_LABELS, FacilityStatus, HOLDING_PLACE, PlacementStatus } from '../facility-codes';
import { Placement } from '../placements/placement.entity';
import { nightlyOccupancy } from '../stays';
import { CreateFacilityDto, FacilityDetailDto, FacilityDto, OccupancyDto, UpdateFacilityDto } from './dto/facility.dto';
import { Facility } from './facility.entity';

const aad = (facilityId: string, field: 'address' | 'phone') => `facility:${facilityId}:${field}`;
const MAX_OCCUPANCY_NIGHTS = 366;

export function facilityDto(f: Facility): FacilityDto {
  return {
    id: f.id,
    kind: f.kind,
    kindLabel: FACILITY_KIND_LABELS[f.kind],
    name: f.name,
    operator: f.operator,
    capacity: f.capacity,
    capacityUnit: capacityUnitOf(f.kind),
    inCity: f.inCity,
    status: f.status,
    statusLabel: FACILITY_STATUS_LABELS[f.status],
    suspendedSince: f.suspendedSince,
    hasAddress: f.addressEnc !== null,
    hasPhone: f.phoneEnc !== null,
    version: f.version,
  };
}

/** Facilities master data (admin), the secret address (need to know), and nightly occupancy. */
@Injectable()
export class FacilitiesService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: CaseAccessService,
    private readonly dataKeys: DataKeyService,
    private readonly cipher: FieldCipher,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  create(actor: Actor, dto: CreateFacilityDto): Promise<FacilityDetailDto> {
    return this.tx.run(actor, async (tx) => {
      if (await tx.manager.existsBy(Facility, { name: dto.name })) throw duplicateName();
      const id = randomUUID();
      const now = this.clock.now();
      const dataKeyId = await this.dataKeys.create(tx.manager, 'facility', id, now);
      const facility: Facility = {
        id,
        kind: dto.kind,
        name: dto.name,
        operator: dto.operator ?? null,
        capacity: dto.capacity,
        inCity: dto.inCity,
        status: FacilityStatus.Operating,
        suspendedSince: null,
        dataKeyId,
        addressEnc: await this.cipher.encryptOptional(dataKeyId, dto.address, aad(id, 'address'), tx.manager),
        phoneEnc: await this.cipher.encryptOptional(dataKeyId, dto.phone, aad(id, 'phone'), tx.manager),
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await tx.manager.insert(Facility, facility);
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.FacilityCreate, resourceType: 'facility', resourceId: id, detailCode: dto.kind });
      // The admin enters the secret fields but, without a placement there, does not read them back.
      return { ...facilityDto(facility), secretShown: false };
    });
  }

  update(actor: Actor, id: string, dto: UpdateFacilityDto): Promise<FacilityDetailDto> {
    return this.tx.run(actor, async (tx) => {
      const facility = await tx.manager.findOne(Facility, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!facility) throw new NotFoundError('施設が見つかりません');
      if (facility.version !== dto.version) throw new StaleVersionError();
      if (dto.name !== undefined && dto.name !== facility.name && (await tx.manager.existsBy(Facility, { name: dto.name }))) throw duplicateName();
      const status = dto.status ?? facility.status;
      const fields: FieldError[] = [];
      let suspendedSince: string | null = null;
      if (status === FacilityStatus.Suspended) {
        suspendedSince = dto.suspendedSince ?? facility.suspendedSince;
        if (!suspendedSince || !isValidDate(suspendedSince)) fields.push({ field: 'suspendedSince', message: '休止日を正しく入力してください', constraints: ['validDate'] });
      } else if (dto.suspendedSince !== undefined) {
        fields.push({ field: 'suspendedSince', message: '運営中の施設に休止日は指定できません', constraints: ['suspendedOnly'] });
      }
      if (fields.length) throw new InvalidInputError(fields);
      const next: Partial<Facility> = {
        ...(dto.name !== undefined ? { name: dto.name } : {}),
        ...(dto.operator !== undefined ? { operator: dto.operator } : {}),
        ...(dto.capacity !== undefined ? { capacity: dto.capacity } : {}),
        ...(dto.inCity !== undefined ? { inCity: dto.inCity } : {}),
        ...(dto.address !== undefined ? { addressEnc: await this.cipher.encrypt(facility.dataKeyId, dto.address, aad(id, 'address'), tx.manager) } : {}),
        ...(dto.phone !== undefined ? { phoneEnc: await this.cipher.encrypt(facility.dataKeyId, dto.phone, aad(id, 'phone'), tx.manager) } : {}),
        status,
        suspendedSince,
        updatedAt: this.clock.now(),
        version: facility.version + 1,
      };
      await tx.manager.update(Facility, { id, version: dto.version }, next);
      const changed = Object.keys(dto).filter((k) => k !== 'version');
      await tx.audit({ category: AuditCategory.Admin, action: AuditAction.FacilityUpdate, resourceType: 'facility', resourceId: id, detailCode: changed.join(',') || 'none' });
      return { ...facilityDto({ ...facility, ...next }), secretShown: false };
    });
  }

  /** Every facility, suspended ones included (they still appear in reports); never the secret fields. */
  async list(): Promise<FacilityDto[]> {
    const rows = await this.dataSource.manager.find(Facility, { order: { kind: 'ASC', name: 'ASC' } });
    return rows.map(facilityDto);
  }

  /**
   * One facility. Address and phone only for a supervisor, or a counselor with an approved or
   * active placement there on a case they may see; each such read is audited.
   */
  get(actor: Actor, id: string): Promise<FacilityDetailDto> {
    return this.tx.run(actor, async (tx) => {
      const facility = await tx.manager.findOne(Facility, { where: { id } });
      if (!facility) throw new NotFoundError('施設が見つかりません');
      const shown = await this.mayReadSecret(tx, actor, id);
      await tx.audit({ category: AuditCategory.Admin, action: shown ? AuditAction.FacilitySecretRead : AuditAction.FacilityRead, resourceType: 'facility', resourceId: id });
      if (!shown) return { ...facilityDto(facility), secretShown: false };
      return {
        ...facilityDto(facility),
        secretShown: true,
        address: await this.cipher.decryptOptional(facility.addressEnc, aad(id, 'address'), tx.manager),
        phone: await this.cipher.decryptOptional(facility.phoneEnc, aad(id, 'phone'), tx.manager),
      };
    });
  }

  /** Adults, children and households present each night (admitted stays, ended or not). */
  occupancy(actor: Actor, id: string, from: string, to: string): Promise<OccupancyDto> {
    const fields: FieldError[] = [];
    if (!isValidDate(from)) fields.push({ field: 'from', message: '日付が正しくありません', constraints: ['validDate'] });
    if (!isValidDate(to)) fields.push({ field: 'to', message: '日付が正しくありません', constraints: ['validDate'] });
    else if (isValidDate(from) && (to < from || daysBetween(from, to) >= MAX_OCCUPANCY_NIGHTS)) {
      fields.push({ field: 'to', message: `終了日は開始日以降、${MAX_OCCUPANCY_NIGHTS}日以内で指定してください`, constraints: ['range'] });
    }
    if (fields.length) throw new InvalidInputError(fields);
    return this.tx.run(actor, async (tx) => {
      const facility = await tx.manager.findOne(Facility, { where: { id } });
      if (!facility) throw new NotFoundError('施設が見つかりません');
      const stays = await tx.manager
        .createQueryBuilder(Placement, 'p')
        .select(['p.id', 'p.admittedOn', 'p.endedOn', 'p.adults', 'p.children'])
        .where('p.facility_id = :id AND p.status IN (:...statuses)', { id, statuses: [PlacementStatus.Active, PlacementStatus.Ended] })
        .andWhere('p.admitted_on <= :to AND (p.ended_on IS NULL OR p.ended_on > :from)', { from, to })
        .getMany();
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.FacilityOccupancyRead, resourceType: 'facility', resourceId: id });
      const unit = capacityUnitOf(facility.kind);
      const nights = nightlyOccupancy(
        stays.map((p) => ({ start: p.admittedOn!, end: p.endedOn, adults: p.adults, children: p.children })),
        from,
        to,
      );
      return {
        facilityId: id,
        capacity: facility.capacity,
        capacityUnit: unit,
        nights: nights.map((n) => ({ ...n, used: unit === CapacityUnit.Households ? n.households : n.adults + n.children })),
      };
    });
  }

  private async mayReadSecret(tx: Tx, actor: Actor, facilityId: string): Promise<boolean> {
    if (hasPermission(actor.role, Permission.FacilitySecretReadAny)) return true;
    if (!readsUnitCases(actor)) return false;
    const qb = tx.manager
      .createQueryBuilder(Placement, 'p')
      .innerJoin('cases', 'c', 'c.id = p.case_id')
      .where('p.facility_id = :facilityId AND p.status IN (:...holding)', { facilityId, holding: HOLDING_PLACE });
    return (await this.access.scopeCases(qb, actor, 'c').getCount()) > 0;
  }
}

function duplicateName(): ConflictError {
  return new ConflictError('同じ名前の施設が既にあります');
}
