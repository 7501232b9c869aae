import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { positionKey } from '../../../main/config/json-path';
import { parseJsonWithPositions, type JsonSyntaxErrorKind } from '../../../main/config/json-source-parser';
import { LineIndex } from '../../../main/config/source-position';

function errorOf(text: string) {
  const result = parseJsonWithPositions(text);
  if (result.ok) throw new Error(`expected a syntax error for ${JSON.stringify(text)}`);
  const { line, column } = new LineIndex(text).at(result.error.offset);
  return { ...result.error, line, column };
}

describe('parseJsonWithPositions', () => {
  it('reads exactly what JSON.parse reads', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const result = parseJsonWithPositions(text);
        expect(result.ok).toBe(true);
        // Our one deliberate difference: "__proto__" fields are dropped, never assigned.
        const withoutProto: unknown = JSON.parse(text, (key, value: unknown) =>
          key === '__proto__' ? undefined : value,
        );
        if (result.ok) expect(result.json.value).toStrictEqual(withoutProto);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects whatever JSON.parse rejects', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        let native = true;
        try {
          JSON.parse(text);
        } catch {
          native = false;
        }
        expect(parseJsonWithPositions(text).ok).toBe(native);
      }),
      { numRuns: 2000 },
    );
  });

  it('remembers where each value and field name starts', () => {
    const text = '{\n  "a": 1,\n  "list": [10, {"deep": true}]\n}';
    const result = parseJsonWithPositions(text);
    if (!result.ok) throw new Error('should parse');
    const lines = new LineIndex(text);
    const at = (offset: number | undefined) => lines.at(offset ?? -1);
    expect(at(result.json.keyOffsets.get(positionKey(['a'])))).toEqual({ line: 2, column: 3 });
    expect(at(result.json.valueOffsets.get(positionKey(['a'])))).toEqual({ line: 2, column: 8 });
    expect(at(result.json.valueOffsets.get(positionKey(['list', 1, 'deep'])))).toEqual({
      line: 3,
      column: 25,
    });
  });

  it('counts columns in characters, after CRLF and lone CR line ends', () => {
    const text = '{\r\n"名称": "鼎经纬",\r"x": tru }';
    expect(errorOf(text)).toMatchObject({ kind: 'invalid-literal', suggestion: 'true', line: 3, column: 6 });
    const chinese = '{"店铺": "鼎经纬" "x": 1}';
    expect(errorOf(chinese)).toMatchObject({ kind: 'missing-comma', line: 1, column: 14 });
    expect(errorOf('{"a": "😀" "b": 1}')).toMatchObject({ kind: 'missing-comma', line: 1, column: 11 });
  });

  it('records duplicate fields and never assigns __proto__', () => {
    const result = parseJsonWithPositions('{"a": 1, "a": 2, "__proto__": {"polluted": true}}');
    if (!result.ok) throw new Error('should parse');
    expect(result.json.value).toEqual({ a: 2 });
    expect(Object.getPrototypeOf(result.json.value)).toBe(Object.prototype);
    expect(result.json.duplicateKeys).toHaveLength(1);
    expect(result.json.droppedKeys).toHaveLength(1);
  });

  const cases: Array<[string, string, JsonSyntaxErrorKind, number, number]> = [
    ['missing comma between lines', '{\n  "a": 1\n  "b": 2\n}', 'missing-comma', 3, 3],
    ['trailing comma', '{\n  "a": 1,\n}', 'trailing-comma', 2, 9],
    ['trailing comma in a list', '[1, 2, ]', 'trailing-comma', 1, 6],
    ['missing colon', '{"a" 1}', 'missing-colon', 1, 6],
    ['missing value', '{"a": }', 'missing-value', 1, 7],
    ['Chinese comma', '{"a": 1，"b": 2}', 'fullwidth-punctuation', 1, 8],
    ['Chinese colon', '{"a"： 1}', 'fullwidth-punctuation', 1, 5],
    ['Chinese quotes', '{“a”: 1}', 'fullwidth-punctuation', 1, 2],
    ['full-width space', '{"a":\u30001}', 'fullwidth-punctuation', 1, 6],
    ['non-breaking space', '{"a":\u00a01}', 'invisible-character', 1, 6],
    ['zero-width space', '{\u200b"a": 1}', 'invisible-character', 1, 2],
    ['single quotes', "{'a': 1}", 'single-quotes', 1, 2],
    ['unquoted key', '{a: 1}', 'unquoted-key', 1, 2],
    ['unquoted Chinese key', '{店铺: 1}', 'unquoted-key', 1, 2],
    ['unquoted text', '{"a": hello}', 'unquoted-text', 1, 7],
    ['line comment', '{\n// note\n"a": 1}', 'comment', 2, 1],
    ['block comment', '{"a": 1 /* x */}', 'comment', 1, 9],
    ['hash comment', '# config\n{}', 'comment', 1, 1],
    ['unterminated string', '{"a": "abc\n}', 'unterminated-string', 1, 7],
    ['string running to the end', '{"a": "abc', 'unterminated-string', 1, 7],
    [
      'PEM pasted with raw line breaks',
      '{"k": "-----BEGIN PRIVATE KEY-----\nMIIE\n"}',
      'pem-line-breaks',
      1,
      7,
    ],
    ['tab inside a string', '{"a": "x\ty"}', 'control-character', 1, 9],
    ['Windows path', '{"file": "C:\\keys\\a.pem"}', 'invalid-escape', 1, 13],
    ['bad unicode escape', '{"a": "\\u12"}', 'invalid-escape', 1, 8],
    ['leading zero', '{"n": 0123}', 'invalid-number', 1, 7],
    ['number with a unit', '{"n": 199元}', 'invalid-number', 1, 7],
    ['two decimal points', '{"n": 1.2.3}', 'invalid-number', 1, 7],
    ['NaN', '[NaN]', 'invalid-number', 1, 2],
    ['True', '{"a": True}', 'invalid-literal', 1, 7],
    ['None', '{"a": None}', 'invalid-literal', 1, 7],
    ['ture', '{"a": ture}', 'invalid-literal', 1, 7],
    ['mismatched bracket', '{"a": [1, 2}', 'mismatched-bracket', 1, 12],
    ['cut off', '{"a": {"b": 1', 'unexpected-end', 1, 14],
    ['extra content', '{}\n{}', 'trailing-content', 2, 1],
    ['empty', '  \n ', 'empty', 1, 1],
    ['HTML page', '<!DOCTYPE html><html>', 'looks-like-html', 1, 1],
    ['a PEM file', '-----BEGIN PRIVATE KEY-----\nMIIE\n', 'looks-like-pem', 1, 1],
  ];

  it.each(cases)('names the mistake: %s', (_name, text, kind, line, column) => {
    expect(errorOf(text)).toMatchObject({ kind, line, column });
  });

  it('says what is still open when the file is cut off', () => {
    expect(errorOf('{"a": [1, {"b": 2')).toMatchObject({ expectedCloser: '}', unclosed: 3 });
  });

  it('refuses deep nesting without touching the stack limit', () => {
    expect(errorOf('['.repeat(100_000))).toMatchObject({ kind: 'too-deep', line: 1, column: 65 });
    expect(errorOf('{"a":'.repeat(100_000))).toMatchObject({ kind: 'too-deep' });
  });

  it('parses a 1 MB string, and keeps it whole', () => {
    // How fast is the importer benchmark's business, not a timed assertion here.
    const text = JSON.stringify({ a: 'x'.repeat(1_000_000) });
    const parsed = parseJsonWithPositions(text);
    expect(parsed.ok).toBe(true);
    expect(parsed.ok && (parsed.json.value as { a: string }).a.length).toBe(1_000_000);
  });
});
