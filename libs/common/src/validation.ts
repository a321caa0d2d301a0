import { ParseUUIDPipe, ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { FieldError, InvalidInputError } from './errors';

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
  isDateString: '日付の形式が正しくありません',
  isISO8601: '日付の形式が正しくありません',
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

/** The one validation pipe: unknown fields refused, payloads turned into DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
