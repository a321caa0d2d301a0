import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test-support';
import { LoginScreen } from './LoginScreen';

afterEach(cleanup);

const signedIn = { accessToken: 'tok', expiresAt: '2026-04-01T12:00:00Z', mfaEnrolmentRequired: false, idleTimeoutSeconds: 900 };

describe('LoginScreen', () => {
  it('asks for the one-time password when the api wants the second factor, then signs in with it', async () => {
    const { api, requests } = fakeApi((_m, _u, body) =>
      (body as { otp?: string }).otp === '123456'
        ? { status: 200, body: signedIn }
        : { status: 401, body: { statusCode: 401, message: 'ワンタイムパスワードを入力してください', fields: [{ field: 'otp', message: '入力してください' }] } },
    );
    const onSignedIn = vi.fn();
    render(<LoginScreen api={api} notice={null} onSignedIn={onSignedIn} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ログインID'), 'sato.supervisor');
    await user.type(screen.getByLabelText('パスワード'), 'secret-pass');
    await user.keyboard('{Enter}');
    const otp = await screen.findByLabelText('ワンタイムパスワード');
    expect(document.activeElement).toBe(otp);
    expect(onSignedIn).not.toHaveBeenCalled();
    await user.type(otp, '123456{Enter}');
    expect(onSignedIn).toHaveBeenCalledWith(signedIn);
    expect(requests.map((r) => r.body)).toEqual([
      { loginId: 'sato.supervisor', password: 'secret-pass' },
      { loginId: 'sato.supervisor', password: 'secret-pass', otp: '123456' },
    ]);
  });

  it('shows the failure without saying which part was wrong', async () => {
    const { api } = fakeApi(() => ({ status: 401, body: { statusCode: 401, message: 'ログインIDまたはパスワードが正しくありません' } }));
    render(<LoginScreen api={api} notice={null} onSignedIn={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ログインID'), 'x');
    await user.type(screen.getByLabelText('パスワード'), 'y{Enter}');
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'ログインIDまたはパスワードが正しくありません');
  });

  it('marks and names a missing field', async () => {
    const { api } = fakeApi(() => ({
      status: 400,
      body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'password', message: '必須項目です' }] },
    }));
    render(<LoginScreen api={api} notice={null} onSignedIn={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ログインID'), 'x{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('パスワード: 必須項目です');
    expect(screen.getByLabelText('パスワード').getAttribute('aria-invalid')).toBe('true');
  });

  it('on the first sign-in after an approval takes the activation code and a new password, then the second factor, sending them together', async () => {
    const { api, requests } = fakeApi((_m, _u, body) => {
      const b = body as { activationCode?: string; newPassword?: string; otp?: string };
      if (!b.activationCode) return { status: 401, body: { statusCode: 401, message: '利用開始コードを入力してください', fields: [{ field: 'activationCode', message: '入力してください', constraints: ['activationRequired'] }] } };
      if (!b.otp) return { status: 401, body: { statusCode: 401, message: 'ワンタイムパスワードを入力してください', fields: [{ field: 'otp', message: '入力してください' }] } };
      return { status: 200, body: signedIn };
    });
    const onSignedIn = vi.fn();
    render(<LoginScreen api={api} notice={null} onSignedIn={onSignedIn} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ログインID'), 'new.supervisor');
    await user.type(screen.getByLabelText('パスワード'), 'admin-set-password');
    await user.keyboard('{Enter}');
    const code = await screen.findByLabelText('利用開始コード');
    expect(document.activeElement).toBe(code);
    await user.type(code, '7kq2-m9xd-4trb');
    await user.type(screen.getByLabelText('新しいパスワード'), 'my-own-password-1');
    await user.type(screen.getByLabelText('新しいパスワード（確認）'), 'my-own-password-1{Enter}');
    await user.type(await screen.findByLabelText('ワンタイムパスワード'), '123456{Enter}');
    expect(onSignedIn).toHaveBeenCalledWith(signedIn);
    expect(requests.map((r) => r.body)).toEqual([
      { loginId: 'new.supervisor', password: 'admin-set-password' },
      { loginId: 'new.supervisor', password: 'admin-set-password', activationCode: '7kq2-m9xd-4trb', newPassword: 'my-own-password-1' },
      { loginId: 'new.supervisor', password: 'admin-set-password', activationCode: '7kq2-m9xd-4trb', newPassword: 'my-own-password-1', otp: '123456' },
    ]);
  });

  it('checks the new password on the screen: long enough, not the admin-set one, typed twice alike', async () => {
    const { api, requests } = fakeApi(() => ({ status: 401, body: { statusCode: 401, message: '利用開始コードを入力してください', fields: [{ field: 'activationCode', message: '入力してください' }] } }));
    render(<LoginScreen api={api} notice={null} onSignedIn={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ログインID'), 'new.counselor');
    await user.type(screen.getByLabelText('パスワード'), 'admin-set-password{Enter}');
    await user.type(await screen.findByLabelText('利用開始コード'), 'AAAA-BBBB-CCCC');
    await user.type(screen.getByLabelText('新しいパスワード'), 'admin-set-password');
    await user.type(screen.getByLabelText('新しいパスワード（確認）'), 'admin-set-password{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('管理者が設定したパスワードとは別');
    expect(document.activeElement).toBe(screen.getByLabelText('新しいパスワード'));
    await user.clear(screen.getByLabelText('新しいパスワード'));
    await user.type(screen.getByLabelText('新しいパスワード'), 'my-own-password-1{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('新しいパスワードと一致しません');
    expect(requests).toHaveLength(1);
  });

  it('says so when the account waits for a supervisor', async () => {
    const { api } = fakeApi(() => ({ status: 403, body: { statusCode: 403, message: 'このアカウントは査察指導員の承認待ちです。承認されると査察指導員から利用開始コードが渡されます' } }));
    render(<LoginScreen api={api} notice={null} onSignedIn={vi.fn()} />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('ログインID'), 'x');
    await user.type(screen.getByLabelText('パスワード'), 'y{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('査察指導員の承認待ちです');
    expect(screen.queryByLabelText('利用開始コード')).toBeNull();
  });
});
