import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support';
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
});
