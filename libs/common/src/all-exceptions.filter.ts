import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { STATUS_CODES } from 'node:http';
import { DomainError, ErrorBody } from './errors';
import { requestIdOf } from './request-id';

const DEFAULT_MESSAGES: Partial<Record<number, string>> = {
  400: 'リクエストの内容が正しくありません',
  401: '認証が必要です',
  403: 'この操作を行う権限がありません',
  404: '対象が見つかりません',
  405: 'この操作はできません',
  409: '他の操作と競合しました。最新の状態を確認してください',
  413: 'リクエストが大きすぎます',
  415: 'この形式のリクエストは受け付けられません',
  422: 'リクエストを処理できません',
  429: 'リクエストが多すぎます。しばらく待ってから再度お試しください',
  500: 'サーバー内部でエラーが発生しました',
  503: 'サービスを一時的に利用できません',
};

/** Errors raised by Express's body parser carry a status and a type. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

function messageFor(status: number): string {
  return DEFAULT_MESSAGES[status] ?? (status >= 500 ? DEFAULT_MESSAGES[500]! : DEFAULT_MESSAGES[400]!);
}

/**
 * The only place errors become responses: `{statusCode, error, message, fields?, requestId}`.
 * A 5xx never carries a stack, an internal message or anything from the request.
 */
export function errorBody(exception: unknown, requestId: string): ErrorBody {
  let status: number = HttpStatus.INTERNAL_SERVER_ERROR;
  let message: string | undefined;
  let fields: ErrorBody['fields'];

  if (exception instanceof DomainError) {
    status = exception.status;
    message = exception.message;
    fields = exception.fields;
  } else if (exception instanceof HttpException) {
    status = exception.getStatus();
    const response = exception.getResponse();
    // Only messages we wrote ourselves as Japanese strings pass through; Nest's English ones don't.
    if (typeof response === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(response)) message = response;
    if (typeof response === 'object' && response !== null) {
      const m = (response as { message?: unknown }).message;
      if (typeof m === 'string' && /[\u3040-\u30ff\u4e00-\u9fff]/.test(m)) message = m;
    }
  } else if (exception && typeof exception === 'object') {
    const e = exception as HttpLikeError;
    const s = e.status ?? e.statusCode;
    if (typeof s === 'number' && s >= 400 && s < 500 && e.expose !== false) {
      status = s;
      if (e.type === 'entity.parse.failed') {
        // The body itself is what is wrong (not JSON, or a bare string or number): it is the field.
        message = 'JSON の形式が正しくありません';
        fields = [{ field: 'body', message: 'JSON のオブジェクトで送ってください', constraints: ['isJsonObject'] }];
      }
    }
  }

  if (status >= 500) {
    message = messageFor(status);
    fields = undefined;
  }
  return {
    statusCode: status,
    error: STATUS_CODES[status] ?? 'Error',
    message: message ?? messageFor(status),
    ...(fields && fields.length > 0 ? { fields } : {}),
    requestId,
  };
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const body = errorBody(exception, requestIdOf(req));
    if (body.statusCode >= 500) {
      const err = exception instanceof Error ? exception : new Error('non-error thrown');
      // Name, SQLSTATE, constraint and stack only: messages of driver errors can quote values from the request.
      this.logger.error({ requestId: body.requestId, errorType: err.name, ...databaseErrorFacts(exception), stack: redactStack(err) }, 'Unhandled error');
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }
}

/** The stack without its first line, which repeats the message. */
function redactStack(err: Error): string | undefined {
  return err.stack?.split('\n').slice(1).join('\n');
}

/** The parts of a PostgreSQL error that name no value: its SQLSTATE code and the constraint or table involved. */
export function databaseErrorFacts(exception: unknown): { sqlState?: string; constraint?: string; table?: string } {
  if (typeof exception !== 'object' || exception === null) return {};
  const e = exception as { code?: unknown; constraint?: unknown; table?: unknown; driverError?: unknown };
  const source = (typeof e.driverError === 'object' && e.driverError !== null ? e.driverError : e) as typeof e;
  const facts: { sqlState?: string; constraint?: string; table?: string } = {};
  if (typeof source.code === 'string' && /^[0-9A-Z]{5}$/.test(source.code)) facts.sqlState = source.code;
  if (typeof source.constraint === 'string') facts.constraint = source.constraint;
  if (typeof source.table === 'string') facts.table = source.table;
  return facts;
}
