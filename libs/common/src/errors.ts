import { HttpStatus } from '@nestjs/common';

/** One wrong field of a request, named by its path (`children.0.birthDate`). */
export interface FieldError {
  field: string;
  /** Japanese text for the person at the screen. */
  message: string;
  /** Which rules failed, e.g. ['isInt'], for programs. */
  constraints: string[];
}

/** The body of every error response. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  fields?: FieldError[];
  requestId: string;
}

/**
 * A failure the domain expects (not found, conflict, not allowed). Services throw these; one
 * global filter turns them into responses. `message` is shown to the user, so it is Japanese.
 */
export class DomainError extends Error {
  constructor(
    readonly status: HttpStatus,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  constructor(message = '対象が見つかりません') {
    super(HttpStatus.NOT_FOUND, message);
  }
}

/** The actor may reach the record but not make this change (e.g. who may see a case is a supervisor's decision). */
export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super(HttpStatus.FORBIDDEN, message);
  }
}

export class ConflictError extends DomainError {
  constructor(message: string) {
    super(HttpStatus.CONFLICT, message);
  }
}

/** The record existed but was destroyed at the end of its retention period (crypto-shredding). */
export class GoneError extends DomainError {
  constructor(message = 'この記録は保存期間の満了により消去されました') {
    super(HttpStatus.GONE, message);
  }
}

export class InvalidInputError extends DomainError {
  constructor(fields: FieldError[], message = '入力内容に誤りがあります') {
    super(HttpStatus.BAD_REQUEST, message, fields);
  }
}

/** A 400 naming the one field that is wrong. */
export function invalidField(field: string, message: string, constraint: string): InvalidInputError {
  return new InvalidInputError([{ field, message, constraints: [constraint] }]);
}

/** A 409 naming the field whose state forbids the request (a suspended facility, a decided application …). */
export function fieldConflict(field: string, message: string, constraint: string): DomainError {
  return new DomainError(HttpStatus.CONFLICT, message, [{ field, message, constraints: [constraint] }]);
}

/** An update carried a version older than the stored one: someone else changed it first. */
export class StaleVersionError extends DomainError {
  constructor() {
    super(HttpStatus.CONFLICT, '他の職員が先に更新しました。最新の内容を読み込んでからやり直してください');
  }
}
