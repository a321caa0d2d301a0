import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MFA_REQUIRED_ROLES } from '@tsunagu/access';
import { AuditCategory, AuditOutcome, AuditSubject, AuditWriter } from '@tsunagu/audit';
import { Clock, DomainError, RequestMeta } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { DataSource, EntityManager } from 'typeorm';
import { MfaService } from '../mfa/mfa.service';
import { PasswordHasher } from '../password/password-hasher';
import { SessionScope } from '../sessions/session.entity';
import { SessionService } from '../sessions/session.service';
import { User } from '../users/user.entity';
import { LoginResponseDto } from './dto/login.dto';

/** The one answer to every failed sign-in: it must not tell which part was wrong. */
export class LoginFailedError extends DomainError {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'ログインIDまたはパスワードが正しくありません');
  }
}

export class SecondFactorRequiredError extends DomainError {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, 'ワンタイムパスワードを入力してください', [
      { field: 'otp', message: 'ワンタイムパスワードまたはリカバリーコードを入力してください', constraints: ['mfaRequired'] },
    ]);
  }
}

type Outcome =
  | { ok: true; response: LoginResponseDto }
  | { ok: false; error: DomainError };

@Injectable()
export class LoginService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly audit: AuditWriter,
    private readonly clock: Clock,
  ) {}

  /**
   * Password, lockout and second factor in one transaction on the locked user row. Failures
   * commit their counter and audit event before the error is thrown.
   */
  async login(loginId: string, password: string, otp: string | undefined, meta: RequestMeta): Promise<LoginResponseDto> {
    const normalized = loginId.trim().toLowerCase();
    const outcome = await this.dataSource.transaction((manager) => this.attempt(manager, normalized, password, otp, meta));
    if (!outcome.ok) throw outcome.error;
    return outcome.response;
  }

  private async attempt(manager: EntityManager, loginId: string, password: string, otp: string | undefined, meta: RequestMeta): Promise<Outcome> {
    const now = this.clock.now();
    const user = await manager.findOne(User, { where: { loginId }, lock: { mode: 'pessimistic_write' } });
    const subject = { ...meta, userId: user?.id ?? null, role: user?.role ?? null, unitId: user?.unitId ?? null };
    const deny = async (detailCode: string, error: DomainError = new LoginFailedError()): Promise<Outcome> => {
      await this.audit.write(manager, subject, {
        category: AuditCategory.Security,
        action: 'auth.login',
        outcome: AuditOutcome.Denied,
        resourceType: 'user',
        resourceId: user?.id,
        detailCode,
      });
      return { ok: false, error };
    };

    if (!user) {
      await this.hasher.verifyAgainstDummy(password);
      return deny('unknown-login-id');
    }
    const passwordOk = await this.hasher.verify(user.passwordHash, password);
    if (user.lockedUntil && user.lockedUntil > now) return deny('locked');
    if (!user.active) return deny('inactive');
    if (!passwordOk) return this.fail(manager, user, now, subject, () => deny('bad-password'));

    const mfaRequired = MFA_REQUIRED_ROLES.includes(user.role);
    let scope = SessionScope.Full;
    if (user.mfaEnabledAt) {
      if (!otp) return deny('otp-missing', new SecondFactorRequiredError());
      const factor = await this.mfa.checkSecondFactor(manager, user, otp);
      if (!factor) return this.fail(manager, user, now, subject, () => deny('bad-otp', new SecondFactorRequiredError()));
      if (factor === 'recovery-code') {
        await this.audit.write(manager, subject, { category: AuditCategory.Security, action: 'auth.recovery-code.use', resourceType: 'user', resourceId: user.id });
      }
    } else if (mfaRequired) {
      scope = SessionScope.MfaEnrolment;
    }

    await manager.update(User, { id: user.id }, { failedLogins: 0, failedWindowStart: null, lockedUntil: null });
    const { session, token } = await this.sessions.create(manager, user.id, scope);
    await this.audit.write(manager, subject, {
      category: AuditCategory.Security,
      action: 'auth.login',
      resourceType: 'session',
      resourceId: session.id,
      detailCode: scope === SessionScope.MfaEnrolment ? 'mfa-enrolment-only' : undefined,
    });
    return {
      ok: true,
      response: {
        accessToken: token,
        expiresAt: session.expiresAt.toISOString(),
        mfaEnrolmentRequired: scope === SessionScope.MfaEnrolment,
        idleTimeoutSeconds: Math.floor(this.config.auth.idleTimeoutMs / 1000),
      },
    };
  }

  /** Counts a failure in the rolling window and locks the account at the threshold. */
  private async fail(manager: EntityManager, user: User, now: Date, subject: AuditSubject, deny: () => Promise<Outcome>): Promise<Outcome> {
    const { lockoutThreshold, lockoutWindowMs, lockoutDurationMs } = this.config.auth;
    const windowOpen = user.failedWindowStart && now.getTime() - user.failedWindowStart.getTime() < lockoutWindowMs;
    const failedLogins = windowOpen ? user.failedLogins + 1 : 1;
    const failedWindowStart = windowOpen ? user.failedWindowStart : now;
    const lock = failedLogins >= lockoutThreshold;
    await manager.update(User, { id: user.id }, {
      failedLogins: lock ? 0 : failedLogins,
      failedWindowStart: lock ? null : failedWindowStart,
      lockedUntil: lock ? new Date(now.getTime() + lockoutDurationMs) : user.lockedUntil,
    });
    const outcome = await deny();
    if (lock) {
      await this.audit.write(manager, subject, {
        category: AuditCategory.Security,
        action: 'auth.lockout',
        resourceType: 'user',
        resourceId: user.id,
      });
    }
    return outcome;
  }
}
