import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { requestPathRedis } from '@tsunagu/queue';
import { AccountApprovalService } from './approvals/account-approval.service';
import { AccountApprovalsController } from './approvals/account-approvals.controller';
import { AuthGuard } from './auth.guard';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { AuthController } from './login/auth.controller';
import { LocalStrategy } from './login/local.strategy';
import { LoginThrottle } from './login/login-throttle';
import { LoginService } from './login/login.service';
import { MemoryThrottleStore, RedisThrottleStore, THROTTLE_STORE, ThrottleStore } from './login/throttle-store';
import { LogoutService } from './login/logout.service';
import { MfaSecretCipher } from './mfa/mfa-secret-cipher';
import { MfaService } from './mfa/mfa.service';
import { PasswordHasher } from './password/password-hasher';
import { SessionService } from './sessions/session.service';
import { StaffController } from './users/staff.controller';
import { StaffService } from './users/staff.service';
import { UsersQueryService } from './users/users-query.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** The sign-in throttle's counters: in Redis when there is one, so every api process shares them. */
const throttleStore = {
  provide: THROTTLE_STORE,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): ThrottleStore => {
    const memory = new MemoryThrottleStore();
    if (config.queue.kind !== 'redis') return memory;
    return new RedisThrottleStore(requestPathRedis(config.queue.url, `${config.queue.prefix}:login-throttle:`), memory);
  },
};

/** Accounts, sessions, MFA, and the global deny-by-default guard of the api. */
@Module({})
export class AuthModule {
  static forRoot(options: { loginRateLimitPerMinute: number }): DynamicModule {
    return {
      module: AuthModule,
      imports: [PassportModule, ThrottlerModule.forRoot([{ name: 'login', ttl: 60_000, limit: options.loginRateLimitPerMinute }])],
      controllers: [AuthController, UsersController, StaffController, AccountApprovalsController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        AccountApprovalService,
        BootstrapAdminService,
        LocalStrategy,
        LoginService,
        LoginThrottle,
        throttleStore,
        LogoutService,
        MfaSecretCipher,
        MfaService,
        PasswordHasher,
        SessionService,
        StaffService,
        UsersQueryService,
        UsersService,
      ],
      exports: [SessionService, PasswordHasher],
    };
  }
}
