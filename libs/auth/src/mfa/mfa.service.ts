import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, AuditCategory, TransactionRunner } from '@tsunagu/audit';
import { Actor, Clock, ConflictError, DomainError, InvalidInputError } from '@tsunagu/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { SessionScope } from '../sessions/session.entity';
import { SessionService } from '../sessions/session.service';
import { User } from '../users/user.entity';
import { MfaSecretCipher } from './mfa-secret-cipher';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCode, RECOVERY_CODE_COUNT } from './recovery-codes';
import { RecoveryCode } from './recovery-code.entity';
import { matchTotpStep, newTotpSecret, totpUri } from './totp';

/** TOTP enrolment and second-factor checks. */
@Injectable()
export class MfaService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly cipher: MfaSecretCipher,
    private readonly sessions: SessionService,
    private readonly clock: Clock,
  ) {}

  /** Starts (or restarts) enrolment: a new secret, not yet active until a code from it is verified. */
  enroll(actor: Actor): Promise<{ otpauthUri: string; secret: string }> {
    return this.tx.run(actor, async (tx) => {
      const user = await tx.manager.findOneOrFail(User, { where: { id: actor.userId }, lock: { mode: 'pessimistic_write' } });
      if (user.mfaEnabledAt) throw new ConflictError('二要素認証は設定済みです');
      const secret = newTotpSecret();
      await tx.manager.update(User, { id: user.id }, { mfaSecret: this.cipher.encrypt(user.id, secret), updatedAt: this.clock.now() });
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.AuthMfaEnroll, resourceType: 'user', resourceId: user.id });
      return { otpauthUri: totpUri(user.loginId, secret), secret };
    });
  }

  /** Confirms enrolment with a code; turns the session into a full one; returns single-use recovery codes once. */
  verifyEnrolment(actor: Actor, code: string): Promise<{ recoveryCodes: string[] }> {
    return this.tx.run(actor, async (tx) => {
      const user = await tx.manager.findOneOrFail(User, { where: { id: actor.userId }, lock: { mode: 'pessimistic_write' } });
      if (user.mfaEnabledAt) throw new ConflictError('二要素認証は設定済みです');
      if (!user.mfaSecret) throw new DomainError(HttpStatus.CONFLICT, '先に二要素認証の登録を開始してください');
      const step = matchTotpStep(this.cipher.decrypt(user.id, user.mfaSecret), code, this.clock.now());
      if (step === null) {
        throw new InvalidInputError([{ field: 'code', message: 'ワンタイムパスワードが正しくありません', constraints: ['totp'] }]);
      }
      const now = this.clock.now();
      await tx.manager.update(User, { id: user.id }, { mfaEnabledAt: now, mfaLastStep: String(step), updatedAt: now });
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await tx.manager.delete(RecoveryCode, { userId: user.id });
      await tx.manager.insert(
        RecoveryCode,
        codes.map((c) => ({ id: randomUUID(), userId: user.id, codeHash: hashRecoveryCode(c), usedAt: null })),
      );
      await this.sessions.upgradeScope(tx.manager, actor.sessionId, SessionScope.Full);
      await tx.audit({ category: AuditCategory.Security, action: AuditAction.AuthMfaEnable, resourceType: 'user', resourceId: user.id });
      return { recoveryCodes: codes };
    });
  }

  /**
   * Checks a second factor at sign-in: a TOTP code not used before, or an unused recovery code
   * (which is then spent). Runs inside the sign-in transaction, with the user row locked.
   */
  async checkSecondFactor(manager: EntityManager, user: User, otp: string): Promise<'totp' | 'recovery-code' | null> {
    if (!user.mfaSecret || !user.mfaEnabledAt) return null;
    const now = this.clock.now();
    const step = matchTotpStep(this.cipher.decrypt(user.id, user.mfaSecret), otp, now);
    if (step !== null) {
      if (user.mfaLastStep !== null && step <= Number(user.mfaLastStep)) return null;
      await manager.update(User, { id: user.id }, { mfaLastStep: String(step) });
      return 'totp';
    }
    if (!looksLikeRecoveryCode(otp)) return null;
    const spent = await manager.update(
      RecoveryCode,
      { userId: user.id, codeHash: hashRecoveryCode(otp), usedAt: IsNull() },
      { usedAt: now },
    );
    return spent.affected ? 'recovery-code' : null;
  }
}

