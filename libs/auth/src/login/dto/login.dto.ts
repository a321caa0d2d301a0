import { IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'sato.counselor' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  loginId: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({ description: '6-digit TOTP code or a recovery code; required for supervisors and admins' })
  @IsOmittable()
  @IsString()
  @MaxLength(32)
  otp?: string;
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Bearer token for the Authorization header' })
  accessToken: string;

  @ApiProperty()
  expiresAt: string;

  @ApiProperty({ description: 'True when the session may only set up MFA (supervisors and admins before enrolment)' })
  mfaEnrolmentRequired: boolean;

  @ApiProperty({ description: 'Seconds without a request after which the session ends (clients warn and sign out before)' })
  idleTimeoutSeconds: number;
}
