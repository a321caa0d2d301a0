import { IsInstant, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsString, IsUUID, Matches, Max, Min } from 'class-validator';
import { AuditAction } from '../audit-actions';

export class AuditQueryDto {
  @ApiPropertyOptional() @IsOmittable() @IsUUID() caseId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsUUID() actorId?: string;
  @ApiPropertyOptional({ example: AuditAction.AuthLogin }) @IsOmittable() @IsString() @Matches(/^[a-z0-9.-]{1,64}$/) action?: string;
  @ApiPropertyOptional({ description: 'ISO 8601, inclusive' }) @IsOmittable() @IsInstant({ dateAlone: true }) from?: string;
  @ApiPropertyOptional({ description: 'ISO 8601, exclusive' }) @IsOmittable() @IsInstant({ dateAlone: true }) to?: string;
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' }) @IsOmittable() @Matches(/^\d{1,19}$/) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 200 }) @IsOmittable() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class AuditEventDto {
  @ApiProperty() id: string;
  @ApiProperty() occurredAt: string;
  @ApiProperty() category: string;
  @ApiProperty() action: string;
  @ApiProperty() outcome: string;
  @ApiProperty({ nullable: true, type: String }) actorId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String }) resourceType: string | null;
  @ApiProperty({ nullable: true, type: String }) resourceId: string | null;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
  @ApiProperty({ nullable: true, type: String }) detailCode: string | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty() sealed: boolean;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ChainVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty() checked: number;
  @ApiProperty({ nullable: true, type: String }) firstBrokenId: string | null;
  @ApiProperty({ nullable: true, type: String }) problem: string | null;
  @ApiProperty() unsealed: number;
}
