import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsString, MaxLength, Min } from 'class-validator';

export class RetentionCaseDto {
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty() programCode: string;
  @ApiProperty({ description: 'JST date the case closed' }) closedOn: string;
  @ApiProperty({ description: 'closedOn + the program’s retention years' }) retainUntil: string;
}

/** A client all of whose cases are closed and past their programs' retention: due for destruction. */
export class RetentionDueDto {
  @ApiProperty() clientId: string;
  @ApiProperty() clientName: string;
  @ApiProperty() addressProtected: boolean;
  @ApiProperty({ description: 'The latest retainUntil of her cases; for a client without any case, her last change plus the longest retention of any program' }) retainUntil: string;
  @ApiProperty({ type: [RetentionCaseDto], description: 'Empty for a client registered without any case' }) cases: RetentionCaseDto[];
}

/** The supervisor's confirmation: every case number of the client, as listed, so a wrong id can't destroy someone else. */
export class DestroyClientDto {
  @ApiProperty({ type: [String], description: 'All of the client’s case numbers; empty for a client without any case' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  caseNumbers: string[];
}

/** Records of the unit that belong to no client and are past retention: counts only. */
export class AnonymousDueDto {
  @ApiProperty({ description: 'Anonymous consultation records (no case)' }) contacts: number;
  @ApiProperty({ description: 'LINE users tied to no client or case, no longer following' }) lineUsers: number;
  @ApiProperty({ description: 'Old LINE conversations, tied to no case, of users still following: their texts are due' }) lineConversations: number;
  @ApiProperty({ nullable: true, type: String, description: 'The latest date any of them was kept until (JST)' }) retainUntil: string | null;
}

/** The supervisor's confirmation: the counts as listed, so what is destroyed is what was seen. */
export class DestroyAnonymousDto {
  @ApiProperty() @IsInt() @Min(0) contacts: number;
  @ApiProperty() @IsInt() @Min(0) lineUsers: number;
  @ApiProperty() @IsInt() @Min(0) lineConversations: number;
}

export class DestroyedAnonymousDto {
  @ApiProperty() contacts: number;
  @ApiProperty() lineUsers: number;
  @ApiProperty() lineConversations: number;
  @ApiProperty() lineMessages: number;
}

/** What a destruction emptied: counts only. */
export class DestroyedClientDto {
  @ApiProperty() clientId: string;
  @ApiProperty() shreddedAt: string;
  @ApiProperty() cases: number;
  @ApiProperty() contacts: number;
  @ApiProperty() referrals: number;
  @ApiProperty() placements: number;
  @ApiProperty() lineUsers: number;
  @ApiProperty() lineMessages: number;
}
