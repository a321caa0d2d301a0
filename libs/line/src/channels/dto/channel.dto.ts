import { IsCalendarDate, IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, IsUUID, Matches, MaxLength, Min, MinLength } from 'class-validator';

export class CreateLineChannelDto {
  @ApiProperty({ example: 'ashitaba', description: 'Webhook path segment' }) @Matches(/^[a-z0-9-]{3,40}$/) key: string;
  @ApiProperty({ example: 'あしたば LINE相談' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ example: 'ashitaba-line' }) @Matches(/^[a-z0-9-]{2,40}$/) programCode: string;
  @ApiPropertyOptional({ description: "The answering unit; the caller's own by default" }) @IsOmittable() @IsUUID() unitId?: string;
  @ApiProperty({ description: 'Channel secret (encrypted at rest, never returned)' }) @IsString() @MinLength(8) @MaxLength(200) channelSecret: string;
  @ApiProperty({ description: 'Channel access token (encrypted at rest, never returned)' }) @IsString() @MinLength(8) @MaxLength(1000) accessToken: string;
}

export class UpdateLineChannelDto {
  @ApiProperty() @IsInt() @Min(1) version: number;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(8) @MaxLength(200) channelSecret?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(8) @MaxLength(1000) accessToken?: string;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() active?: boolean;
}

export class LineChannelDto {
  @ApiProperty() id: string;
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() programCode: string;
  @ApiProperty() unitId: string;
  @ApiProperty() webhookPath: string;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
}

export class FollowersQueryDto {
  @ApiProperty({ example: '2025-12-31', description: 'JST date; counted at the end of that day' }) @IsCalendarDate() date: string;
}

export class FollowersDto {
  @ApiProperty() channelId: string;
  @ApiProperty() date: string;
  @ApiProperty({ description: '友だち登録者数 at the end of the date' }) followers: number;
}
