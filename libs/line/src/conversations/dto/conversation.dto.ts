import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class ConversationQueryDto {
  @ApiPropertyOptional({ enum: ['open', 'closed'], default: 'open' }) @IsOptional() @IsIn(['open', 'closed']) status?: 'open' | 'closed';
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
}

export class MessageDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['in', 'out'] }) direction: string;
  @ApiProperty({ example: 'text' }) kind: string;
  @ApiProperty({ nullable: true, type: String }) text: string | null;
  @ApiProperty() occurredAt: string;
}
