import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, Clock, fiscalYearLabel, fiscalYearRange, InvalidInputError, isMonth, jstDate, NotFoundError, StaleVersionError } from '@tsunagu/common';
import { capacityUnitOf, FACILITY_KIND_LABELS, FACILITY_STATUS_LABELS, FacilityKind, PlacementKind, PlacementStatus } from '../facility-codes';
import { Facility } from '../facilities/facility.entity';
import { Placement } from '../placements/placement.entity';
import { Stay, yearFigures } from '../stays';
import { FacilityFiguresDto, FacilitySummaryDto, MonthlyReportDto, PutMonthlyReportDto } from './dto/figures.dto';
import { FacilityMonthlyReport } from './facility-monthly-report.entity';
import { queryRows } from '@tsunagu/database';


const reportDto = (r: FacilityMonthlyReport): MonthlyReportDto => ({
  facilityId: r.facilityId,
  month: r.month,
  households: r.households,
  exits: r.exits,
  enteredBy: r.enteredBy,
  enteredAt: r.enteredAt.toISOString(),
  version: r.version,
});

/**
 * A facility's figures for one fiscal year: computed from the stays recorded here, and as the
 * facility reported them month by month. Counts only; nothing names a person.
 */
@Injectable()
export class FacilityFiguresService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  figures(actor: Actor, facilityId: string, fiscalYear: number): Promise<FacilityFiguresDto> {
    return this.tx.run(actor, async (tx) => {
      const facility = await tx.manager.findOne(Facility, { where: { id: facilityId } });
      if (!facility) throw new NotFoundError('施設が見つかりません');
      const { from, to } = fiscalYearRange(fiscalYear);
      const stays = (await this.staysOverlapping(tx.manager, from, to, facilityId)).get(facilityId) ?? [];
      const reports = await tx.manager
        .createQueryBuilder(FacilityMonthlyReport, 'r')
        .where('r.facility_id = :facilityId AND r.month >= :fromMonth AND r.month <= :toMonth', { facilityId, fromMonth: from.slice(0, 7), toMonth: to.slice(0, 7) })
        .orderBy('r.month', 'ASC')
        .getMany();
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.FacilityFiguresRead, resourceType: 'facility', resourceId: facilityId, detailCode: String(fiscalYear) });
      return {
        fiscalYear,
        fiscalYearLabel: fiscalYearLabel(fiscalYear),
        facilityId,
        facilityName: facility.name,
        kind: facility.kind,
        status: facility.status,
        statusLabel: FACILITY_STATUS_LABELS[facility.status],
        inCity: facility.inCity,
        capacityUnit: capacityUnitOf(facility.kind),
        computed: yearFigures(stays, fiscalYear, jstDate(this.clock.now())),
        reported: {
          monthsReported: reports.length,
          households: reports.reduce((n, r) => n + r.households, 0),
          exits: reports.reduce((n, r) => n + r.exits, 0),
          months: reports.map(reportDto),
        },
      };
    });
  }

  /**
   * Every facility's figures for the fiscal year, suspended ones included, with totals by
   * kind, the city's 一時保護委託 and the 緊急移送 counted: the facility part of the program report.
   */
  summary(actor: Actor, fiscalYear: number): Promise<FacilitySummaryDto> {
    return this.tx.run(actor, async (tx) => {
      const { from, to } = fiscalYearRange(fiscalYear);
      const today = jstDate(this.clock.now());
      const facilities = await tx.manager.find(Facility, { order: { kind: 'ASC', name: 'ASC' } });
      const stays = await this.staysOverlapping(tx.manager, from, to);
      const reported: { facility_id: string; months: number; households: number; exits: number }[] = await tx.manager.query(
        `SELECT facility_id, count(*)::int AS months, sum(households)::int AS households, sum(exits)::int AS exits
           FROM facility_monthly_reports WHERE month >= $1 AND month <= $2 GROUP BY facility_id`,
        [from.slice(0, 7), to.slice(0, 7)],
      );
      const [counts] = await queryRows<{ entrusted: number; transports: number }>(
        tx.manager,
        `SELECT (SELECT count(*)::int FROM placements WHERE kind = $1 AND status = ANY($2) AND admitted_on BETWEEN $3 AND $4) AS entrusted,
                (SELECT count(*)::int FROM transports WHERE transported_on BETWEEN $3 AND $4) AS transports`,
        [PlacementKind.EntrustedProtection, [PlacementStatus.Active, PlacementStatus.Ended], from, to],
      );
      const rows = facilities.map((f) => {
        const figures = yearFigures(stays.get(f.id) ?? [], fiscalYear, today);
        const r = reported.find((x) => x.facility_id === f.id);
        return {
          facilityId: f.id,
          facilityName: f.name,
          kind: f.kind,
          kindLabel: FACILITY_KIND_LABELS[f.kind],
          status: f.status,
          statusLabel: FACILITY_STATUS_LABELS[f.status],
          inCity: f.inCity,
          admissions: figures.admissions,
          adultsAdmitted: figures.adultsAdmitted,
          childrenAdmitted: figures.childrenAdmitted,
          nights: figures.nights,
          householdMonths: figures.householdMonths,
          exits: figures.exits,
          reportedMonths: r?.months ?? 0,
          reportedHouseholds: r?.households ?? 0,
          reportedExits: r?.exits ?? 0,
        };
      });
      const byKind = Object.values(FacilityKind).map((kind) => {
        const of = rows.filter((x) => x.kind === kind);
        const sum = (pick: (x: (typeof rows)[number]) => number) => of.reduce((n, x) => n + pick(x), 0);
        return {
          kind,
          kindLabel: FACILITY_KIND_LABELS[kind],
          admissions: sum((x) => x.admissions),
          admissionsOutsideCity: sum((x) => (x.inCity ? 0 : x.admissions)),
          adultsAdmitted: sum((x) => x.adultsAdmitted),
          childrenAdmitted: sum((x) => x.childrenAdmitted),
          nights: sum((x) => x.nights),
          householdMonths: sum((x) => x.householdMonths),
          exits: sum((x) => x.exits),
        };
      });
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.FacilityFiguresRead, resourceType: 'facility', detailCode: `summary:${fiscalYear}` });
      return {
        fiscalYear,
        fiscalYearLabel: fiscalYearLabel(fiscalYear),
        facilities: rows,
        byKind,
        entrustedProtections: counts.entrusted,
        transports: counts.transports,
      };
    });
  }

  /** Admitted stays overlapping the period, by facility (one facility, or all). */
  private async staysOverlapping(manager: EntityManager, from: string, to: string, facilityId?: string): Promise<Map<string, Stay[]>> {
    const qb = manager
      .createQueryBuilder(Placement, 'p')
      .select(['p.id', 'p.facilityId', 'p.admittedOn', 'p.endedOn', 'p.adults', 'p.children'])
      .where('p.status IN (:...statuses)', { statuses: [PlacementStatus.Active, PlacementStatus.Ended] })
      .andWhere('p.admitted_on <= :to AND (p.ended_on IS NULL OR p.ended_on >= :from)', { from, to });
    if (facilityId) qb.andWhere('p.facility_id = :facilityId', { facilityId });
    const byFacility = new Map<string, Stay[]>();
    for (const p of await qb.getMany()) {
      const list = byFacility.get(p.facilityId) ?? [];
      list.push({ start: p.admittedOn!, end: p.endedOn, adults: p.adults, children: p.children });
      byFacility.set(p.facilityId, list);
    }
    return byFacility;
  }

  /** Enters (or corrects, with the version read) a facility's reported figures for a month. */
  putMonthlyReport(actor: Actor, facilityId: string, month: string, dto: PutMonthlyReportDto): Promise<MonthlyReportDto> {
    if (!isMonth(month) || month > jstDate(this.clock.now()).slice(0, 7)) {
      throw new InvalidInputError([{ field: 'month', message: '月はYYYY-MM形式で、今月までを指定してください', constraints: ['pastMonth'] }]);
    }
    return this.tx.run(actor, async (tx) => {
      const facility = await tx.manager.findOne(Facility, { where: { id: facilityId } });
      if (!facility) throw new NotFoundError('施設が見つかりません');
      const existing = await tx.manager.findOne(FacilityMonthlyReport, { where: { facilityId, month }, lock: { mode: 'pessimistic_write' } });
      // A correction must carry the version it read; a first entry must not claim one.
      if ((existing?.version ?? undefined) !== dto.version) throw new StaleVersionError();
      const report: FacilityMonthlyReport = {
        facilityId,
        month,
        households: dto.households,
        exits: dto.exits,
        enteredBy: actor.userId,
        enteredAt: this.clock.now(),
        version: (existing?.version ?? 0) + 1,
      };
      if (existing) await tx.manager.update(FacilityMonthlyReport, { facilityId, month, version: existing.version }, report);
      else await tx.manager.insert(FacilityMonthlyReport, report);
      await tx.audit({ category: AuditCategory.Case, action: AuditAction.FacilityMonthlyReportPut, resourceType: 'facility', resourceId: facilityId, detailCode: month });
      return reportDto(report);
    });
  }
}
