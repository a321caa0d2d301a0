import { describe, expect, it } from 'vitest';
import { asksForSecondFactor, toDisplayError } from './errors';

describe('toDisplayError', () => {
  it('names the wrong field with its label on the screen', () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: '入力内容に誤りがあります',
      fields: [{ field: 'phone', message: '数字を含めてください', constraints: ['matches'] }],
      requestId: 'req-1',
    };
    const shown = toDisplayError(400, body, { phone: '電話番号' });
    expect(shown.message).toBe('入力内容に誤りがあります（電話番号: 数字を含めてください）');
    expect(shown.fields).toEqual({ phone: '数字を含めてください' });
    expect(shown.requestId).toBe('req-1');
  });

  it('shows no detail from a server error, only the request id to quote', () => {
    const shown = toDisplayError(500, { statusCode: 500, message: 'Internal server error', requestId: 'req-2' });
    expect(shown.message).toBe('エラーが発生しました。時間をおいて再度お試しください。');
    expect(shown.requestId).toBe('req-2');
  });

  it('explains a network failure', () => {
    expect(toDisplayError(undefined, undefined).message).toContain('サーバーに接続できません');
  });
});

describe('asksForSecondFactor', () => {
  it('is the 401 that names the otp field', () => {
    const mfa = { statusCode: 401, message: 'ワンタイムパスワードを入力してください', fields: [{ field: 'otp', message: '…' }] };
    expect(asksForSecondFactor(401, mfa)).toBe(true);
    expect(asksForSecondFactor(401, { statusCode: 401, message: 'ログインIDまたはパスワードが正しくありません' })).toBe(false);
  });
});
