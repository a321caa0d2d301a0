import { IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { AlertRule } from '../alert-rules';
import { AlertStatus } from '../access-alert.entity';

export class AlertQueryDto {
  @ApiPropertyOptional({ enum: AlertStatus, description: 'Only open or only acknowledged alerts; both when absent' })
  @IsOmittable()
  @IsIn(Object.values(AlertStatus))
  status?: AlertStatus;
}

export class AcknowledgeAlertDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Follow-up done (no personal details)' })
  @IsOmittable()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class AlertDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: AlertRule }) rule: AlertRule;
  @ApiProperty({ description: 'The rule in Japanese' }) ruleLabel: string;
  @ApiProperty() actorId: string;
  @ApiProperty({ description: 'Display name of the staff member' }) actorName: string;
  @ApiProperty({ description: 'JST day (YYYY-MM-DD) or ISO week (YYYY-Www)' }) period: string;
  @ApiProperty() observed: number;
  @ApiProperty() threshold: number;
  @ApiProperty() firstAt: string;
  @ApiProperty() lastAt: string;
  @ApiProperty({ enum: AlertStatus }) status: AlertStatus;
  @ApiProperty({ nullable: true, type: String }) acknowledgedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}
