import { IsOmittable } from '@tsunagu/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../../password/password-hasher';

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

  @ApiPropertyOptional({ description: 'The one-time activation code a supervisor handed over, at the first sign-in after an approval' })
  @IsOmittable()
  @IsString()
  @MaxLength(32)
  activationCode?: string;

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH, description: 'With activationCode: the password the person chooses, replacing the one an admin set' })
  @IsOmittable()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  newPassword?: string;
}

/** What a sign-in may carry besides the login id and password. */
export type LoginFactors = Pick<LoginDto, 'otp' | 'activationCode' | 'newPassword'>;

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
