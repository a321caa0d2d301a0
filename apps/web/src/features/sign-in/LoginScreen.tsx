import { useId, useState, type FormEvent } from 'react';
import type { ApiClient, Schemas } from '../../api/client';
import { asksForActivation, asksForSecondFactor, toDisplayError, type DisplayError } from '../../api/errors';
import { ErrorSummary } from '../../ui/ErrorSummary';
import { TextField } from '../../ui/TextField';

const FIELD_LABELS = {
  loginId: 'ログインID',
  password: 'パスワード',
  otp: 'ワンタイムパスワード',
  activationCode: '利用開始コード',
  newPassword: '新しいパスワード',
  newPasswordConfirm: '新しいパスワード（確認）',
};
const MIN_PASSWORD_LENGTH = 12; // libs/auth password-hasher

type Step = 'password' | 'activation' | 'otp';

interface Props {
  api: ApiClient;
  /** Why the previous session ended (automatic sign-out, expired), shown above the form. */
  notice: string | null;
  onSignedIn: (login: Schemas['LoginResponseDto']) => void;
}

/**
 * ログイン: login id and password; then, on the first sign-in after a supervisor approved the
 * account, the 利用開始コード she was handed and a password of her own; then the second factor
 * when the api asks for it.
 */
export function LoginScreen({ api, notice, onSignedIn }: Props) {
  const [loginId, setLoginId] = useState('');
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [activationCode, setActivationCode] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [newPasswordConfirm, setNewPasswordConfirm] = useState('');
  const [activating, setActivating] = useState(false);
  const [step, setStep] = useState<Step>('password');
  const [error, setError] = useState<DisplayError | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { loginId: useId(), password: useId(), otp: useId(), activationCode: useId(), newPassword: useId(), newPasswordConfirm: useId() };

  const clearSecrets = () => {
    setPassword('');
    setOtp('');
    setActivationCode('');
    setNewPassword('');
    setNewPasswordConfirm('');
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (step === 'activation') {
      const problem = newPasswordProblem(newPassword, newPasswordConfirm, password);
      if (problem) {
        setError({ message: `入力内容を確認してください（${FIELD_LABELS[problem.field]}: ${problem.message}）`, fields: { [problem.field]: problem.message } });
        document.getElementById(ids[problem.field])?.focus();
        return;
      }
    }
    setBusy(true);
    setError(null);
    try {
      const body = {
        loginId,
        password,
        ...(activating || step === 'activation' ? { activationCode: activationCode.trim(), newPassword } : {}),
        ...(step === 'otp' ? { otp: otp.trim() } : {}),
      };
      const { data, error: failure, response } = await api.POST('/api/v1/auth/login', { body });
      if (data) {
        clearSecrets();
        onSignedIn(data);
        return;
      }
      if (step === 'password' && asksForActivation(response.status, failure)) {
        setStep('activation');
        return;
      }
      if (step !== 'otp' && asksForSecondFactor(response.status, failure)) {
        if (step === 'activation') setActivating(true);
        setStep('otp');
        return;
      }
      setError(toDisplayError(response.status, failure, FIELD_LABELS));
    } catch {
      setError(toDisplayError(undefined, undefined));
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setStep('password');
    setActivating(false);
    clearSecrets();
    setError(null);
  };

  return (
    <main className="login" aria-labelledby="login-title">
      <h1 id="login-title">つなぐ 女性相談支援 ログイン</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary error={error} />
        {step === 'password' && (
          <>
            <TextField id={ids.loginId} label="ログインID" name="loginId" autoComplete="username" required autoFocus value={loginId} onValue={setLoginId} error={error?.fields.loginId} />
            <TextField
              id={ids.password}
              label="パスワード"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onValue={setPassword}
              error={error?.fields.password}
            />
          </>
        )}
        {step === 'activation' && (
          <>
            <p className="notice" role="status">
              はじめてのサインインです。査察指導員から渡された利用開始コードを入力し、ご自身だけが知るパスワードを決めてください。
            </p>
            <TextField
              id={ids.activationCode}
              label="利用開始コード"
              hint="例: 7KQ2-M9XD-4TRB（大文字・小文字、ハイフンの有無は問いません）"
              name="activationCode"
              autoFocus
              autoComplete="off"
              required
              value={activationCode}
              onValue={setActivationCode}
              error={error?.fields.activationCode}
            />
            <TextField
              id={ids.newPassword}
              label="新しいパスワード"
              hint={`${MIN_PASSWORD_LENGTH}文字以上。管理者が設定したものとは別のパスワードにしてください。`}
              name="newPassword"
              type="password"
              autoComplete="new-password"
              required
              value={newPassword}
              onValue={setNewPassword}
              error={error?.fields.newPassword}
            />
            <TextField
              id={ids.newPasswordConfirm}
              label="新しいパスワード（確認）"
              name="newPasswordConfirm"
              type="password"
              autoComplete="new-password"
              required
              value={newPasswordConfirm}
              onValue={setNewPasswordConfirm}
              error={error?.fields.newPasswordConfirm}
            />
          </>
        )}
        {step === 'otp' && (
          <TextField
            id={ids.otp}
            label="ワンタイムパスワード"
            hint="認証アプリに表示された6桁のワンタイムパスワード、またはリカバリーコードを入力してください。"
            name="otp"
            autoFocus
            autoComplete="one-time-code"
            inputMode="numeric"
            required
            value={otp}
            onValue={setOtp}
            error={error?.fields.otp}
          />
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {step === 'otp' ? '確認してログイン' : step === 'activation' ? '利用を開始する' : 'ログイン'}
          </button>
          {step !== 'password' && (
            <button type="button" onClick={back}>
              ログインIDの入力に戻る
            </button>
          )}
        </div>
      </form>
    </main>
  );
}

/** The screen's own checks of the new password before it is sent (the api checks length and difference again). */
export function newPasswordProblem(newPassword: string, confirm: string, current: string): { field: 'newPassword' | 'newPasswordConfirm'; message: string } | null {
  if (newPassword.length < MIN_PASSWORD_LENGTH) return { field: 'newPassword', message: `${MIN_PASSWORD_LENGTH}文字以上で入力してください` };
  if (newPassword === current) return { field: 'newPassword', message: '管理者が設定したパスワードとは別のパスワードにしてください' };
  if (newPassword !== confirm) return { field: 'newPasswordConfirm', message: '新しいパスワードと一致しません' };
  return null;
}
