import { positionKey, type PathSegment } from './json-path';
import {
  FULLWIDTH_TO_ASCII,
  INVISIBLE,
  isDigit,
  isWordChar,
  MAX_JSON_DEPTH,
  type JsonParseResult,
  type JsonSyntaxError,
  type JsonSyntaxErrorKind,
  type ParsedJson,
} from './json-syntax';
import { describeChar } from './safe-display';

/**
 * A strict JSON parser (RFC 8259, same values as JSON.parse) that also remembers where every value and
 * field name starts, and, when the text is not JSON, says which mistake a person most likely made
 * (a missing comma, Chinese punctuation, a Windows path with single backslashes...). JSON.parse only
 * says "Unexpected token", which a shop owner cannot act on.
 *
 * Nesting is capped: a store.json is three levels deep, and the cap keeps recursion far from the stack
 * limit whatever the input.
 */

export type { JsonParseResult, JsonSyntaxError, JsonSyntaxErrorKind, ParsedJson } from './json-syntax';
export { MAX_JSON_DEPTH };

class SyntaxFailure {
  constructor(readonly error: JsonSyntaxError) {}
}

export function parseJsonWithPositions(text: string, maxDepth = MAX_JSON_DEPTH): JsonParseResult {
  const parser = new Parser(text, maxDepth);
  try {
    return { ok: true, json: parser.parseDocument() };
  } catch (thrown) {
    if (thrown instanceof SyntaxFailure) return { ok: false, error: thrown.error };
    throw thrown;
  }
}

type Closer = '}' | ']';

class Parser {
  private pos = 0;
  private readonly segments: PathSegment[] = [];
  private readonly closers: Closer[] = [];
  private readonly valueOffsets = new Map<string, number>();
  private readonly keyOffsets = new Map<string, number>();
  private readonly duplicateKeys: ParsedJson['duplicateKeys'] = [];
  private readonly droppedKeys: ParsedJson['droppedKeys'] = [];

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parseDocument(): ParsedJson {
    this.skipWhitespace();
    if (this.pos >= this.text.length) this.fail('empty', 0);
    if (this.text[this.pos] === '<') this.fail('looks-like-html', this.pos);
    if (this.text.startsWith('-----BEGIN', this.pos)) this.fail('looks-like-pem', this.pos);
    const value = this.parseValue();
    this.skipWhitespace();
    if (this.pos < this.text.length) {
      this.failOnStray('trailing-content');
    }
    return {
      value,
      valueOffsets: this.valueOffsets,
      keyOffsets: this.keyOffsets,
      duplicateKeys: this.duplicateKeys,
      droppedKeys: this.droppedKeys,
    };
  }

  private parseValue(): unknown {
    const start = this.pos;
    this.valueOffsets.set(positionKey(this.segments), start);
    const ch = this.text[this.pos];
    switch (ch) {
      case '{':
        return this.parseObject();
      case '[':
        return this.parseArray();
      case '"':
        return this.parseString();
      case undefined:
        return this.fail('unexpected-end', start, this.endDetails());
      default:
        if (ch === '-' || isDigit(ch)) return this.parseNumber();
        if (ch === '}' || ch === ']' || ch === ',') return this.fail('missing-value', start, { found: ch });
        if (ch === '+' || ch === '.') return this.fail('invalid-number', start);
        if (isWordChar(ch) && !this.isSpecialStray(start)) return this.parseWord();
        return this.failOnStray('unexpected-character');
    }
  }

  private parseObject(): Record<string, unknown> {
    const open = this.pos;
    this.enter('}', open);
    this.pos++;
    const result: Record<string, unknown> = {};
    this.skipWhitespace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      this.leave();
      return result;
    }
    let commaOffset = -1;
    for (;;) {
      this.skipWhitespace();
      const keyStart = this.pos;
      const ch = this.text[this.pos];
      if (ch !== '"') {
        if (ch === '}' && commaOffset >= 0) this.fail('trailing-comma', commaOffset);
        if (ch === undefined) this.fail('unexpected-end', keyStart, this.endDetails());
        if (this.isSpecialStray(keyStart)) this.failOnStray('unexpected-character');
        if (isWordChar(ch) || isDigit(ch) || ch === '-') this.fail('unquoted-key', keyStart);
        this.failOnStray('unexpected-character');
      }
      const key = this.parseString();
      this.skipWhitespace();
      if (this.text[this.pos] !== ':') {
        if (this.pos >= this.text.length) this.fail('unexpected-end', this.pos, this.endDetails());
        if (this.isSpecialStray(this.pos)) this.failOnStray('unexpected-character');
        this.fail('missing-colon', this.pos);
      }
      this.pos++;
      this.skipWhitespace();
      this.segments.push(key);
      const childKey = positionKey(this.segments);
      if (key === '__proto__') {
        this.droppedKeys.push({ segments: [...this.segments], offset: keyStart });
        this.parseValue();
      } else {
        if (Object.hasOwn(result, key)) {
          this.duplicateKeys.push({ segments: [...this.segments], offset: keyStart });
        }
        this.keyOffsets.set(childKey, keyStart);
        // defineProperty, like JSON.parse: plain assignment would run setters on the prototype chain.
        Object.defineProperty(result, key, {
          value: this.parseValue(),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      this.segments.pop();
      const comma = this.afterMember('}');
      if (comma === null) return result;
      commaOffset = comma;
    }
  }

  private parseArray(): unknown[] {
    this.enter(']', this.pos);
    this.pos++;
    const result: unknown[] = [];
    this.skipWhitespace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      this.leave();
      return result;
    }
    let commaOffset = -1;
    for (;;) {
      this.skipWhitespace();
      if (this.text[this.pos] === ']' && commaOffset >= 0) this.fail('trailing-comma', commaOffset);
      this.segments.push(result.length);
      result.push(this.parseValue());
      this.segments.pop();
      const comma = this.afterMember(']');
      if (comma === null) return result;
      commaOffset = comma;
    }
  }

  private parseString(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    let runStart = this.pos;
    const text = this.text;
    for (;;) {
      if (this.pos >= text.length) {
        this.fail(this.pemKind(out + text.slice(runStart, this.pos)), start);
      }
      const code = text.charCodeAt(this.pos);
      if (code === 0x22) {
        out += text.slice(runStart, this.pos);
        this.pos++;
        return out;
      }
      if (code === 0x5c) {
        out += text.slice(runStart, this.pos);
        out += this.parseEscape();
        runStart = this.pos;
        continue;
      }
      if (code < 0x20) {
        if (code === 0x0a || code === 0x0d) {
          this.fail(this.pemKind(out + text.slice(runStart, this.pos)), start);
        }
        this.fail('control-character', this.pos, { found: describeChar(text[this.pos] ?? '') });
      }
      this.pos++;
    }
  }

  /** A PEM pasted straight into JSON breaks the string at its first line end: say so, not "unterminated". */
  private pemKind(partial: string): JsonSyntaxErrorKind {
    return /^\s*-----BEGIN/.test(partial) ? 'pem-line-breaks' : 'unterminated-string';
  }

  private parseEscape(): string {
    const at = this.pos;
    const next = this.text[this.pos + 1];
    this.pos += 2;
    switch (next) {
      case '"':
        return '"';
      case '\\':
        return '\\';
      case '/':
        return '/';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'n':
        return '\n';
      case 'r':
        return '\r';
      case 't':
        return '\t';
      case 'u': {
        const hex = this.text.slice(this.pos, this.pos + 4);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('invalid-escape', at, { found: 'u' });
        this.pos += 4;
        return String.fromCharCode(parseInt(hex, 16));
      }
      case undefined:
        return this.fail('unterminated-string', at);
      default:
        return this.fail('invalid-escape', at, { found: describeChar(next) });
    }
  }

  private parseNumber(): number {
    const start = this.pos;
    const text = this.text;
    if (text[this.pos] === '-') this.pos++;
    if (text[this.pos] === '0') {
      this.pos++;
      if (isDigit(text[this.pos])) this.fail('invalid-number', start);
    } else if (isDigit(text[this.pos])) {
      while (isDigit(text[this.pos])) this.pos++;
    } else {
      this.fail('invalid-number', start);
    }
    if (text[this.pos] === '.') {
      this.pos++;
      if (!isDigit(text[this.pos])) this.fail('invalid-number', start);
      while (isDigit(text[this.pos])) this.pos++;
    }
    if (text[this.pos] === 'e' || text[this.pos] === 'E') {
      this.pos++;
      if (text[this.pos] === '+' || text[this.pos] === '-') this.pos++;
      if (!isDigit(text[this.pos])) this.fail('invalid-number', start);
      while (isDigit(text[this.pos])) this.pos++;
    }
    // "199元" or "1.2.3": the number is what is wrong, not a missing comma after it.
    const after = text[this.pos];
    if (after !== undefined && (after === '.' || (isWordChar(after) && !this.isSpecialStray(this.pos)))) {
      this.fail('invalid-number', start);
    }
    return Number(text.slice(start, this.pos));
  }

  /** true / false / null, or the near misses people write (True, NULL, None, undefined, 元...). */
  private parseWord(): unknown {
    const start = this.pos;
    let end = this.pos;
    while (end < this.text.length && isWordChar(this.text[end]) && !this.isSpecialStray(end)) end++;
    const word = this.text.slice(start, end);
    if (word === 'true' || word === 'false' || word === 'null') {
      this.pos = end;
      return word === 'true' ? true : word === 'false' ? false : null;
    }
    const lower = word.toLowerCase();
    // True, TRUE, tru (cut off), ture (typed fast): all meant one of the three literals.
    const meant = ['true', 'false', 'null'].find(
      (literal) =>
        lower === literal ||
        (lower.length >= 2 && literal.startsWith(lower)) ||
        [...lower].sort().join('') === [...literal].sort().join(''),
    );
    if (meant !== undefined) return this.fail('invalid-literal', start, { suggestion: meant });
    if (lower === 'none' || lower === 'nil' || lower === 'undefined') {
      return this.fail('invalid-literal', start, { suggestion: 'null' });
    }
    if (lower === 'nan' || lower === 'infinity') return this.fail('invalid-number', start);
    return this.fail('unquoted-text', start);
  }

  /**
   * After a member of an object or array: past a comma, its offset (another member follows); past the
   * closer, null (the container has ended and is left); anything else fails with what was expected.
   */
  private afterMember(closer: Closer): number | null {
    this.skipWhitespace();
    const after = this.text[this.pos];
    if (after === ',') return this.pos++;
    if (after === closer) {
      this.pos++;
      this.leave();
      return null;
    }
    this.failAfterMember(closer);
  }

  private failAfterMember(closer: Closer): never {
    const at = this.pos;
    const ch = this.text[at];
    if (ch === undefined) this.fail('unexpected-end', at, this.endDetails());
    if (this.isSpecialStray(at)) this.failOnStray('unexpected-character');
    if (ch === '}' || ch === ']') this.fail('mismatched-bracket', at, { found: ch, expectedCloser: closer });
    if (ch === '"' || ch === '{' || ch === '[' || ch === '-' || isDigit(ch) || isWordChar(ch)) {
      this.fail('missing-comma', at);
    }
    return this.failOnStray('unexpected-character');
  }

  /** Characters with a story of their own, whatever the position: say that story. */
  private isSpecialStray(at: number): boolean {
    const ch = this.text[at];
    if (ch === undefined) return false;
    if (FULLWIDTH_TO_ASCII[ch] !== undefined || INVISIBLE.test(ch)) return true;
    if (ch === "'" || ch === '#') return true;
    return ch === '/' && (this.text[at + 1] === '/' || this.text[at + 1] === '*');
  }

  private failOnStray(fallback: JsonSyntaxErrorKind): never {
    const at = this.pos;
    const ch = this.text[at];
    if (ch === undefined) return this.fail('unexpected-end', at, this.endDetails());
    const ascii = FULLWIDTH_TO_ASCII[ch];
    if (ascii !== undefined) return this.fail('fullwidth-punctuation', at, { found: ch, suggestion: ascii });
    if (INVISIBLE.test(ch)) return this.fail('invisible-character', at, { found: describeChar(ch) });
    if (ch === "'") return this.fail('single-quotes', at);
    if (ch === '#' || (ch === '/' && (this.text[at + 1] === '/' || this.text[at + 1] === '*'))) {
      return this.fail('comment', at);
    }
    const codePoint = String.fromCodePoint(this.text.codePointAt(at) ?? 0);
    return this.fail(fallback, at, { found: describeChar(codePoint) });
  }

  private skipWhitespace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const c = text.charCodeAt(this.pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.pos++;
      else break;
    }
  }

  private enter(closer: Closer, at: number): void {
    if (this.closers.length >= this.maxDepth) this.fail('too-deep', at);
    this.closers.push(closer);
  }

  private leave(): void {
    this.closers.pop();
  }

  private endDetails(): Partial<JsonSyntaxError> {
    const innermost = this.closers[this.closers.length - 1];
    return innermost === undefined ? {} : { expectedCloser: innermost, unclosed: this.closers.length };
  }

  private fail(kind: JsonSyntaxErrorKind, offset: number, details: Partial<JsonSyntaxError> = {}): never {
    throw new SyntaxFailure({ kind, offset, segments: [...this.segments], ...details });
  }
}
