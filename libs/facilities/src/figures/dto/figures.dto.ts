import { IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { CapacityUnit, FacilityKind, FacilityStatus } from '../../facility-codes';

export class FiguresQueryDto {
  @ApiProperty({ example: 2025, description: 'Fiscal year (April–March)' }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
}

export class PutMonthlyReportDto {
  @ApiProperty({ description: '世帯数 in residence that month (延べ世帯数 is their sum)' }) @IsInt() @Min(0) @Max(10000) households: number;
  @ApiProperty({ description: '退所世帯数 that month' }) @IsInt() @Min(0) @Max(10000) exits: number;
  @ApiPropertyOptional({ description: 'The version read, when correcting an entered month' }) @IsOmittable() @IsInt() @Min(1) version?: number;
}

export class MonthlyReportDto {
  @ApiProperty() facilityId: string;
  @ApiProperty() month: string;
  @ApiProperty() households: number;
  @ApiProperty() exits: number;
  @ApiProperty() enteredBy: string;
  @ApiProperty() enteredAt: string;
  @ApiProperty() version: number;
}

export class ComputedMonthDto {
  @ApiProperty() month: string;
  @ApiProperty({ description: 'Households in residence on the 1st' }) householdsOnFirst: number;
}

export class ComputedFiguresDto {
  @ApiProperty({ description: 'Stays admitted in the fiscal year (入所件数; persons for 助産施設 = adults)' }) admissions: number;
  @ApiProperty() adultsAdmitted: number;
  @ApiProperty({ description: '同伴児 admitted' }) childrenAdmitted: number;
  @ApiProperty({ description: '受入日数: nights within the fiscal year (open stays up to today)' }) nights: number;
  @ApiProperty({ description: '延べ世帯数: households in residence on the 1st, summed over the months' }) householdMonths: number;
  @ApiProperty({ description: '退所世帯数: stays ended in the fiscal year' }) exits: number;
  @ApiProperty({ type: [ComputedMonthDto] }) months: ComputedMonthDto[];
}

export class ReportedFiguresDto {
  @ApiProperty({ description: 'Months the facility reported' }) monthsReported: number;
  @ApiProperty() households: number;
  @ApiProperty() exits: number;
  @ApiProperty({ type: [MonthlyReportDto] }) months: MonthlyReportDto[];
}

export class FacilityFiguresDto {
  @ApiProperty() fiscalYear: number;
  @ApiProperty({ example: '令和7年度' }) fiscalYearLabel: string;
  @ApiProperty() facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ enum: FacilityKind }) kind: FacilityKind;
  @ApiProperty({ enum: FacilityStatus }) status: FacilityStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty() inCity: boolean;
  @ApiProperty({ enum: CapacityUnit }) capacityUnit: CapacityUnit;
  @ApiProperty({ type: ComputedFiguresDto }) computed: ComputedFiguresDto;
  @ApiProperty({ type: ReportedFiguresDto }) reported: ReportedFiguresDto;
}

export class FacilityYearRowDto {
  @ApiProperty() facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ enum: FacilityKind }) kind: FacilityKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty({ enum: FacilityStatus }) status: FacilityStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty() inCity: boolean;
  @ApiProperty() admissions: number;
  @ApiProperty() adultsAdmitted: number;
  @ApiProperty() childrenAdmitted: number;
  @ApiProperty() nights: number;
  @ApiProperty() householdMonths: number;
  @ApiProperty() exits: number;
  @ApiProperty() reportedMonths: number;
  @ApiProperty() reportedHouseholds: number;
  @ApiProperty() reportedExits: number;
}

export class FacilityKindTotalsDto {
  @ApiProperty({ enum: FacilityKind }) kind: FacilityKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty() admissions: number;
  @ApiProperty({ description: '広域入所: admissions at facilities outside the city' }) admissionsOutsideCity: number;
  @ApiProperty() adultsAdmitted: number;
  @ApiProperty() childrenAdmitted: number;
  @ApiProperty() nights: number;
  @ApiProperty() householdMonths: number;
  @ApiProperty() exits: number;
}

export class FacilitySummaryDto {
  @ApiProperty() fiscalYear: number;
  @ApiProperty() fiscalYearLabel: string;
  @ApiProperty({ type: [FacilityYearRowDto] }) facilities: FacilityYearRowDto[];
  @ApiProperty({ type: [FacilityKindTotalsDto] }) byKind: FacilityKindTotalsDto[];
  @ApiProperty({ description: '一時保護委託 decided by the city, admitted in the year' }) entrustedProtections: number;
  @ApiProperty({ description: '緊急移送 in the year' }) transports: number;
}
