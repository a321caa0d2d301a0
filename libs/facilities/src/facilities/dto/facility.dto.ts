import { IsCalendarDate, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEnum, IsInt, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { CapacityUnit, FacilityKind, FacilityStatus } from '../../facility-codes';


export class CreateFacilityDto {
  @ApiProperty({ enum: FacilityKind }) @IsEnum(FacilityKind) kind: FacilityKind;
  @ApiProperty({ example: '架空シェルターA' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(100) operator?: string;
  @ApiProperty({ description: 'Persons, or households for 母子生活支援施設', minimum: 0 }) @IsInt() @Min(0) @Max(1000) capacity: number;
  @ApiProperty({ description: 'false: 広域 (another municipality)' }) @IsBoolean() inCity: boolean;
  @ApiPropertyOptional({ description: 'Secret: encrypted, never listed' }) @IsOmittable() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional({ description: 'Secret: encrypted, never listed' }) @IsOmittable() @IsString() @MaxLength(30) phone?: string;
}

/** Only the fields sent change; `version` is the one read. */
export class UpdateFacilityDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(100) operator?: string;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(1000) capacity?: number;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() inCity?: boolean;
  @ApiPropertyOptional({ enum: FacilityStatus }) @IsOmittable() @IsEnum(FacilityStatus) status?: FacilityStatus;
  @ApiPropertyOptional({ description: 'Required when status becomes suspended', example: '2025-04-01' }) @IsOmittable() @IsCalendarDate() suspendedSince?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(200) address?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(30) phone?: string;
}

export class FacilityDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: FacilityKind }) kind: FacilityKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) operator: string | null;
  @ApiProperty() capacity: number;
  @ApiProperty({ enum: CapacityUnit }) capacityUnit: CapacityUnit;
  @ApiProperty() inCity: boolean;
  @ApiProperty({ enum: FacilityStatus }) status: FacilityStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ nullable: true, type: String }) suspendedSince: string | null;
  @ApiProperty({ description: 'An address is on file (the address itself is need-to-know)' }) hasAddress: boolean;
  @ApiProperty({ description: 'A phone number is on file' }) hasPhone: boolean;
  @ApiProperty() version: number;
}

/** One facility; the secret fields only for those who may see them (`secretShown`). */
export class FacilityDetailDto extends FacilityDto {
  @ApiProperty({ description: 'Whether address and phone are shown to this user' }) secretShown: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) address?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) phone?: string | null;
}

export class OccupancyQueryDto {
  @ApiProperty({ example: '2025-07-01' }) @IsCalendarDate() from: string;
  @ApiProperty({ example: '2025-07-31' }) @IsCalendarDate() to: string;
}

export class NightDto {
  @ApiProperty() date: string;
  @ApiProperty() adults: number;
  @ApiProperty() children: number;
  @ApiProperty() households: number;
  @ApiProperty({ description: 'adults + children, or households for 母子生活支援施設' }) used: number;
}

export class OccupancyDto {
  @ApiProperty() facilityId: string;
  @ApiProperty() capacity: number;
  @ApiProperty({ enum: CapacityUnit }) capacityUnit: CapacityUnit;
  @ApiProperty({ type: [NightDto] }) nights: NightDto[];
}
