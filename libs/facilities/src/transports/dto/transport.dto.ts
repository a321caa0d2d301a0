import { IsCalendarDate } from '@tsunagu/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsEnum, IsInt, Max, Min } from 'class-validator';
import { TransportPlace } from '../../facility-codes';

export class CreateTransportDto {
  @ApiProperty({ example: '2025-09-01' }) @IsCalendarDate() transportedOn: string;
  @ApiProperty({ enum: TransportPlace }) @IsEnum(TransportPlace) fromPlace: TransportPlace;
  @ApiProperty({ enum: TransportPlace }) @IsEnum(TransportPlace) toPlace: TransportPlace;
  @ApiProperty({ minimum: 0, maximum: 10, description: 'Staff or police escorting' }) @IsInt() @Min(0) @Max(10) escorts: number;
}

export class TransportDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() transportedOn: string;
  @ApiProperty({ enum: TransportPlace }) fromPlace: TransportPlace;
  @ApiProperty() fromLabel: string;
  @ApiProperty({ enum: TransportPlace }) toPlace: TransportPlace;
  @ApiProperty() toLabel: string;
  @ApiProperty() escorts: number;
  @ApiProperty() createdBy: string;
}
