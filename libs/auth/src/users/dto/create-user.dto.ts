import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable, Role } from '@tsunagu/common';
import { LOGIN_ID_PATTERN } from '@tsunagu/config';
import { Transform } from 'class-transformer';
import { IsEnum, IsString, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../../password/password-hasher';

const lower = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value);

export class CreateUserDto {
  @ApiProperty({ example: 'sato.counselor', description: 'Letters, digits, . _ - (stored lower-case)' })
  @Transform(lower)
  @IsString()
  @Matches(LOGIN_ID_PATTERN)
  loginId: string;

  @ApiProperty({ example: '佐藤 相談員' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: Role })
  @IsEnum(Role)
  role: Role;

  @ApiPropertyOptional({ description: 'Required for counselor and supervisor' })
  @IsOmittable()
  @IsUUID()
  unitId?: string;

  @ApiPropertyOptional({ description: 'Required for liaison' })
  @IsOmittable()
  @IsUUID()
  departmentId?: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password: string;
}
