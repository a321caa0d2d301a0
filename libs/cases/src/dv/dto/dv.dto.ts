import { IsCalendarDate, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DvRelation, ProtectionOrderKind, ProtectionOrderStatus, RiskItem, RiskLevel, ViolenceType } from '@tsunagu/codes';
import { ArrayMaxSize, IsArray, IsBoolean, IsEnum, IsInt, IsString, IsUUID, MaxLength, Min } from 'class-validator';
import { SupportMeasureEndReason, SupportMeasureStatus } from '../support-measure.entity';


export class PutDvDto {
  @ApiPropertyOptional({ description: 'The version read, when the details exist already' }) @IsOmittable() @IsInt() @Min(1) version?: number;
  @ApiProperty({ enum: DvRelation }) @IsEnum(DvRelation) relation: DvRelation;
  @ApiProperty({ enum: ViolenceType, isArray: true }) @IsArray() @ArrayMaxSize(6) @IsEnum(ViolenceType, { each: true }) violenceTypes: ViolenceType[];
  @ApiProperty() @IsBoolean() childrenExposed: boolean;
}

export class CreateProtectionOrderDto {
  @ApiProperty({ enum: ProtectionOrderKind }) @IsEnum(ProtectionOrderKind) kind: ProtectionOrderKind;
  @ApiProperty({ enum: ProtectionOrderStatus }) @IsEnum(ProtectionOrderStatus) status: ProtectionOrderStatus;
  @ApiPropertyOptional({ description: 'For orders that accompany an approach ban' }) @IsOmittable() @IsUUID() approachBanId?: string;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() homeSolelyHers?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() filedOn?: string;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() issuedOn?: string;
}

export class UpdateProtectionOrderDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: ProtectionOrderStatus }) @IsEnum(ProtectionOrderStatus) status: ProtectionOrderStatus;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() issuedOn?: string;
}

export class CreateRiskAssessmentDto {
  @ApiProperty() @IsCalendarDate() assessedOn: string;
  @ApiProperty({ enum: RiskItem, isArray: true }) @IsArray() @ArrayMaxSize(20) @IsEnum(RiskItem, { each: true }) items: RiskItem[];
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(4000) note?: string;
}

export class CreateSupportMeasureDto {
  @ApiProperty({ description: '申出日' }) @IsCalendarDate() appliedOn: string;
  @ApiPropertyOptional({ description: '相談機関等の意見 given on' }) @IsOmittable() @IsCalendarDate() opinionGivenOn?: string;
  @ApiPropertyOptional({ description: '受付日' }) @IsOmittable() @IsCalendarDate() receivedOn?: string;
  @ApiPropertyOptional({ description: '受理日' }) @IsOmittable() @IsCalendarDate() acceptedOn?: string;
  @ApiPropertyOptional({ description: 'The term this one renews' }) @IsOmittable() @IsUUID() renewsId?: string;
}

export class EndSupportMeasureDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ enum: SupportMeasureEndReason }) @IsEnum(SupportMeasureEndReason) reason: SupportMeasureEndReason;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() endedOn?: string;
}

export class ProtectionOrderDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ProtectionOrderKind }) kind: ProtectionOrderKind;
  @ApiProperty({ enum: ProtectionOrderStatus }) status: ProtectionOrderStatus;
  @ApiProperty({ nullable: true, type: String }) approachBanId: string | null;
  @ApiProperty() homeSolelyHers: boolean;
  @ApiProperty({ nullable: true, type: String }) filedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) issuedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) expiresOn: string | null;
  @ApiProperty() version: number;
}

export class SupportMeasureDto {
  @ApiProperty() id: string;
  @ApiProperty({ nullable: true, type: String }) renewsId: string | null;
  @ApiProperty() appliedOn: string;
  @ApiProperty({ nullable: true, type: String }) opinionGivenOn: string | null;
  @ApiProperty({ nullable: true, type: String }) receivedOn: string | null;
  @ApiProperty({ nullable: true, type: String }) acceptedOn: string | null;
  @ApiProperty() startsOn: string;
  @ApiProperty() expiresOn: string;
  @ApiProperty({ enum: SupportMeasureStatus }) status: SupportMeasureStatus;
  @ApiProperty({ enum: SupportMeasureEndReason, nullable: true }) endReason: SupportMeasureEndReason | null;
  @ApiProperty({ nullable: true, type: String }) endedOn: string | null;
  @ApiProperty() version: number;
}

export class DvDto {
  @ApiProperty({ enum: DvRelation, nullable: true }) relation: DvRelation | null;
  @ApiProperty({ enum: ViolenceType, isArray: true }) violenceTypes: ViolenceType[];
  @ApiProperty() childrenExposed: boolean;
  @ApiProperty({ description: '0 while no details are recorded' }) version: number;
  @ApiProperty({ type: [ProtectionOrderDto] }) protectionOrders: ProtectionOrderDto[];
  @ApiProperty({ type: [SupportMeasureDto] }) supportMeasures: SupportMeasureDto[];
}

export class RiskAssessmentDto {
  @ApiProperty() id: string;
  @ApiProperty() assessedOn: string;
  @ApiProperty() assessorId: string;
  @ApiProperty({ enum: RiskItem, isArray: true }) items: RiskItem[];
  @ApiProperty({ enum: RiskLevel }) level: RiskLevel;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}
