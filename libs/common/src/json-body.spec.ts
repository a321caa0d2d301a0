import { HttpStatus } from '@nestjs/common';
import { DomainError, InvalidInputError } from './errors';
import { exceedsJsonDepth, MAX_JSON_DEPTH, verifyJsonBody } from './json-body';

const bytes = (text: string) => Buffer.from(text, 'utf8');
const nested = (depth: number, open = '[', close = ']') => open.repeat(depth) + close.repeat(depth);

describe('exceedsJsonDepth', () => {
  it('allows exactly the maximum and refuses one level more, for arrays, objects and both', () => {
    expect(exceedsJsonDepth(bytes(nested(64)), 64)).toBe(false);
    expect(exceedsJsonDepth(bytes(nested(65)), 64)).toBe(true);
    expect(exceedsJsonDepth(bytes('{"a":'.repeat(65) + '1' + '}'.repeat(65)), 64)).toBe(true);
    expect(exceedsJsonDepth(bytes('{"a":['.repeat(32) + ']}'.repeat(32)), 64)).toBe(false);
    expect(exceedsJsonDepth(bytes('{"a":['.repeat(33) + ']}'.repeat(33)), 64)).toBe(true);
  });

  it('counts depth, not the number of brackets: long flat arrays pass', () => {
    expect(exceedsJsonDepth(bytes(JSON.stringify(Array.from({ length: 10_000 }, () => [[1]]))), 3)).toBe(false);
  });

  it('ignores brackets inside strings, escaped quotes and backslashes included', () => {
    expect(exceedsJsonDepth(bytes(JSON.stringify({ text: '['.repeat(1000) })), 2)).toBe(false);
    expect(exceedsJsonDepth(bytes(JSON.stringify({ text: `\\"${'{'.repeat(100)}\\\\` })), 2)).toBe(false);
    expect(exceedsJsonDepth(bytes(JSON.stringify({ text: '\\' }) + nested(3)), 2)).toBe(true);
    expect(exceedsJsonDepth(bytes(JSON.stringify({ 相談: '「[」' })), 1)).toBe(false);
  });

  it('stops at the first level too deep instead of reading the rest', () => {
    const huge = Buffer.alloc(5_000_000, 0x5b);
    const started = performance.now();
    expect(exceedsJsonDepth(huge, MAX_JSON_DEPTH)).toBe(true);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('verifyJsonBody', () => {
  it('keeps the raw bytes of an acceptable body for the signature check', () => {
    const req: { rawBody?: Buffer } = {};
    const body = bytes('{"events":[]}');
    verifyJsonBody(req as never, undefined, body, 'utf-8');
    expect(req.rawBody).toBe(body);
  });

  it('refuses a body nested too deep with a 400 naming the body, in Japanese', () => {
    const req: { rawBody?: Buffer } = {};
    const thrown = thrownBy(() => verifyJsonBody(req as never, undefined, bytes(nested(MAX_JSON_DEPTH + 1)), 'utf-8'));
    expect(thrown).toBeInstanceOf(InvalidInputError);
    expect((thrown as InvalidInputError).status).toBe(HttpStatus.BAD_REQUEST);
    expect((thrown as InvalidInputError).message).toBe('JSON の入れ子が深すぎます');
    expect((thrown as InvalidInputError).fields).toEqual([expect.objectContaining({ field: 'body', constraints: ['maxDepth'] })]);
    expect(req.rawBody).toBeUndefined();
  });

  it('refuses JSON in another charset than UTF-8 with 415', () => {
    const thrown = thrownBy(() => verifyJsonBody({} as never, undefined, Buffer.from('[]', 'utf16le'), 'utf-16le'));
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).status).toBe(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  });
});

function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
