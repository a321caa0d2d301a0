import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { InvalidInputError, requestIdOf, toFieldErrors } from '@tsunagu/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import { LoginThrottledError } from '../errors';
import { LoginDto, LoginResponseDto } from './dto/login.dto';
import { LoginService } from './login.service';

/** passport-local for POST /auth/login; the body is validated here because guards run before pipes. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly logins: LoginService) {
    super({ usernameField: 'loginId', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request): Promise<LoginResponseDto> {
    const dto = plainToInstance(LoginDto, req.body ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) throw new InvalidInputError(toFieldErrors(errors));
    try {
      return await this.logins.login(dto.loginId, dto.password, { otp: dto.otp, activationCode: dto.activationCode, newPassword: dto.newPassword }, { requestId: requestIdOf(req), ip: req.ip ?? null });
    } catch (error) {
      if (error instanceof LoginThrottledError) req.res?.setHeader('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
