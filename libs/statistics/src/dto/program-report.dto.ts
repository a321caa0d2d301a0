import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsCalendarDate, IsOmittable } from '@tsunagu/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, Max, Min } from 'class-validator';

export class ProgramReportQueryDto {
  @ApiProperty({ example: 2025 }) @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @ApiProperty({ example: '2025-12-31', required: false, description: 'Count up to the end of this month (JST); the whole year by default' })
  @IsOmittable() @IsCalendarDate() asOf?: string;
  @ApiProperty({ enum: ['json', 'csv', 'xlsx'], required: false }) @IsOmittable() @IsIn(['json', 'csv', 'xlsx']) format?: 'json' | 'csv' | 'xlsx';
}

export class ReportFigure {
  @ApiProperty({ example: '相談件数（延べ）' }) label: string;
  @ApiProperty({ nullable: true, type: Number, description: 'Null when suppressed, not entered yet, or not applicable (a suspended facility)' }) value: number | null;
  @ApiProperty({ description: 'As printed: the number, X (suppressed), 休止中 or 未入力' }) display: string;
  @ApiProperty({ example: '件' }) unit: string;
  @ApiProperty({ example: 'R7年12月末日現在' }) asOf: string;
  @ApiPropertyOptional({ description: 'Where a figure comes from when it is not computed from casework' }) source?: string;
}

export class ReportSection {
  @ApiProperty({ example: 'consultation-room' }) code: string;
  @ApiProperty({ example: '女性相談室' }) title: string;
  @ApiProperty({ enum: ['as-published', 'suppressed'], description: 'as-published: shown as they are (city policy); suppressed: small counts hidden at the public k' }) publication: 'as-published' | 'suppressed';
  @ApiProperty({ type: [ReportFigure] }) figures: ReportFigure[];
}

export class ProgramReport {
  @ApiProperty({ example: 2025 }) fiscalYear: number;
  @ApiProperty({ example: '令和7年度' }) fiscalYearLabel: string;
  @ApiProperty({ example: '2025-12-31' }) asOf: string;
  @ApiProperty({ type: [ReportSection] }) sections: ReportSection[];
  @ApiProperty({ type: [String], description: 'Months of the period without a finished statistics run: their figures are missing' }) missingMonths: string[];
  @ApiProperty() note: string;
}
