import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../../test-support';
import { groupSecret, MfaEnrolment } from './MfaEnrolment';

afterEach(cleanup);

describe('MfaEnrolment', () => {
  it('shows the key, names a wrong code, and shows the recovery codes once the code is right', async () => {
    const { api } = fakeApi((_m, url, body) => {
      if (url.pathname.endsWith('/enroll')) return { status: 200, body: { secret: 'JBSWY3DPEHPK3PXP', otpauthUri: 'otpauth://totp/x' } };
      return (body as { code: string }).code === '123456'
        ? { status: 200, body: { recoveryCodes: ['aaaa-bbbb', 'cccc-dddd'] } }
        : { status: 400, body: { statusCode: 400, message: '入力内容に誤りがあります', fields: [{ field: 'code', message: 'ワンタイムパスワードが正しくありません' }] } };
    });
    const onDone = vi.fn();
    render(<MfaEnrolment api={api} onDone={onDone} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '設定を始める' }));
    expect((await screen.findByLabelText('登録するキー')).textContent).toBe('JBSW Y3DP EHPK 3PXP');
    await user.keyboard('000000{Enter}');
    expect((await screen.findByRole('alert')).textContent).toContain('確認コード: ワンタイムパスワードが正しくありません');
    await user.clear(screen.getByLabelText(/確認コード/));
    await user.keyboard('123456{Enter}');
    expect(await screen.findByText('aaaa-bbbb')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '控えました。利用を開始する' }));
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it('groups the key by four characters', () => {
    expect(groupSecret('ABCDEFGHIJ')).toBe('ABCD EFGH IJ');
  });
});
