import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Channel, CountingUnit } from '../code-lists';

const CODE = /^[a-z0-9-]{2,40}$/;

export class CreateProgramDto {
  @ApiProperty({ description: 'Stable code, counted in statistics; never changes' }) @Matches(CODE) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: Channel, isArray: true }) @IsArray() @ArrayMinSize(1) @IsEnum(Channel, { each: true }) channels: Channel[];
  @ApiProperty({ enum: CountingUnit }) @IsEnum(CountingUnit) countingUnit: CountingUnit;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
}

export class UpdateProgramDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ enum: Channel, isArray: true }) @IsOptional() @IsArray() @ArrayMinSize(1) @IsEnum(Channel, { each: true }) channels?: Channel[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
}

export class CreateConcernDto {
  @ApiProperty({ description: 'Stable code, counted in statistics; never changes' }) @Matches(CODE) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ example: '人間関係' }) @IsString() @MinLength(1) @MaxLength(50) groupName: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() confirmed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
}

export class UpdateConcernDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(50) groupName?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() confirmed?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(100000) sortOrder?: number;
}
