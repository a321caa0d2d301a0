/** The api's one error format (libs/common AllExceptionsFilter): `{statusCode, error, message, fields?, requestId}`. */
export interface FieldError {
  field: string;
  message: string;
  constraints?: string[];
}

export interface ApiErrorBody {
  statusCode: number;
  error?: string;
  message: string;
  fields?: FieldError[];
  requestId?: string;
}

/** What a screen shows for a failed call: one message, and one per wrong field. */
export interface DisplayError {
  message: string;
  fields: Record<string, string>;
  requestId?: string;
}

const GENERIC: Record<number, string> = {
  403: 'この操作を行う権限がありません。',
  404: '対象が見つかりません。',
  409: '他の人が先に更新しました。画面を読み込み直してください。',
  429: '試行回数が多すぎます。しばらく待ってから再度お試しください。',
};

function isErrorBody(body: unknown): body is ApiErrorBody {
  return typeof body === 'object' && body !== null && typeof (body as ApiErrorBody).message === 'string';
}

/**
 * Turns an api error (or a network failure, body undefined) into text for the screen. Field
 * messages are named with the screen's label for the field, e.g. "電話番号: 数字を含めてください".
 */
export function toDisplayError(status: number | undefined, body: unknown, labels: Record<string, string> = {}): DisplayError {
  if (status === undefined) return { message: 'サーバーに接続できません。ネットワークを確認してください。', fields: {} };
  if (status >= 500 || !isErrorBody(body)) {
    const requestId = isErrorBody(body) ? body.requestId : undefined;
    return { message: GENERIC[status] ?? 'エラーが発生しました。時間をおいて再度お試しください。', fields: {}, requestId };
  }
  const fields: Record<string, string> = {};
  for (const f of body.fields ?? []) fields[f.field] = fields[f.field] ? `${fields[f.field]} ${f.message}` : f.message;
  const named = Object.entries(fields).map(([field, message]) => `${labels[field] ?? field}: ${message}`);
  const message = named.length > 0 ? `${body.message}（${named.join('、')}）` : body.message;
  return { message, fields, requestId: body.requestId };
}

/** POST /auth/login answers 401 naming the otp field when the account's second factor is needed. */
export function asksForSecondFactor(status: number | undefined, body: unknown): boolean {
  return status === 401 && isErrorBody(body) && (body.fields ?? []).some((f) => f.field === 'otp');
}

/** POST /auth/login answers 401 naming activationCode on the first sign-in after a supervisor's approval. */
export function asksForActivation(status: number | undefined, body: unknown): boolean {
  return status === 401 && isErrorBody(body) && (body.fields ?? []).some((f) => f.field === 'activationCode');
}
