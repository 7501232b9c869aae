import { z } from 'zod';
import type { ConfigIssue } from '../../shared/config/import-result';
import { capitalize, makeIssue, type DocumentKind } from './config-issue';
import { describeField, fieldPattern, type FieldCatalog } from './field-catalog';
import { formatJsonPath, positionKey } from './json-path';
import type { ParsedJson } from './json-source-parser';
import { displayKeyName, echoValue, looksLikePrivateKey, looksSecret } from './safe-display';
import type { LineIndex, SourcePosition } from './source-position';

/**
 * cfg.schema, in a shop owner's words: zod's issues become «缺少「商户号」» / «「分期期数」应为正整数»
 * pointing at the line, unknown fields become warnings, and a private key found anywhere but
 * merchantPrivateKey is reported without being repeated.
 */

export interface SchemaContext {
  file: string;
  doc: DocumentKind;
  catalog: FieldCatalog;
  lines: LineIndex;
  json: ParsedJson;
}

type Segments = readonly PropertyKey[];
type ZodIssue = z.core.$ZodIssue;

/** Where to point for a path: the value if it exists, else the nearest enclosing value. */
export function locate(
  ctx: SchemaContext,
  segments: Segments,
  prefer: 'value' | 'key' = 'value',
): SourcePosition {
  const key = positionKey(segments);
  const preferred = prefer === 'key' ? ctx.json.keyOffsets.get(key) : ctx.json.valueOffsets.get(key);
  const exact = preferred ?? ctx.json.valueOffsets.get(key);
  if (exact !== undefined) return ctx.lines.at(exact);
  for (let n = segments.length - 1; n >= 0; n--) {
    const offset = ctx.json.valueOffsets.get(positionKey(segments.slice(0, n)));
    if (offset !== undefined) return ctx.lines.at(offset);
  }
  return { line: 1, column: 1 };
}

function lookup(root: unknown, segments: Segments): { present: boolean; value: unknown } {
  let current: unknown = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object') return { present: false, value: undefined };
    const key = typeof segment === 'symbol' ? String(segment) : segment;
    if (!Object.hasOwn(current, key)) return { present: false, value: undefined };
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return { present: true, value: current };
}

type ValueType = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object';

function typeOf(value: unknown): ValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  return t === 'string' || t === 'number' || t === 'boolean' ? t : 'object';
}

const TYPE_NAMES: Record<ValueType, { zh: string; en: string }> = {
  string: { zh: '文字（带英文双引号）', en: 'text (in double quotes)' },
  number: { zh: '数字', en: 'a number' },
  boolean: { zh: 'true 或 false', en: 'true or false' },
  null: { zh: '空值 null', en: 'null' },
  array: { zh: '列表 [ ]', en: 'a list [ ]' },
  object: { zh: '对象 { }', en: 'an object { }' },
};

function expectedType(expected: string): ValueType | null {
  switch (expected) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'array':
    case 'object':
      return expected;
    case 'int':
      return 'number';
    default:
      return null;
  }
}

/** zod issues → ConfigIssues, one per field (the first zod reports), unions resolved to the branch meant. */
export function schemaIssues(ctx: SchemaContext, issues: readonly ZodIssue[], data: unknown): ConfigIssue[] {
  const byPath = new Map<string, ConfigIssue>();
  const add = (segments: Segments, issue: ConfigIssue) => {
    const key = positionKey(segments);
    if (!byPath.has(key)) byPath.set(key, issue);
  };
  const visit = (issue: ZodIssue, prefix: Segments) => {
    const segments = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      const branch = intendedBranch(issue.errors);
      if (branch) {
        for (const inner of branch) visit(inner, segments);
        return;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...segments, key], extraKeyIssue(ctx, segments, key));
      return;
    }
    add(segments, fieldIssue(ctx, issue, segments, data));
  };
  for (const issue of issues) visit(issue, []);
  return [...byPath.values()];
}

/**
 * For `merchantPrivateKey: { "flie": "a.pem" }` the owner meant the object form: report against it,
 * not "expected string". A branch is meant when its value at least had the branch's type.
 */
function intendedBranch(branches: readonly ZodIssue[][]): ZodIssue[] | null {
  const meant = branches.filter((b) => !b.some((i) => i.code === 'invalid_type' && i.path.length === 0));
  return meant.length === 1 ? (meant[0] ?? null) : null;
}

function fieldIssue(ctx: SchemaContext, issue: ZodIssue, segments: Segments, data: unknown): ConfigIssue {
  const info = describeField(ctx.catalog, segments);
  const field = formatJsonPath(segments);
  const { present, value } = lookup(data, segments);
  const parent = segments.slice(0, -1);
  const last = segments[segments.length - 1];

  if (!present && segments.length > 0) {
    const typo = typoHint(ctx, data, parent, typeof last === 'string' ? last : '');
    return makeIssue({
      file: ctx.file,
      field,
      position: locate(ctx, parent),
      code: 'FIELD_MISSING',
      zh: `缺少「${info.zh}」。请补上，应为：${info.expectZh}。${typo.zh}${ctx.doc.redo.zh}`,
      en: `${capitalize(info.en)} is missing. Please add it: ${info.expectEn}. ${typo.en}${ctx.doc.redo.en}`,
    });
  }

  const actual = typeOf(value);
  const echo = echoValue(value);
  const wanted =
    issue.code === 'invalid_type'
      ? expectedType(issue.expected)
      : issue.code === 'invalid_union'
        ? null
        : actual;
  if (wanted !== actual) {
    const quoteHint =
      wanted === 'string' && (actual === 'number' || actual === 'boolean')
        ? { zh: '请给它加上英文双引号。', en: 'Put it in double quotes. ' }
        : { zh: '', en: '' };
    const zhWanted = wanted ? TYPE_NAMES[wanted].zh : info.expectZh;
    const enWanted = wanted ? TYPE_NAMES[wanted].en : info.expectEn;
    return makeIssue({
      file: ctx.file,
      field,
      position: locate(ctx, segments),
      code: 'FIELD_WRONG_TYPE',
      zh: `「${info.zh}」应该是${zhWanted}，现在是${TYPE_NAMES[actual].zh}${echo ? ` ${echo}` : ''}。${quoteHint.zh}正确写法：${info.expectZh}。`,
      en: `${capitalize(info.en)} should be ${enWanted} but is ${TYPE_NAMES[actual].en}${echo ? ` ${echo}` : ''}. ${quoteHint.en}Write ${info.expectEn}.`,
    });
  }

  return makeIssue({
    file: ctx.file,
    field,
    position: locate(ctx, segments),
    code: 'FIELD_INVALID_VALUE',
    zh: `「${info.zh}」的值${echo ? ` ${echo} ` : ''}不对，应为：${info.expectZh}。请对照${ctx.doc.typicalName === 'store.json' ? '商家后台' : '平台客户经理给的资料'}改正。`,
    en: `${capitalize(info.en)}${echo ? ` (${echo})` : ''} is not valid: it should be ${info.expectEn}. Please correct it from ${ctx.doc.typicalName === 'store.json' ? 'your merchant back office' : 'what your platform account manager gave you'}.`,
  });
}

function extraKeyIssue(ctx: SchemaContext, parent: Segments, key: string): ConfigIssue {
  const info = describeField(ctx.catalog, parent);
  const shown = displayKeyName(key);
  return makeIssue({
    file: ctx.file,
    field: formatJsonPath([...parent, key]),
    position: locate(ctx, [...parent, key], 'key'),
    code: 'FIELD_INVALID_VALUE',
    zh: `「${info.zh}」里不能有「${shown}」这一项。应为：${info.expectZh}。`,
    en: `${capitalize(info.en)} cannot contain "${shown}". It should be ${info.expectEn}.`,
  });
}

/** A missing "merchantNo" next to an unknown "merchantNO": the owner mistyped it, say so. */
function typoHint(
  ctx: SchemaContext,
  data: unknown,
  parent: Segments,
  missing: string,
): { zh: string; en: string } {
  const { value } = lookup(data, parent);
  if (!missing || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { zh: '', en: '' };
  }
  // Only unknown neighbours: a present, valid field is never the misspelling of a missing one.
  const candidate = Object.keys(value).find(
    (k) =>
      !Object.hasOwn(ctx.catalog, fieldPattern([...parent, k])) &&
      (k.toLowerCase() === missing.toLowerCase() || editDistance(k, missing) <= 2),
  );
  if (candidate === undefined) return { zh: '', en: '' };
  const shown = displayKeyName(candidate);
  return {
    zh: `文件里有「${shown}」，是不是想写「${missing}」？请注意拼写和大小写。`,
    en: `The file has "${shown}": did you mean "${missing}"? Mind the spelling and upper/lower case. `,
  };
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2 || a.length > 64 || b.length > 64) return 99;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 99;
}

/** The field names a zod object schema defines, seeing through .default() and .optional(). */
function objectShape(schema: z.ZodType | undefined): Record<string, z.ZodType> | null {
  let current: unknown = schema;
  for (let i = 0; i < 8; i++) {
    if (current instanceof z.ZodObject) return current.shape as Record<string, z.ZodType>;
    if (
      current instanceof z.ZodDefault ||
      current instanceof z.ZodOptional ||
      current instanceof z.ZodNullable
    ) {
      current = current.def.innerType;
      continue;
    }
    return null;
  }
  return null;
}

/** Whether the schema defines this path (unknown fields are the ones it does not, at any object level). */
export function isKnownPath(schema: z.ZodType, segments: Segments): boolean {
  let current: z.ZodType | undefined = schema;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      if (current instanceof z.ZodArray) {
        current = current.element as z.ZodType;
        continue;
      }
      return false;
    }
    const shape = objectShape(current);
    if (shape === null) return true; // Unions and scalars: the schema itself judges what is inside.
    if (!Object.hasOwn(shape, String(segment))) return false;
    current = shape[String(segment)];
  }
  return true;
}

export function unknownFieldWarnings(ctx: SchemaContext, schema: z.ZodType, data: unknown): ConfigIssue[] {
  const warnings: ConfigIssue[] = [];
  const walk = (value: unknown, node: z.ZodType | undefined, segments: PropertyKey[]) => {
    const shape = objectShape(node);
    if (shape === null || value === null || typeof value !== 'object' || Array.isArray(value)) return;
    for (const key of Object.keys(value)) {
      const childSegments = [...segments, key];
      if (Object.hasOwn(shape, key)) {
        walk((value as Record<string, unknown>)[key], shape[key], childSegments);
        continue;
      }
      const shown = displayKeyName(key);
      const near = Object.keys(shape).find(
        (k) => k.toLowerCase() === key.toLowerCase() || editDistance(k, key) <= 2,
      );
      warnings.push(
        makeIssue({
          file: ctx.file,
          field: formatJsonPath(childSegments),
          position: locate(ctx, childSegments, 'key'),
          code: 'FIELD_UNKNOWN',
          severity: 'warning',
          zh: `「${shown}」不是${ctx.doc.what.zh}里的字段，会被忽略。${near ? `如果想填写「${near}」，请注意拼写和大小写。` : '如果它是别的系统加的，可以不用管。'}`,
          en: `"${shown}" is not a field of ${ctx.doc.what.en} and will be ignored. ${near ? `If you meant "${near}", mind the spelling and upper/lower case.` : 'If another system added it, you can leave it.'}`,
        }),
      );
    }
  };
  walk(data, schema, []);
  for (const { segments, offset } of ctx.json.droppedKeys) {
    warnings.push(
      makeIssue({
        file: ctx.file,
        field: formatJsonPath(segments),
        position: ctx.lines.at(offset),
        code: 'FIELD_UNKNOWN',
        severity: 'warning',
        zh: `「__proto__」不是${ctx.doc.what.zh}里的字段，已被忽略。`,
        en: `"__proto__" is not a field of ${ctx.doc.what.en} and was ignored.`,
      }),
    );
  }
  return warnings;
}

export function duplicateFieldWarnings(ctx: SchemaContext): ConfigIssue[] {
  return ctx.json.duplicateKeys.map(({ segments, offset }) => {
    const info = describeField(ctx.catalog, segments);
    return makeIssue({
      file: ctx.file,
      field: formatJsonPath(segments),
      position: ctx.lines.at(offset),
      code: 'JSON_DUPLICATE_FIELD',
      severity: 'warning',
      zh: `「${info.zh}」写了不止一次，只有最后一次写的会生效。请删掉多余的那一个，免得改错地方。`,
      en: `${capitalize(info.en)} is written more than once; only the last one counts. Delete the extra one so later edits go to the right place.`,
    });
  });
}

/** A document-specific message for a private key in one of its known fields (a profile's public key). */
export type MisplacedKeyText = (
  segments: Segments,
) => { code: ConfigIssue['code']; zh: string; en: string } | null;

export interface MisplacedKeys {
  /** A known field holding a private key: an error, the config is wrong. */
  errors: ConfigIssue[];
  /** An unknown field holding one: ignored, and removed from the data so it is never stored. */
  warnings: ConfigIssue[];
  /** The data without those unknown fields (a copy where something was removed). */
  data: unknown;
}

/**
 * Finds private keys anywhere except the one place they belong (`allowedAt`), so that a key put in the
 * wrong field is neither echoed in a message nor kept in a saved config.
 */
export function findMisplacedPrivateKeys(
  ctx: SchemaContext,
  schema: z.ZodType,
  data: unknown,
  allowedAt: Segments | null,
  describeKnown: MisplacedKeyText | null = null,
): MisplacedKeys {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const allowedKey = allowedAt ? positionKey(allowedAt) : null;

  const contains = (value: unknown, depth: number): boolean => {
    if (typeof value === 'string') return looksLikePrivateKey(value);
    if (value === null || typeof value !== 'object' || depth > 64) return false;
    if (Array.isArray(value)) return value.some((v) => contains(v, depth + 1));
    return Object.entries(value).some(([k, v]) => keyMaterialName(k) || contains(v, depth + 1));
  };

  const DROP = Symbol('drop');
  const walk = (value: unknown, segments: PropertyKey[]): unknown => {
    if (allowedKey !== null && positionKey(segments) === allowedKey) return value;
    if (!contains(value, segments.length)) return value;
    if (!isKnownPath(schema, segments)) {
      warnings.push(secretIssue(ctx, segments, 'warning'));
      return DROP;
    }
    if (value === null || typeof value !== 'object') {
      const custom = describeKnown?.(segments);
      errors.push(
        custom
          ? makeIssue({
              file: ctx.file,
              field: formatJsonPath(segments),
              position: locate(ctx, segments),
              ...custom,
            })
          : secretIssue(ctx, segments, 'error'),
      );
      return value;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, [...segments, i]));
    const copy: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (keyMaterialName(k)) {
        warnings.push(secretIssue(ctx, [...segments, k], 'warning'));
        continue;
      }
      const kept = walk(v, [...segments, k]);
      if (kept !== DROP) {
        Object.defineProperty(copy, k, { value: kept, enumerable: true, writable: true, configurable: true });
      }
    }
    return copy;
  };

  const cleaned = walk(data, []);
  return { errors, warnings, data: cleaned };
}

/**
 * A field name made of key material: a whole key, or a piece of one (a damaged PEM header, a long base64 run)
 * left in a name by a broken edit. No real field name looks like that, so such a field is dropped, never kept.
 */
function keyMaterialName(name: string): boolean {
  return looksLikePrivateKey(name) || looksSecret(name);
}

function secretIssue(ctx: SchemaContext, segments: Segments, severity: 'error' | 'warning'): ConfigIssue {
  const info = describeField(ctx.catalog, segments);
  const base = {
    file: ctx.file,
    field: formatJsonPath(segments),
    position: locate(ctx, segments),
  };
  const belongs =
    ctx.doc.typicalName === 'store.json'
      ? {
          zh: '私钥只能放在「商户私钥」(merchantPrivateKey) 里',
          en: 'A private key belongs only in merchantPrivateKey',
        }
      : {
          zh: '私钥不应出现在 platform.json 里，也不要发给任何人',
          en: 'A private key never belongs in platform.json, nor should it be sent to anyone',
        };
  if (severity === 'warning') {
    return makeIssue({
      ...base,
      code: 'FIELD_SECRET_IGNORED',
      severity,
      zh: `「${info.zh}」里像是一段私钥。${belongs.zh}；这一项已被忽略，不会被保存。`,
      en: `${capitalize(info.en)} seems to contain a private key. ${belongs.en}; this entry was ignored and will not be saved.`,
    });
  }
  return makeIssue({
    ...base,
    code: 'FIELD_INVALID_VALUE',
    severity,
    zh: `「${info.zh}」里像是一段私钥，放错了位置。${belongs.zh}；这里应为：${info.expectZh}。`,
    en: `${capitalize(info.en)} seems to contain a private key, which is in the wrong place. ${belongs.en}; this field should be ${info.expectEn}.`,
  });
}
