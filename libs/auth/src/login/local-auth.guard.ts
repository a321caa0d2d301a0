import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { InvalidInputError } from '@tsunagu/common';
import { LoginFailedError } from './login.service';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  // passport-local answers a missing loginId/password itself, before validate(); name the fields instead.
  override canActivate(context: ExecutionContext) {
    const body = context.switchToHttp().getRequest().body ?? {};
    const missing = ['loginId', 'password'].filter((f) => typeof body[f] !== 'string' || body[f] === '');
    if (missing.length > 0) {
      throw new InvalidInputError(missing.map((field) => ({ field, message: '必須項目です', constraints: ['isNotEmpty'] })));
    }
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err;
    if (!user) throw new LoginFailedError();
    return user;
  }
}
