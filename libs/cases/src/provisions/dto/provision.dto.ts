import { ApiProperty } from '@nestjs/swagger';
import { IsCalendarDate } from '@tsunagu/common';
import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { ProvisionKind } from '../provision.entity';

export class CreateProvisionDto {
  @ApiProperty({ enum: ProvisionKind, example: ProvisionKind.SanitaryProducts }) @IsEnum(ProvisionKind) kind: ProvisionKind;
  @ApiProperty({ minimum: 1, maximum: 1000, description: 'Sets handed out' }) @IsInt() @Min(1) @Max(1000) quantity: number;
  @ApiProperty({ example: '2025-10-01' }) @IsCalendarDate() date: string;
}

export class ProvisionDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ProvisionKind }) kind: ProvisionKind;
  @ApiProperty() kindLabel: string;
  @ApiProperty() quantity: number;
  @ApiProperty() date: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) lineConversationId: string | null;
}
