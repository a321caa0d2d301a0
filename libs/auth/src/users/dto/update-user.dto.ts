import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable, Role } from '@tsunagu/common';
import { IsBoolean, IsEnum, IsString, IsUUID, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../../password/password-hasher';

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: Role })
  @IsOmittable()
  @IsEnum(Role)
  role?: Role;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsUUID()
  unitId?: string | null;

  @ApiPropertyOptional({ nullable: true, type: String })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsUUID()
  departmentId?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH, description: 'New password; ends all sessions of the user' })
  @IsOmittable()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password?: string;
}
