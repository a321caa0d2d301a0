import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@tsunagu/common';
import { IsBoolean, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export class CreateDepartmentDto {
  @ApiProperty({ example: 'jutaku', description: 'Stable code' }) @Matches(/^[a-z0-9-]{2,40}$/) code: string;
  @ApiProperty({ example: '住宅課' }) @IsString() @MinLength(1) @MaxLength(100) name: string;
}

export class UpdateDepartmentDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional({ description: 'false: no new referrals or consents name it' }) @IsOmittable() @IsBoolean() active?: boolean;
}

export class DepartmentDto {
  @ApiProperty() id: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() active: boolean;
}
