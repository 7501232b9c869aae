import type { PathSegment } from './json-path';

/**
 * What the JSON source parser (json-source-parser.ts) speaks of: the mistakes it can name, what it
 * returns, and the characters it tells apart (the look-alikes an input method types, the invisible ones).
 */

export type JsonSyntaxErrorKind =
  | 'empty'
  | 'looks-like-html'
  | 'looks-like-pem'
  | 'unexpected-end'
  | 'missing-comma'
  | 'trailing-comma'
  | 'missing-colon'
  | 'missing-value'
  | 'fullwidth-punctuation'
  | 'invisible-character'
  | 'single-quotes'
  | 'unquoted-key'
  | 'unquoted-text'
  | 'comment'
  | 'unterminated-string'
  | 'pem-line-breaks'
  | 'control-character'
  | 'invalid-escape'
  | 'invalid-number'
  | 'invalid-literal'
  | 'mismatched-bracket'
  | 'unexpected-character'
  | 'trailing-content'
  | 'too-deep';

export interface JsonSyntaxError {
  kind: JsonSyntaxErrorKind;
  /** Offset in the text where the person should look. */
  offset: number;
  /** The offending character, display-safe (never more than one character). */
  found?: string;
  /** The ASCII character that belongs there (`,` for `，`), or the literal for `True`. */
  suggestion?: string;
  /** For unexpected-end and mismatched-bracket: the closer that is missing. */
  expectedCloser?: '}' | ']';
  /** For unexpected-end: how many `{` / `[` were left open. */
  unclosed?: number;
  /** Field path the error sits in, when known. */
  segments: PathSegment[];
}

export interface ParsedJson {
  value: unknown;
  /** positionKey(path) → offset where the value starts. */
  valueOffsets: Map<string, number>;
  /** positionKey(path) → offset where the field name starts (its opening quote). */
  keyOffsets: Map<string, number>;
  /** Fields written twice in one object; the last one wins, as in JSON.parse. */
  duplicateKeys: Array<{ segments: PathSegment[]; offset: number }>;
  /** `__proto__` fields: never assigned, so no object can get a surprising prototype. */
  droppedKeys: Array<{ segments: PathSegment[]; offset: number }>;
}

export type JsonParseResult = { ok: true; json: ParsedJson } | { ok: false; error: JsonSyntaxError };

export const MAX_JSON_DEPTH = 64;

/** Look-alikes a Chinese input method types in place of JSON punctuation. */
export const FULLWIDTH_TO_ASCII: Record<string, string> = {
  '，': ',',
  '：': ':',
  '“': '"',
  '”': '"',
  '‘': '"',
  '’': '"',
  '＂': '"',
  '｛': '{',
  '｝': '}',
  '［': '[',
  '］': ']',
  '【': '[',
  '】': ']',
  '；': ',',
  '、': ',',
  '　': ' ',
};

// Characters that look like a space or nothing at all: pasted from web pages and chat apps.
export const INVISIBLE = /[\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u2060\ufeff]/;

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Letters, digits, `_`, `$` and anything non-ASCII: the stuff of unquoted words. */
export function isWordChar(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  return /[A-Za-z0-9_$]/.test(ch) || ch.charCodeAt(0) >= 0x80;
}
