import { IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsString, MaxLength, MinLength } from 'class-validator';

export class BreakGlassDto {
  @ApiProperty({ minLength: 10, description: 'Why the case must be opened now (no personal details)' })
  @IsString() @MinLength(10) @MaxLength(500) reason: string;
}

export class BreakGlassQueryDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  reviewed?: boolean;
}

export class ReviewBreakGlassDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(1000) note?: string;
}

export class BreakGlassGrantDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() userId: string;
  @ApiProperty() reason: string;
  @ApiProperty() grantedAt: string;
  @ApiProperty() expiresAt: string;
  @ApiProperty({ nullable: true, type: String }) reviewedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) reviewNote: string | null;
}
