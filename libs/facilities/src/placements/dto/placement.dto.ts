import { IsCalendarDate, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ChildAgeBand, PlacementKind, PlacementOutcome, PlacementStatus } from '../../facility-codes';


export class CreatePlacementDto {
  @ApiProperty() @IsUUID() facilityId: string;
  @ApiPropertyOptional({ enum: PlacementKind, description: "Defaults to the facility's usual kind" }) @IsOmittable() @IsEnum(PlacementKind) kind?: PlacementKind;
  @ApiProperty({ minimum: 0, maximum: 10 }) @IsInt() @Min(0) @Max(10) adults: number;
  @ApiProperty({ minimum: 0, maximum: 20, description: '同伴児' }) @IsInt() @Min(0) @Max(20) children: number;
  @ApiPropertyOptional({ enum: ChildAgeBand, isArray: true, description: 'One per child' })
  @IsOmittable() @IsArray() @ArrayMaxSize(20) @IsEnum(ChildAgeBand, { each: true }) childAgeBands?: ChildAgeBand[];
  @ApiProperty({ example: '2025-07-01' }) @IsCalendarDate() plannedStart: string;
  @ApiPropertyOptional({ description: '助産施設: expected delivery date' }) @IsOmittable() @IsCalendarDate() expectedDeliveryOn?: string;
  @ApiProperty({ description: 'Why (encrypted)' }) @IsString() @MinLength(1) @MaxLength(4000) reason: string;
}

export class ApprovePlacementDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ description: 'Lets the placement past a full facility; at least 10 characters, audited' })
  @IsOmittable() @IsString() @MinLength(10) @MaxLength(1000) capacityOverrideReason?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) note?: string;
}

export class RejectPlacementDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ description: 'Why (encrypted)' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class AdmitPlacementDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ example: '2025-07-01', description: 'Actual start' }) @IsCalendarDate() admittedOn: string;
  @ApiPropertyOptional({ description: 'Supervisors only: admit past a full facility; audited' })
  @IsOmittable() @IsString() @MinLength(10) @MaxLength(1000) capacityOverrideReason?: string;
}

export class EndPlacementDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ example: '2025-08-15' }) @IsCalendarDate() endedOn: string;
  @ApiProperty({ enum: PlacementOutcome }) @IsEnum(PlacementOutcome) outcome: PlacementOutcome;
}

export class CancelPlacementDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class PlacementQueryDto {
  @ApiPropertyOptional({ enum: PlacementStatus }) @IsOmittable() @IsEnum(PlacementStatus) status?: PlacementStatus;
  @ApiPropertyOptional() @IsOmittable() @IsUUID() facility?: string;
}

export class PlacementDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() facilityId: string;
  @ApiProperty() facilityName: string;
  @ApiProperty({ enum: PlacementKind }) kind: PlacementKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty({ enum: PlacementStatus }) status: PlacementStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty() adults: number;
  @ApiProperty() children: number;
  @ApiProperty({ enum: ChildAgeBand, isArray: true }) childAgeBands: ChildAgeBand[];
  @ApiProperty() plannedStart: string;
  @ApiProperty({ nullable: true, type: String }) expectedDeliveryOn: string | null;
  @ApiProperty() reason: string;
  @ApiProperty() requestedBy: string;
  @ApiProperty() requestedAt: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decisionNote: string | null;
  @ApiProperty() capacityOverride: boolean;
  @ApiProperty({ nullable: true, type: String }) admittedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) endedOn: string | null;
  @ApiProperty({ enum: PlacementOutcome, nullable: true }) outcome: PlacementOutcome | null;
  @ApiProperty({ nullable: true, type: String }) outcomeLabel: string | null;
  @ApiProperty({ description: '受入日数: nights stayed so far (to today while active)' }) nights: number;
  @ApiProperty() version: number;
}
