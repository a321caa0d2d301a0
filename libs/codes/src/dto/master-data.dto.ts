import { IsCalendarDate, IsMonthDay, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { Channel, CountingUnit } from '../code-lists';
import type { ServiceHoursRule } from '../service-hours';

const CODE = /^[a-z0-9-]{2,40}$/;

export class CreateProgramDto {
  @ApiProperty({ description: 'Stable code, counted in statistics; never changes' }) @Matches(CODE) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: Channel, isArray: true }) @IsArray() @ArrayMinSize(1) @IsEnum(Channel, { each: true }) channels: Channel[];
  @ApiProperty({ enum: CountingUnit }) @IsEnum(CountingUnit) countingUnit: CountingUnit;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 30, description: 'Years a closed case is kept (default 5)' }) @IsOmittable() @IsInt() @Min(1) @Max(30) retentionYears?: number;
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** One service-hours rule: `weekly` with weekdays (0 = Sunday), or `monthly` with the nth weekday. Times JST. */
export class ServiceHoursRuleDto {
  @ApiProperty({ enum: ['weekly', 'monthly'] }) @IsIn(['weekly', 'monthly']) kind: 'weekly' | 'monthly';
  @ApiPropertyOptional({ type: [Number], example: [1, 2, 3, 4, 5] }) @IsOmittable() @IsArray() @ArrayMaxSize(7) @IsInt({ each: true }) @Min(0, { each: true }) @Max(6, { each: true }) weekdays?: number[];
  @ApiPropertyOptional({ minimum: 1, maximum: 5 }) @IsOmittable() @IsInt() @Min(1) @Max(5) nth?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 6 }) @IsOmittable() @IsInt() @Min(0) @Max(6) weekday?: number;
  @ApiProperty({ example: '19:00' }) @Matches(TIME) start: string;
  @ApiProperty({ example: '22:00' }) @Matches(TIME) end: string;
}

export class UpdateProgramDto {
  @ApiPropertyOptional({ type: [ServiceHoursRuleDto], nullable: true, description: 'null: no fixed hours' })
  @IsOptional() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ServiceHoursRuleDto) serviceHours?: ServiceHoursRuleDto[] | null;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ enum: Channel, isArray: true }) @IsOmittable() @IsArray() @ArrayMinSize(1) @IsEnum(Channel, { each: true }) channels?: Channel[];
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
  @ApiPropertyOptional({ minimum: 1, maximum: 30, description: 'Years a closed case is kept' }) @IsOmittable() @IsInt() @Min(1) @Max(30) retentionYears?: number;
}

export class CreateConcernDto {
  @ApiProperty({ description: 'Stable code, counted in statistics; never changes' }) @Matches(CODE) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ example: '人間関係' }) @IsString() @MinLength(1) @MaxLength(50) groupName: string;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() confirmed?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
}

export class UpdateConcernDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(50) groupName?: string;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() confirmed?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
}

export class CreateClosureDayDto {
  @ApiPropertyOptional({ example: '2026-05-07', description: 'One date; or monthDay for every year' }) @IsOmittable() @IsCalendarDate() onDate?: string;
  @ApiPropertyOptional({ example: '12-29' }) @IsOmittable() @IsMonthDay() monthDay?: string;
  @ApiProperty({ example: '年末年始' }) @IsString() @MinLength(1) @MaxLength(50) label: string;
}

export class ProgramDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Channel, isArray: true }) channels: Channel[];
  @ApiProperty({ enum: CountingUnit }) countingUnit: CountingUnit;
  @ApiProperty() active: boolean;
  @ApiProperty({ description: 'Years a closed case is kept before it is due for destruction' }) retentionYears: number;
  @ApiProperty({ nullable: true, description: 'JST rules; null: no fixed hours', type: [ServiceHoursRuleDto] }) serviceHours: ServiceHoursRule[] | null;
}

export class ClosureDayDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) onDate: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'MM-DD, every year' }) monthDay: string | null;
  @ApiProperty() label: string;
}

export class ConcernDto {
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() groupName: string;
  @ApiProperty() confirmed: boolean;
  @ApiProperty({ description: 'Lists and forms show concerns in this order' }) sortOrder: number;
  @ApiProperty() active: boolean;
}

export class ChannelDto {
  @ApiProperty({ enum: Channel }) code: Channel;
  @ApiProperty() name: string;
}
