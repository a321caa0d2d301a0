import { IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';

export class ConversationQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'], default: 'open' }) @IsOmittable() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
}

export class ConversationDto {
  @ApiProperty() id: string;
  @ApiProperty() channelId: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status: string;
  @ApiProperty() startedAt: string;
  @ApiProperty() lastMessageAt: string;
  @ApiProperty({ nullable: true, type: String }) waitingSince: string | null;
  @ApiProperty({ description: 'Minutes the oldest unanswered message has waited; 0 when none waits' }) waitingMinutes: number;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty() messageCount: number;
  @ApiProperty() version: number;
}

export class MessageDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['in', 'out'] }) direction: string;
  @ApiProperty({ example: 'text' }) kind: string;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty() occurredAt: string;
  @ApiProperty({ nullable: true, enum: ['queued', 'sent', 'failed'], description: 'Outgoing: failed is shown as 送信失敗' }) delivery: string | null;
  @ApiProperty({ nullable: true, type: String }) deliveryLabel: string | null;
}

export class ReplyDto {
  @ApiProperty({ description: 'Text sent to the user (stored encrypted)' }) @IsString() @MinLength(1) @MaxLength(5000) text: string;
}

/** Closing a handled session records it as a consultation (相談記録, channel LINE). */
export class CloseConversationDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty({ description: '主訴 code' }) @Matches(/^[a-z0-9-]{1,40}$/) mainConcern: string;
  @ApiPropertyOptional({ type: [String] }) @IsOmittable() @IsArray() @ArrayMaxSize(10) @Matches(/^[a-z0-9-]{1,40}$/, { each: true }) otherConcerns?: string[];
  @ApiProperty() @IsBoolean() dvRelated: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(20000) summary?: string;
}

export class LinkConversationDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiProperty() @IsUUID() caseId: string;
}

export class ConversationStateDto {
  @ApiProperty() id: string;
  @ApiProperty() status: string;
  @ApiProperty({ nullable: true, type: String }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) contactId: string | null;
  @ApiProperty() version: number;
}
