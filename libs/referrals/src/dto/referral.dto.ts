import { IsCalendarDate, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsString, IsUUID, MaxLength, Min, MinLength } from 'class-validator';
import { ConsentMethod, DisclosableField, ReferralPurpose, ReferralStatus } from '../referral-codes';


export class CreateConsentDto {
  @ApiProperty({ example: '2025-10-01' }) @IsCalendarDate() obtainedOn: string;
  @ApiProperty({ enum: ConsentMethod }) @IsEnum(ConsentMethod) method: ConsentMethod;
  @ApiProperty({ type: [String], description: 'Departments she agreed to share with' }) @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsUUID('all', { each: true }) departmentIds: string[];
  @ApiProperty({ enum: DisclosableField, isArray: true }) @IsArray() @ArrayMinSize(1) @IsEnum(DisclosableField, { each: true }) fields: DisclosableField[];
}

export class WithdrawConsentDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class ConsentDto {
  @ApiProperty() id: string;
  @ApiProperty() clientId: string;
  @ApiProperty() obtainedOn: string;
  @ApiProperty({ enum: ConsentMethod }) method: ConsentMethod;
  @ApiProperty() methodLabel: string;
  @ApiProperty() obtainedBy: string;
  @ApiProperty({ type: [String] }) departmentIds: string[];
  @ApiProperty({ enum: DisclosableField, isArray: true }) fields: DisclosableField[];
  @ApiProperty({ nullable: true, type: String }) withdrawnAt: string | null;
  @ApiProperty() version: number;
}

export class CreateReferralDto {
  @ApiProperty() @IsUUID() departmentId: string;
  @ApiProperty({ enum: ReferralPurpose }) @IsEnum(ReferralPurpose) purpose: ReferralPurpose;
  @ApiProperty({ description: 'Message to the department (encrypted)' }) @IsString() @MinLength(1) @MaxLength(4000) message: string;
  @ApiProperty({ enum: DisclosableField, isArray: true, description: 'Exactly what the department will see' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @IsEnum(DisclosableField, { each: true }) fields: DisclosableField[];
  @ApiPropertyOptional({ description: "Summary written for the department; required when 'summary' is a field" }) @IsOmittable() @IsString() @MaxLength(4000) summary?: string;
  @ApiProperty({ example: '2025-11-15', description: 'Response wanted by' }) @IsCalendarDate() dueOn: string;
  @ApiPropertyOptional({ description: '支援措置意見: the DV等支援措置 term on this case the opinion is for' }) @IsOmittable() @IsUUID() supportMeasureId?: string;
}

/** Draft edits: only the fields sent change. */
export class UpdateReferralDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional({ enum: ReferralPurpose }) @IsOmittable() @IsEnum(ReferralPurpose) purpose?: ReferralPurpose;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(4000) message?: string;
  @ApiPropertyOptional({ enum: DisclosableField, isArray: true }) @IsOmittable() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(7) @IsEnum(DisclosableField, { each: true }) fields?: DisclosableField[];
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(4000) summary?: string;
  @ApiPropertyOptional() @IsOmittable() @IsCalendarDate() dueOn?: string;
}

export class VersionDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
}

export class ApproveReferralDto extends VersionDto {
  @ApiPropertyOptional({ description: "Second confirmation to disclose an address-protected client's address" }) @IsOmittable() @IsBoolean() confirmAddress?: boolean;
}

export class ReasonDto extends VersionDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2000) reason: string;
}

export class RespondDto extends VersionDto {
  @ApiPropertyOptional({ description: "The department's comment (encrypted)" }) @IsOmittable() @IsString() @MaxLength(2000) comment?: string;
}

export class ReferralQueryDto {
  @ApiPropertyOptional({ enum: ReferralStatus }) @IsOmittable() @IsEnum(ReferralStatus) status?: ReferralStatus;
}

/** The office's view of a referral. */
export class ReferralDto {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty() departmentId: string;
  @ApiProperty({ enum: ReferralPurpose }) purpose: ReferralPurpose;
  @ApiProperty() purposeLabel: string;
  @ApiProperty() message: string;
  @ApiProperty({ enum: DisclosableField, isArray: true }) fields: DisclosableField[];
  @ApiProperty({ nullable: true, type: String }) summary: string | null;
  @ApiProperty() dueOn: string;
  @ApiProperty({ enum: ReferralStatus }) status: ReferralStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty() authorId: string;
  @ApiProperty({ description: 'When it was drafted' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, description: 'When it was submitted for approval' }) submittedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'When the department accepted or declined it' }) respondedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) responseComment: string | null;
  @ApiProperty() addressConfirmed: boolean;
  @ApiProperty({ nullable: true, type: String }) supportMeasureId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '支援措置意見 given on (approval day, JST)' }) opinionGivenOn: string | null;
  @ApiProperty() version: number;
}

/** What the department's liaison sees: the frozen disclosure and nothing else. */
export class InboxItemDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ReferralPurpose }) purpose: ReferralPurpose;
  @ApiProperty() purposeLabel: string;
  @ApiProperty() dueOn: string;
  @ApiProperty({ enum: ReferralStatus }) status: ReferralStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty() version: number;
}

export class InboxDetailDto extends InboxItemDto {
  @ApiProperty() message: string;
  @ApiProperty({ description: 'The disclosed fields, as frozen at approval (children: [{name, birthDate}])', type: 'object', additionalProperties: true })
  disclosure: Record<string, unknown>;
}
