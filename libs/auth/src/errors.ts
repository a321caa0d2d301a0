import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@tsunagu/common';

export class NotAuthenticatedError extends DomainError {
  constructor() {
    super(HttpStatus.UNAUTHORIZED, '認証が必要です。ログインしてください');
  }
}

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

/** A right password for an account a supervisor has not approved yet (libs/auth approvals). */
export class ApprovalPendingError extends DomainError {
  constructor() {
    super(HttpStatus.FORBIDDEN, 'このアカウントは査察指導員の承認待ちです。承認されると査察指導員から利用開始コードが渡されます');
  }
}

/** The first sign-in after an approval needs the activation code; `constraint` says why it was asked for again. */
export class ActivationCodeError extends DomainError {
  constructor(constraint: 'activationRequired' | 'activationInvalid' | 'activationExpired') {
    const messages = {
      activationRequired: ['利用開始コードを入力してください', '査察指導員から渡された利用開始コードを入力してください'],
      activationInvalid: ['利用開始コードが正しくありません', '利用開始コードが正しくありません'],
      activationExpired: ['利用開始コードの有効期限が切れています', '有効期限が切れています。査察指導員に再発行を依頼してください'],
    } as const;
    const [message, fieldMessage] = messages[constraint];
    super(HttpStatus.UNAUTHORIZED, message, [{ field: 'activationCode', message: fieldMessage, constraints: [constraint] }]);
  }
}

/**
 * 429 to an attempt made while its throttle runs. Raised before the password is looked at, so
 * it is the same for a right and a wrong password, a known and an unknown login id.
 */
export class LoginThrottledError extends DomainError {
  constructor(readonly retryAfterSeconds: number) {
    super(HttpStatus.TOO_MANY_REQUESTS, 'サインインの失敗が続いたため、しばらく受け付けません。時間をおいて再度お試しください');
  }
}
