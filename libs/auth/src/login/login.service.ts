import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MFA_REQUIRED_ROLES } from '@tsunagu/access';
import { AuditAction, AuditCategory, AuditOutcome, AuditWriter } from '@tsunagu/audit';
import { Clock, DomainError, invalidField, RequestMeta } from '@tsunagu/common';
import { APP_CONFIG, AppConfig } from '@tsunagu/config';
import { DataSource, EntityManager } from 'typeorm';
import { MfaService } from '../mfa/mfa.service';
import { PasswordHasher } from '../password/password-hasher';
import { SessionScope } from '../sessions/session.entity';
import { SessionService } from '../sessions/session.service';
import { User } from '../users/user.entity';
import { activationCodeMatches } from '../approvals/activation-code';
import { ActivationCodeError, ApprovalPendingError, LoginFailedError, SecondFactorRequiredError } from '../errors';
import { LoginFactors, LoginResponseDto } from './dto/login.dto';
import { LoginThrottle, ThrottleTicket } from './login-throttle';

/** `notAFailure`: refused, but not a guess that failed (the password was right, the code not given yet). */
type Outcome =
  | { ok: true; response: LoginResponseDto }
  | { ok: false; error: DomainError; notAFailure?: true };

@Injectable()
export class LoginService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly mfa: MfaService,
    private readonly audit: AuditWriter,
    private readonly throttle: LoginThrottle,
    private readonly clock: Clock,
  ) {}

  /**
   * The throttle first (a refused attempt costs no password hash and no row), then password and
   * second factor in one transaction on the locked user row. A failure commits its audit event
   * before the error is thrown; an admitted attempt counts as a failure unless it was none.
   */
  async login(loginId: string, password: string, factors: LoginFactors, meta: RequestMeta): Promise<LoginResponseDto> {
    const normalized = loginId.trim().toLowerCase();
    const ticket = await this.throttle.admit(normalized, meta.ip);
    const outcome = await this.dataSource.transaction((manager) => this.attempt(manager, normalized, password, factors, meta, ticket));
    if (outcome.ok) await ticket.succeeded();
    else if (outcome.notAFailure) await ticket.notAFailure();
    if (!outcome.ok) throw outcome.error;
    return outcome.response;
  }

  private async attempt(manager: EntityManager, loginId: string, password: string, factors: LoginFactors, meta: RequestMeta, ticket: ThrottleTicket): Promise<Outcome> {
    const { otp } = factors;
    const user = await manager.findOne(User, { where: { loginId }, lock: { mode: 'pessimistic_write' } });
    const subject = { ...meta, userId: user?.id ?? null, role: user?.role ?? null, unitId: user?.unitId ?? null };
    const deny = async (detailCode: string, error: DomainError = new LoginFailedError()): Promise<{ ok: false; error: DomainError }> => {
      await this.audit.write(manager, subject, {
        category: AuditCategory.Security,
        action: AuditAction.AuthLogin,
        outcome: AuditOutcome.Denied,
        resourceType: 'user',
        resourceId: user?.id,
        detailCode,
      });
      return { ok: false, error };
    };
    /** Refused after the right password: audited, but not a failed guess for the throttle. */
    const refuse = async (detailCode: string, error: DomainError): Promise<Outcome> => ({ ...(await deny(detailCode, error)), notAFailure: true });
    const fail = async (detailCode: string, error?: DomainError): Promise<Outcome> => {
      const outcome = await deny(detailCode, error);
      if (ticket.engages.length > 0) {
        await this.audit.write(manager, subject, {
          category: AuditCategory.Security,
          action: AuditAction.AuthThrottle,
          resourceType: 'user',
          resourceId: user?.id,
          detailCode: ticket.engages.join(','),
        });
      }
      return outcome;
    };

    if (!user) {
      await this.hasher.verifyAgainstDummy(password);
      return fail('unknown-login-id');
    }
    const passwordOk = await this.hasher.verify(user.passwordHash, password);
    if (!user.active) return fail('inactive');
    if (!passwordOk) return fail('bad-password');

    // An account an admin changed waits for a supervisor; once approved, its first sign-in takes
    // the activation code the supervisor handed over and replaces the admin-set password.
    let newPassword: string | null = null;
    if (user.approvalPendingReason) {
      if (!user.activationCodeHash || !user.activationExpiresAt) return refuse('approval-pending', new ApprovalPendingError());
      if (!factors.activationCode) return refuse('activation-code-missing', new ActivationCodeError('activationRequired'));
      if (user.activationExpiresAt <= this.clock.now()) return refuse('activation-code-expired', new ActivationCodeError('activationExpired'));
      if (!activationCodeMatches(user.activationCodeHash, factors.activationCode)) return fail('bad-activation-code', new ActivationCodeError('activationInvalid'));
      if (!factors.newPassword) {
        return refuse('new-password-missing', invalidField('newPassword', 'ご自身で決めた新しいパスワードを入力してください', 'newPasswordRequired'));
      }
      if (factors.newPassword === password) {
        return refuse('new-password-same', invalidField('newPassword', '管理者が設定したパスワードとは別のパスワードにしてください', 'newPasswordDiffers'));
      }
      newPassword = factors.newPassword;
    }

    const mfaRequired = MFA_REQUIRED_ROLES.includes(user.role);
    let scope = SessionScope.Full;
    if (user.mfaEnabledAt) {
      if (!otp) return refuse('otp-missing', new SecondFactorRequiredError());
      const factor = await this.mfa.checkSecondFactor(manager, user, otp);
      if (!factor) return fail('bad-otp', new SecondFactorRequiredError());
      if (factor === 'recovery-code') {
        await this.audit.write(manager, subject, { category: AuditCategory.Security, action: AuditAction.AuthRecoveryCodeUse, resourceType: 'user', resourceId: user.id });
      }
    } else if (mfaRequired) {
      scope = SessionScope.MfaEnrolment;
    }

    if (newPassword) {
      await manager.update(User, { id: user.id }, {
        passwordHash: await this.hasher.hash(newPassword),
        approvalPendingReason: null,
        approvalRequestedAt: null,
        approvalRequestedBy: null,
        activationCodeHash: null,
        activationExpiresAt: null,
        updatedAt: this.clock.now(),
      });
      await this.audit.write(manager, subject, { category: AuditCategory.Security, action: AuditAction.AuthActivate, resourceType: 'user', resourceId: user.id });
    }
    const { session, token } = await this.sessions.create(manager, user.id, scope);
    await this.audit.write(manager, subject, {
      category: AuditCategory.Security,
      action: AuditAction.AuthLogin,
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
}
