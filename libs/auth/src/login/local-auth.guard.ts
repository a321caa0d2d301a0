import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { InvalidInputError, wellFormedTextError } from '@tsunagu/common';
import { LoginFailedError } from '../errors';

@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  // passport-local answers a missing loginId/password itself, before validate(); name the fields instead.
  override canActivate(context: ExecutionContext) {
    const body = context.switchToHttp().getRequest<{ body?: Record<string, unknown> }>().body ?? {};
    // This guard reads the body before the validation pipe does, so it applies the pipe's text rule itself.
    const illFormed = wellFormedTextError(body);
    if (illFormed) throw illFormed;
    const missing = ['loginId', 'password'].filter((f) => typeof body[f] !== 'string' || body[f] === '');
    if (missing.length > 0) {
      throw new InvalidInputError(missing.map((field) => ({ field, message: '必須項目です', constraints: ['isNotEmpty'] })));
    }
    return super.canActivate(context);
  }

  override handleRequest<T>(err: unknown, user: T): T {
    if (err) throw err instanceof Error ? err : new LoginFailedError();
    if (!user) throw new LoginFailedError();
    return user;
  }
}
