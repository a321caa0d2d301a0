import { IsCalendarDate, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsString, IsUUID, Matches, Max, Min, ValidateIf } from 'class-validator';
import { CaseStatus, CloseReason } from '../case.entity';

const CODE = /^[a-z0-9-]{1,40}$/;

export class CreateCaseDto {
  @ApiProperty() @IsUUID() clientId: string;
  @ApiProperty({ example: 'josei-soudan' }) @IsString() @Matches(CODE) programCode: string;
  @ApiProperty({ type: [String], description: '主訴 codes, the main one first' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsString({ each: true }) @Matches(CODE, { each: true }) mainConcerns: string[];
  @ApiPropertyOptional({ description: 'Defaults to the counselor opening it' }) @IsOmittable() @IsUUID() assignedCounselorId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() restricted?: boolean;
  @ApiPropertyOptional({ description: 'JST date; defaults to today' }) @IsOmittable() @IsCalendarDate() openedOn?: string;
}

export class UpdateCaseDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_o, v) => v !== null && v !== undefined) @IsUUID() assignedCounselorId?: string | null;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() restricted?: boolean;
  @ApiPropertyOptional({ type: [String] })
  @IsOmittable() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(10) @IsString({ each: true }) @Matches(CODE, { each: true }) mainConcerns?: string[];
}

export class CloseCaseDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: CloseReason }) @IsEnum(CloseReason) reason: CloseReason;
  @ApiPropertyOptional({ description: 'JST date; defaults to today' }) @IsOmittable() @IsCalendarDate() closedOn?: string;
}

export class ReopenCaseDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class CaseQueryDto {
  @ApiPropertyOptional({ description: "A client's cases" }) @IsOmittable() @IsUUID() clientId?: string;
  @ApiPropertyOptional({ enum: CaseStatus }) @IsOmittable() @IsEnum(CaseStatus) status?: CaseStatus;
  @ApiPropertyOptional() @IsOmittable() @Matches(CODE) program?: string;
  @ApiPropertyOptional({ description: 'A user id, or "me"' }) @IsOmittable() @Matches(/^(me|[0-9a-f-]{36})$/) assignedTo?: string;
  @ApiPropertyOptional() @IsOmittable() @Matches(CODE) concern?: string;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() openedFrom?: string;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() openedTo?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Matches(/^[A-Za-z0-9_-]{1,200}$/) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOmittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class CaseDto {
  @ApiProperty() id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() clientId: string;
  @ApiProperty() programCode: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ nullable: true, type: String }) assignedCounselorId: string | null;
  @ApiProperty({ enum: CaseStatus }) status: CaseStatus;
  @ApiProperty({ enum: CloseReason, nullable: true }) closeReason: CloseReason | null;
  @ApiProperty({ type: [String] }) mainConcerns: string[];
  @ApiProperty() restricted: boolean;
  @ApiProperty() openedOn: string;
  @ApiProperty({ nullable: true, type: String }) closedOn: string | null;
  @ApiProperty() version: number;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseDto] }) items: CaseDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
