import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { Authenticated, CurrentActor, Public } from '@tsunagu/access';
import { Actor } from '@tsunagu/common';

import { MfaEnrolmentResponseDto, MfaVerifyDto, RecoveryCodesResponseDto } from '../mfa/dto/mfa.dto';
import { MfaService } from '../mfa/mfa.service';
import { MeResponseDto } from '../users/dto/user.response';
import { UsersQueryService } from '../users/users-query.service';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LocalAuthGuard } from './local-auth.guard';
import { LogoutService } from './logout.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly mfa: MfaService,
    private readonly logout_: LogoutService,
    private readonly users: UsersQueryService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(HttpStatus.OK)
  @UseGuards(ThrottlerGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Sign in; returns a bearer token' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto })
  login(@Req() req: { user: LoginResponseDto }): LoginResponseDto {
    return req.user;
  }

  @Post('logout')
  @Authenticated({ duringMfaEnrolment: true })
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revoke this session at once' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.logout_.logout(actor);
  }

  @Get('me')
  @Authenticated({ duringMfaEnrolment: true })
  @ApiOkResponse({ type: MeResponseDto })
  me(@CurrentActor() actor: Actor): Promise<MeResponseDto> {
    return this.users.me(actor);
  }

  @Post('mfa/enroll')
  @Authenticated({ duringMfaEnrolment: true })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Start TOTP enrolment: returns an otpauth URI for an authenticator app' })
  @ApiOkResponse({ type: MfaEnrolmentResponseDto })
  enroll(@CurrentActor() actor: Actor): Promise<MfaEnrolmentResponseDto> {
    return this.mfa.enroll(actor);
  }

  @Post('mfa/verify')
  @Authenticated({ duringMfaEnrolment: true })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Finish enrolment with a code; returns single-use recovery codes once' })
  @ApiOkResponse({ type: RecoveryCodesResponseDto })
  verify(@CurrentActor() actor: Actor, @Body() body: MfaVerifyDto): Promise<RecoveryCodesResponseDto> {
    return this.mfa.verifyEnrolment(actor, body.code);
  }
}
