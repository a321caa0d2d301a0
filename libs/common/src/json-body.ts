import { HttpStatus } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { DomainError, InvalidInputError } from './errors';

/**
 * Deepest nesting of arrays and objects a JSON body may have. No request of the API nests
 * more than a few levels; deeper bodies only cost the parser and the validation pipe, which
 * recurses once per level and throws a RangeError somewhere past ten thousand.
 */
export const MAX_JSON_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

/**
 * Whether UTF-8 JSON text nests arrays and objects deeper than `maxDepth`: one pass over the
 * bytes counting brackets outside strings, stopping at the first level too deep. Not a
 * validator: malformed text is left for JSON.parse to refuse. In UTF-8 the bytes of a
 * multi-byte character are all ≥ 0x80, so they never look like a bracket or a quote.
 */
export function exceedsJsonDepth(body: Uint8Array, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const byte = body[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_ARRAY || byte === OPEN_OBJECT) {
      if (++depth > maxDepth) return true;
    } else if (byte === CLOSE_ARRAY || byte === CLOSE_OBJECT) {
      depth--;
    }
  }
  return false;
}

/**
 * The `verify` step of the JSON body parser, run on the raw bytes before JSON.parse: keeps them
 * as `req.rawBody` (the LINE webhook signs them) and refuses what JSON.parse should never see.
 * An error thrown here keeps its status and reaches the global filter as it is.
 */
export function verifyJsonBody(req: IncomingMessage & { rawBody?: Buffer }, _res: unknown, body: Buffer, encoding: string | null): void {
  // RFC 8259 § 8.1: JSON between systems is UTF-8; the byte scan below relies on it.
  if (encoding !== null && !/^utf-?8$/i.test(encoding)) {
    throw new DomainError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'JSON は UTF-8 で送ってください');
  }
  if (exceedsJsonDepth(body, MAX_JSON_DEPTH)) {
    throw new InvalidInputError(
      [{ field: 'body', message: `配列やオブジェクトの入れ子は ${MAX_JSON_DEPTH} 段までにしてください`, constraints: ['maxDepth'] }],
      'JSON の入れ子が深すぎます',
    );
  }
  req.rawBody = body;
}
