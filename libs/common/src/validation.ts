import { ArgumentMetadata, ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { FieldError, InvalidInputError } from './errors';
import { isValidDate } from './japan-time';

const MESSAGES: Record<string, string> = {
  whitelistValidation: 'この項目は受け付けられません',
  isDefined: '必須項目です',
  isNotEmpty: '必須項目です',
  isString: '文字列で入力してください',
  isInt: '整数で入力してください',
  isNumber: '数値で入力してください',
  isBoolean: 'true か false を指定してください',
  isEnum: '選択肢の中から指定してください',
  isIn: '選択肢の中から指定してください',
  isUUID: 'ID の形式が正しくありません',
  isWellFormed: '使用できない文字が含まれています',
  isDateString: '日付の形式が正しくありません',
  isISO8601: '日付の形式が正しくありません',
  isCalendarDate: '存在する日付を YYYY-MM-DD で入力してください',
  isInstant: '存在する日時を ISO 8601 形式（時差つき）で入力してください',
  isMonth: '存在する年月を YYYY-MM で入力してください',
  isMonthDay: '存在する月日を MM-DD で入力してください',
  isEmail: 'メールアドレスの形式が正しくありません',
  matches: '形式が正しくありません',
  min: '値が小さすぎます',
  max: '値が大きすぎます',
  minLength: '短すぎます',
  maxLength: '長すぎます',
  arrayMinSize: '件数が少なすぎます',
  arrayMaxSize: '件数が多すぎます',
  isArray: '配列で指定してください',
  nestedValidation: '内容が正しくありません',
};

const RULE_ORDER = Object.keys(MESSAGES);
const rank = (rule: string) => (RULE_ORDER.includes(rule) ? RULE_ORDER.indexOf(rule) : RULE_ORDER.length);

/** Flattens class-validator's tree into one entry per wrong field, with Japanese text. */
export function toFieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    // class-validator lists rules in reverse declaration order; show the most basic first.
    const constraints = Object.keys(error.constraints ?? {}).sort((a, b) => rank(a) - rank(b));
    if (constraints.length > 0) {
      // The first rule is the one to fix first; the message never repeats the value sent.
      out.push({ field, message: MESSAGES[constraints[0]] ?? '値が正しくありません', constraints });
    }
    if (error.children?.length) out.push(...toFieldErrors(error.children, field));
  }
  return out;
}

// A UTF-16 surrogate without its partner: JSON's \ud800 escape can send one, but it is no
// character, cannot be written as UTF-8 and so breaks encryption, hashing and the database.
const LONE_SURROGATE = /\p{Cs}/u;
const MAX_REPORTED = 20;

/**
 * The paths (`children.0.name`) of every string in a parsed body or query that holds a lone
 * surrogate, keys included. Walks with its own stack, so a deeply nested body cannot overflow.
 */
export function fieldsWithLoneSurrogates(value: unknown, root = ''): string[] {
  const found: string[] = [];
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const [item, path] = stack.pop() as [unknown, string];
    if (typeof item === 'string') {
      if (LONE_SURROGATE.test(item)) found.push(path || 'body');
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        const childPath = path ? `${path}.${key}` : key;
        if (LONE_SURROGATE.test(key)) found.push(path || 'body');
        else stack.push([child, childPath]);
      }
    }
  }
  return found;
}

/** The 400 for a request whose text holds lone surrogates, naming each such field; null when it has none. */
export function wellFormedTextError(value: unknown, root = ''): InvalidInputError | null {
  const fields = fieldsWithLoneSurrogates(value, root);
  return fields.length === 0 ? null : new InvalidInputError(fields.map((field) => ({ field, message: MESSAGES.isWellFormed, constraints: ['isWellFormed'] })));
}

/** Validation for every request: text must be well-formed Unicode, then the DTO's own rules. */
class RequestValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') {
      const error = wellFormedTextError(value, metadata.type === 'param' ? metadata.data : undefined);
      if (error) throw error;
    }
    return super.transform(value, metadata);
  }
}

/** The one validation pipe: ill-formed text and unknown fields refused, payloads turned into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new RequestValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new InvalidInputError(toFieldErrors(errors)),
  });
}

/** Route parameter that must be a UUID; a malformed one is a 400 naming the parameter. */
export function UuidParam(name: string): ParseUUIDPipe {
  return new ParseUUIDPipe({
    exceptionFactory: () => new InvalidInputError([{ field: name, message: MESSAGES.isUUID, constraints: ['isUUID'] }]),
  });
}

/**
 * An optional field of a request: it may be left out, but a value sent — null included — must
 * pass the field's rules. class-validator's IsOptional also waves null through, which then
 * reaches a column that cannot hold it (a 500) or clears a value nobody meant to clear. A field
 * that null really clears says so with ValidateIf and `| null`.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined);
}

/** Year 1 onwards: PostgreSQL has no year 0, which JavaScript's Date accepts. */
const hasYear = (text: string) => Number(text.slice(0, 4)) >= 1;

/** A date that exists, YYYY-MM-DD: 2025-02-30 and 2025-13-45 have the right form and no day. */
export function isCalendarDate(value: unknown): boolean {
  return typeof value === 'string' && isValidDate(value) && hasYear(value);
}

const INSTANT = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** An instant that exists, ISO 8601 with its offset (Z or +09:00); with `dateAlone`, also a bare date (UTC midnight). */
export function isInstant(value: unknown, dateAlone = false): boolean {
  if (typeof value !== 'string') return false;
  if (dateAlone && isCalendarDate(value)) return true;
  const match = INSTANT.exec(value);
  return match !== null && isCalendarDate(match[1]) && !Number.isNaN(Date.parse(value));
}

/** A month that exists, YYYY-MM. */
export function isMonth(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && hasYear(value);
}

/** A calendar date field (YYYY-MM-DD); a date with the right form that does not exist is a 400, not a database error. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isCalendarDate', validator: { validate: isCalendarDate } }, options);
}

/** An instant field: ISO 8601 with an offset, on a day that exists. */
export function IsInstant(options?: ValidationOptions & { dateAlone?: boolean }): PropertyDecorator {
  const { dateAlone = false, ...validation } = options ?? {};
  return ValidateBy({ name: 'isInstant', validator: { validate: (value) => isInstant(value, dateAlone) } }, validation);
}

/** A month field, YYYY-MM. */
export function IsMonth(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isMonth', validator: { validate: isMonth } }, options);
}

/** A day of the year, MM-DD, that exists in some year (02-29 included). */
export function IsMonthDay(options?: ValidationOptions): PropertyDecorator {
  // 2024 is a leap year, so every MM-DD that ever exists is a date in it.
  return ValidateBy({ name: 'isMonthDay', validator: { validate: (value) => typeof value === 'string' && /^\d{2}-\d{2}$/.test(value) && isCalendarDate(`2024-${value}`) } }, options);
}
