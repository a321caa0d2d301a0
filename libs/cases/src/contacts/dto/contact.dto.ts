import { IsCalendarDate, IsInstant, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Channel } from '@tsunagu/codes';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

const CODE = /^[a-z0-9-]{1,40}$/;

export class CreateContactDto {
  @ApiProperty({ example: '2025-12-01T10:30:00+09:00', description: 'Start, ISO 8601 with offset (JST)' })
  @IsInstant() startedAt: string;
  @ApiProperty({ minimum: 0, maximum: 1440 }) @IsInt() @Min(0) @Max(1440) durationMinutes: number;
  @ApiProperty({ enum: Channel }) @IsEnum(Channel) channel: Channel;
  @ApiProperty({ description: '主訴 code' }) @IsString() @Matches(CODE) mainConcern: string;
  @ApiPropertyOptional({ type: [String] }) @IsOmittable() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Matches(CODE, { each: true }) otherConcerns?: string[];
  @ApiProperty() @IsBoolean() dvRelated: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(20000) summary?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) nextAction?: string;
  @ApiPropertyOptional({ example: '2025-12-08' }) @IsOmittable() @IsCalendarDate() followUpOn?: string;
}

/** A consultation with no client record (匿名の電話相談): the program says where it counts. */
export class CreateAnonymousContactDto extends CreateContactDto {
  @ApiProperty({ example: 'josei-soudan' }) @IsString() @Matches(CODE) programCode: string;
}

/** A correction: only the fields sent change; `version` is the one read. */
export class UpdateContactDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOmittable() @IsInstant() startedAt?: string;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(1440) durationMinutes?: number;
  @ApiPropertyOptional({ enum: Channel }) @IsOmittable() @IsEnum(Channel) channel?: Channel;
  @ApiPropertyOptional() @IsOmittable() @IsString() @Matches(CODE) mainConcern?: string;
  @ApiPropertyOptional({ type: [String] }) @IsOmittable() @IsArray() @ArrayMaxSize(10) @IsString({ each: true }) @Matches(CODE, { each: true }) otherConcerns?: string[];
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() dvRelated?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(20000) summary?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) nextAction?: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'null removes the follow-up date' })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsCalendarDate()
  followUpOn?: string | null;
}

export class ContactDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty() programCode: string;
  @ApiProperty() startedAt: string;
  @ApiProperty() durationMinutes: number;
  @ApiProperty({ enum: Channel }) channel: Channel;
  @ApiProperty() counselorId: string;
  @ApiProperty() mainConcern: string;
  @ApiProperty({ type: [String] }) otherConcerns: string[];
  @ApiProperty() dvRelated: boolean;
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty({ nullable: true, type: String }) nextAction: string | null;
  @ApiProperty({ nullable: true, type: String }) followUpOn: string | null;
  @ApiProperty() version: number;
}
