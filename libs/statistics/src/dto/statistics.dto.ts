import { IsMonth, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { RunStatus } from '../statistics.entities';

export class CreateRunDto {
  @ApiProperty({ example: '2025-12', description: 'The month to compute (JST)' }) @IsMonth() period: string;
}

export class RunDto {
  @ApiProperty() id: string;
  @ApiProperty() period: string;
  @ApiProperty({ enum: RunStatus }) status: RunStatus;
  @ApiProperty() progress: number;
  @ApiProperty({ nullable: true, type: String }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) finishedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) errorCode: string | null;
}

export class MonthlyQueryDto {
  @ApiProperty({ example: '2025-04' }) @IsMonth() from: string;
  @ApiProperty({ example: '2025-12' }) @IsMonth() to: string;
  @ApiPropertyOptional() @IsOmittable() @Matches(/^[a-z0-9-]{2,40}$/) program?: string;
  @ApiPropertyOptional({ example: 'channel' }) @IsOmittable() @Matches(/^[a-z-]{2,40}$/) dimension?: string;
}

export class MonthlyCellDto {
  @ApiProperty() period: string;
  @ApiProperty() programCode: string;
  @ApiProperty() metric: string;
  @ApiProperty() dimension: string;
  @ApiProperty() key: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Null when suppressed' }) value: number | null;
  @ApiProperty({ description: "X: suppressed, ‐: none" }) display: string;
}

export class MonthlyDto {
  @ApiProperty({
    type: [MonthlyCellDto],
    description:
      "The asked months only (period YYYY-MM; no fiscal-year totals): each metric's total and one-way breakdowns, never cross-tabulations. " +
      'Suppressed at the internal k by Gaussian elimination over all computed months of each fiscal year, whatever range, program or dimension is asked for, ' +
      'so a month shows the same pattern in every request until a month of its year is computed again. ' +
      "A key seen in any computed month of the year appears in each (‐ when zero). A metric stored by breakdown only gets a total: its largest breakdown's sum.",
  })
  cells: MonthlyCellDto[];
  @ApiProperty({ description: 'Months in range without a finished run' }) missing: string[];
  @ApiProperty({ description: 'Computed months whose case data changed since: recomputed by the next monthly schedule, or a requested run' }) stale: string[];
  @ApiProperty() note: string;
}

export class PutAggregateEntryDto {
  @ApiProperty({ example: '2025-12' }) @IsMonth() period: string;
  @ApiProperty({ example: 'lgbtq-line' }) @Matches(/^[a-z0-9-]{2,40}$/) programCode: string;
  @ApiProperty({ example: 'consultations', description: 'What is counted (consultations, partnership-oaths, schools, pupils …)' }) @Matches(/^[a-z0-9-]{2,40}$/) metric: string;
  @ApiProperty({ minimum: 0 }) @IsInt() @Min(0) @Max(10_000_000) value: number;
  @ApiProperty({ example: '委託先月次報告' }) @IsString() @MinLength(1) @MaxLength(100) source: string;
  @ApiPropertyOptional({ description: 'The version read, when correcting an entered figure' }) @IsOmittable() @IsInt() @Min(1) version?: number;
}

export class AggregateQueryDto {
  @ApiProperty({ example: '2025-04' }) @IsMonth() from: string;
  @ApiProperty({ example: '2026-03' }) @IsMonth() to: string;
}

export class AggregateEntryDto {
  @ApiProperty() id: string;
  @ApiProperty() period: string;
  @ApiProperty() programCode: string;
  @ApiProperty() metric: string;
  @ApiProperty() value: number;
  @ApiProperty() source: string;
  @ApiProperty() enteredBy: string;
  @ApiProperty() enteredAt: string;
  @ApiProperty() version: number;
}
