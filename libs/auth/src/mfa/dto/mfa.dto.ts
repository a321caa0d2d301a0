import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class MfaEnrolmentResponseDto {
  @ApiProperty({ description: 'otpauth:// URI for an authenticator app' }) otpauthUri: string;
  @ApiProperty({ description: 'The same secret in base32, for entering by hand' }) secret: string;
}

export class RecoveryCodesResponseDto {
  @ApiProperty({ type: [String], description: 'Single-use recovery codes, shown this once' }) recoveryCodes: string[];
}

export class MfaVerifyDto {
  @ApiProperty({ example: '123456' })
  @IsString()
  @Matches(/^\d{6}$/)
  code: string;
}
