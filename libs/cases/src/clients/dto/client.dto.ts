import { IsCalendarDate, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { AgeBand, Gender } from '@tsunagu/codes';
import { IsBoolean, IsEnum, IsInt, IsString, Matches, MaxLength, Min, MinLength, ValidateIf } from 'class-validator';

export class CreateClientDto {
  @ApiProperty({ description: '氏名 (or the name she gives)' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ description: 'ふりがな / フリガナ' }) @IsOmittable() @IsString() @MaxLength(100) kana?: string;
  @ApiPropertyOptional({ example: '1990-04-01' }) @IsOmittable() @IsCalendarDate() birthDate?: string;
  @ApiPropertyOptional({ example: '090-1234-5678' }) @IsOmittable() @IsString() @Matches(/[0-9０-９]/) @MaxLength(30) phone?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(300) address?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(4000) notes?: string;
  @ApiPropertyOptional({ enum: Gender, default: Gender.Unknown }) @IsOmittable() @IsEnum(Gender) gender?: Gender;
  @ApiPropertyOptional({ enum: AgeBand, description: 'When the birth date is unknown' }) @IsOmittable() @IsEnum(AgeBand) ageBand?: AgeBand;
  @ApiPropertyOptional({ description: '支援措置対象・所在秘匿' }) @IsOmittable() @IsBoolean() addressProtected?: boolean;
}

export class UpdateClientDto {
  @ApiProperty({ description: 'The version read; a stale one gets 409' }) @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_o, v) => v !== null && v !== undefined) @IsString() @MaxLength(100) kana?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_o, v) => v !== null && v !== undefined) @IsCalendarDate() birthDate?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_o, v) => v !== null && v !== undefined) @IsString() @Matches(/[0-9０-９]/) @MaxLength(30) phone?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_o, v) => v !== null && v !== undefined) @IsString() @MaxLength(300) address?: string | null;
  @ApiPropertyOptional({ nullable: true }) @ValidateIf((_o, v) => v !== null && v !== undefined) @IsString() @MaxLength(4000) notes?: string | null;
  @ApiPropertyOptional({ enum: Gender }) @IsOmittable() @IsEnum(Gender) gender?: Gender;
  @ApiPropertyOptional({ enum: AgeBand }) @IsOmittable() @IsEnum(AgeBand) ageBand?: AgeBand;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() addressProtected?: boolean;
}

export class ClientSearchDto {
  @ApiPropertyOptional({ description: 'Exact match after normalization (digits only)' }) @IsOmittable() @IsString() @Matches(/[0-9０-９]/) @MaxLength(30) phone?: string;
  @ApiPropertyOptional({ description: 'Exact match after normalization (katakana, no spaces)' }) @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) kana?: string;
}

export class ClientReadQueryDto {
  @ApiPropertyOptional({ description: 'Show the address of an address-protected client (audited)' })
  @IsOmittable()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeAddress?: boolean;
}

/** A client in a list: never the address, whatever the flag says. */
export class ClientSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) kana: string | null;
  @ApiProperty({ enum: Gender }) gender: Gender;
  @ApiProperty({ enum: AgeBand }) ageBand: AgeBand;
  @ApiProperty() addressProtected: boolean;
}

export class ClientDto extends ClientSummaryDto {
  @ApiProperty({ nullable: true, type: String }) birthDate: string | null;
  @ApiProperty({ nullable: true, type: String }) phone: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'null for an address-protected client unless includeAddress=true' }) address: string | null;
  @ApiProperty({ description: 'An address is held but withheld (住所秘匿): ask with includeAddress=true' }) addressWithheld: boolean;
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() version: number;
}

export class CreateChildDto {
  @ApiProperty({ description: 'Encrypted at rest' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiPropertyOptional({ example: '2018-05-01' }) @IsOmittable() @IsCalendarDate() birthDate?: string;
}

export class ChildDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) birthDate: string | null;
}
