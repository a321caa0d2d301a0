import { ApiProperty } from '@nestjs/swagger';
import { IsMonth } from '@tsunagu/common';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class CreateReleaseDto {
  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @ApiProperty({ example: '2025-12' }) @IsMonth() upToMonth: string;
}

export class ReleaseCellDto {
  @ApiProperty({ description: 'YYYY-MM, or FY for the fiscal year' }) period: string;
  @ApiProperty() programCode: string;
  @ApiProperty() metric: string;
  @ApiProperty() dimension: string;
  @ApiProperty() key: string;
  @ApiProperty({ nullable: true, type: Number }) value: number | null;
  @ApiProperty({ description: 'X: suppressed, ‐: none' }) display: string;
}

export class ReleaseDto {
  @ApiProperty() id: string;
  @ApiProperty() fiscalYear: number;
  @ApiProperty() fiscalYearLabel: string;
  @ApiProperty() upToMonth: string;
  @ApiProperty() k: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: [ReleaseCellDto] }) cells: ReleaseCellDto[];
}
