import { aliasedCookiesUnchanged } from './aliased-cookies';
import { judgeName, ruleForFieldName, type NameContext } from './field-rules';
import type { RedactionRule } from './rules';
import {
  redactAuthorization,
  redactCookiePairs,
  redactFormBody,
  redactSetCookie,
  redactText,
  replaceCredential,
  replaceWithAlias,
  type TextRuleContext,
} from './text-rules';

/**
 * Structured data, value by value, never as serialized text: the result is always the same shape and still
 * valid JSON. Our own report's fields are judged by name (a sensitive name marks a credential) and their
 * values go through the text rules. What came from outside keeps a value only when its name is on a short
 * harmless list: HAR and DevTools headers, cookies, query strings, form fields, and the members of JSON
 * bodies; every other value there becomes an alias, its name kept, so support still sees every request's shape.
 */

/** Keys whose value is a set of headers: HAR's name/value pairs or DevTools' `{ Name: value }`. */
const HEADERS_KEY = /^(?:request|response)?_?headers(?:Text)?$/i;
const PARAMS_KEY = /^(?:queryString|params)$/;

/** What a member's name says about its value in our own structure (see `own`). */
export interface MemberKind {
  /** A set of headers: name/value pairs, `{ Name: value }` or raw header lines. */
  headers: boolean;
  /** HAR query or form parameters. */
  params: boolean;
  /** HAR cookies. */
  cookies: boolean;
  /** A credential by its name (ruleForFieldName), or null. */
  rule: RedactionRule | null;
}

/** What a value without a name (the top, an array's items under no name) is: nothing in particular. */
export const UNNAMED: MemberKind = { headers: false, params: false, cookies: false, rule: null };

export function memberKind(name: string): MemberKind {
  return {
    headers: HEADERS_KEY.test(name),
    params: PARAMS_KEY.test(name),
    cookies: name === 'cookies',
    rule: ruleForFieldName(name),
  };
}

/** JSON bodies are parsed to be judged member by member; bigger ones are treated as text. */
const MAX_PARSED_BODY = 4 * 1024 * 1024;

/** An object's member as it goes out: its key through the text rules, and what the key says of its value. */
export interface Member {
  key: string;
  kind: MemberKind;
}

export interface Walker {
  ctx: TextRuleContext;
  /**
   * An object key: a key that is itself a secret is rare, but it is text like any other. A HAR repeats the
   * same few keys millions of times: what is learnt of a key is asked once, in one lookup (engine.ts).
   */
  member(key: string): Member;
}

const isRecord = (node: unknown): node is Record<string, unknown> =>
  node !== null && typeof node === 'object' && !Array.isArray(node);

/*
 * Copies are made only where something changed. Most of a HAR entry comes out as it went in (timings, the
 * cache, Host and Accept headers, the page's own fields): the walk hands back the very object or array it
 * was given when every member came back identical (the same string, the same object), and starts a copy at
 * the first member that did not. A result may therefore share parts with its input: it is read, never
 * changed (entryLines makes its own copies to serialize a body apart).
 */

/** `list` mapped by `fn`, or `list` itself when every item came back as it was. */
function mapItems(list: unknown[], fn: (item: unknown) => unknown): unknown[] {
  let out: unknown[] | null = null;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const redacted = fn(item);
    if (out === null) {
      if (redacted === item) continue;
      out = list.slice(0, i);
    }
    out.push(redacted);
  }
  return out ?? list;
}

/** A plain object with the first `count` of `keys` (members that came back unchanged), to go on from. */
function copyUpTo(
  node: Record<string, unknown>,
  keys: readonly string[],
  count: number,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) out[keys[i]!] = node[keys[i]!];
  return out;
}

/**
 * An object none of whose members changed: itself when it is a plain object, else a plain copy (a Date or a
 * class instance serializes its own way; the walk's result is always plain data, as a copy made it before).
 */
function asIs(node: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(node);
  return proto === Object.prototype || proto === null ? node : copyUpTo(node, keys, keys.length);
}

/** A credential found by name: cookies keep their names and attributes, Authorization its scheme. */
export function credentialValue(
  ctx: TextRuleContext,
  rule: RedactionRule,
  value: string,
  bare = false,
): string {
  if (!value.trim()) return value;
  switch (rule) {
    case 'cookie':
      // A HAR cookie's value is the bare value; a Cookie header's is `a=1; b=2` (one without a pair is bare).
      return bare || !value.includes('=')
        ? replaceCredential(ctx, rule, value)
        : redactCookiePairs(ctx, 'cookie', value);
    case 'set-cookie':
      return redactSetCookie(ctx, value);
    case 'authorization':
      return redactAuthorization(ctx, value);
    default:
      return replaceCredential(ctx, rule, value);
  }
}

/** A value from outside, under `name` in `context`: kept (through the text rules), a credential, or an alias. */
export function outsideValue(w: Walker, context: NameContext, name: string, value: unknown): unknown {
  if (typeof value === 'number') {
    const verdict = judgeName(name, context);
    return verdict.kind === 'credential'
      ? credentialValue(w.ctx, verdict.rule, String(value))
      : number(w, value);
  }
  // An object or a list where a value should be (DevTools headers say strings; a hostile page may not):
  // read as a JSON body from outside, member by member.
  if (value !== null && typeof value === 'object') return jsonBody(w, value, name);
  if (typeof value !== 'string') return value;
  if (!value) return value;
  const verdict = judgeName(name, context);
  if (verdict.kind === 'harmless') return redactText(w.ctx, value);
  if (verdict.kind === 'credential') {
    const credential = credentialValue(w.ctx, verdict.rule, value);
    // A cookie header now made of names and aliases only is known to come out of the rules as it is.
    const plain =
      (verdict.rule === 'cookie' || verdict.rule === 'set-cookie') &&
      aliasedCookiesUnchanged(w.ctx, credential);
    return plain ? credential : redactText(w.ctx, credential);
  }
  return replaceWithAlias(w.ctx, 'value', value);
}

/** Long integers can be phone, card or ID numbers; anything the text rules change becomes the alias. */
function number(w: Walker, node: number): unknown {
  if (!Number.isInteger(node) || Math.abs(node) < 1e10) return node;
  const asText = String(node);
  const redacted = redactText(w.ctx, asText);
  return redacted === asText ? node : redacted;
}

/** A request or response body: form fields and JSON members by name, anything else as text. */
export function body(w: Walker, text: string, mimeType: unknown): string {
  const type = typeof mimeType === 'string' ? mimeType.toLowerCase() : '';
  if (type.includes('x-www-form-urlencoded')) return redactText(w.ctx, redactFormBody(w.ctx, text));
  const trimmed = text.trimStart();
  if (
    (type.includes('json') || trimmed.startsWith('{') || trimmed.startsWith('[')) &&
    text.length <= MAX_PARSED_BODY
  ) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return redactText(w.ctx, text);
    }
    return JSON.stringify(jsonBody(w, parsed, ''));
  }
  return redactText(w.ctx, text);
}

/** A JSON body from outside: strings kept only under harmless names; numbers and booleans kept. */
function jsonBody(w: Walker, node: unknown, name: string): unknown {
  if (Array.isArray(node)) return mapItems(node, (item) => jsonBody(w, item, name));
  if (isRecord(node)) return members(w, node, (key, value) => jsonBody(w, value, key));
  return name
    ? outsideValue(w, 'json', name, node)
    : typeof node === 'string'
      ? redactText(w.ctx, node)
      : node;
}

/** An array of HAR name/value pairs (headers, query, form params, cookies). */
function pairs(w: Walker, list: unknown[], context: NameContext | 'cookie'): unknown[] {
  return mapItems(list, (item) => {
    if (!isRecord(item) || typeof item.name !== 'string') return own(w, item, UNNAMED);
    const keys = Object.keys(item);
    let out: Record<string, unknown> | null = null;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const value = item[key];
      let outKey: string;
      let redacted: unknown;
      if (key === 'value') {
        outKey = key;
        redacted =
          context !== 'cookie'
            ? outsideValue(w, context, item.name, value)
            : typeof value === 'string' || typeof value === 'number'
              ? credentialValue(w.ctx, 'cookie', String(value), true)
              : // Anything else where a cookie's value should be is read as outside data under its name.
                outsideValue(w, 'json', 'cookie', value);
      } else if (key === 'name') {
        outKey = key;
        redacted = w.member(item.name).key;
      } else {
        const member = w.member(key);
        outKey = member.key;
        redacted = own(w, value, member.kind);
      }
      if (out === null) {
        if (redacted === value && outKey === key) continue;
        out = copyUpTo(item, keys, i);
      }
      out[outKey] = redacted;
    }
    return out ?? asIs(item, keys);
  });
}

/** DevTools headers: `{ "Set-Cookie": "…", "X-Auth-Token": "…" }`. */
function headerObject(w: Walker, headers: Record<string, unknown>): Record<string, unknown> {
  return members(w, headers, (name, value) => outsideValue(w, 'header', name, value));
}

/**
 * An object from outside, member by member: each key through `w.member`, each value through `redact`; a copy
 * is started at the first member that changed (`own` and `pairs` do the same inline: they are the hot path).
 */
function members(
  w: Walker,
  node: Record<string, unknown>,
  redact: (key: string, value: unknown) => unknown,
): Record<string, unknown> {
  const keys = Object.keys(node);
  let out: Record<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = node[key];
    // The key first, as the copy always did: an alias is numbered when first met.
    const outKey = w.member(key).key;
    const redacted = redact(key, value);
    if (out === null) {
      if (redacted === value && outKey === key) continue;
      out = copyUpTo(node, keys, i);
    }
    out[outKey] = redacted;
  }
  return out ?? asIs(node, keys);
}

/** Raw header lines (`headersText`, a request as printed): each `Name: value` judged like a header. */
function headerLines(w: Walker, text: string): string {
  return text.replace(
    /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)([ \t]*:[ \t]*)(.*?)(\r?)$/gm,
    (_l, name: string, sep: string, value: string, cr: string) =>
      `${name}${sep}${outsideValue(w, 'header', name, value) as string}${cr}`,
  );
}

/**
 * Our own structure: names judged only for credentials; known containers of outside data by their key.
 * `kind` is what the value's name says (UNNAMED for none).
 */
export function own(w: Walker, node: unknown, kind: MemberKind): unknown {
  if (typeof node === 'string') {
    if (kind.headers) return redactText(w.ctx, headerLines(w, node));
    // A named credential goes whole, then through the text rules too (a cookie's attributes may hold more).
    return redactText(w.ctx, kind.rule ? credentialValue(w.ctx, kind.rule, node) : node);
  }
  if (typeof node === 'number') {
    return kind.rule ? credentialValue(w.ctx, kind.rule, String(node)) : number(w, node);
  }
  if (Array.isArray(node)) {
    if (kind.headers) return pairs(w, node, 'header');
    if (kind.params) return pairs(w, node, 'param');
    if (kind.cookies) return pairs(w, node, 'cookie');
    return mapItems(node, (item) => own(w, item, kind));
  }
  if (!isRecord(node)) return node;
  if (Buffer.isBuffer(node)) throw new TypeError('binary data cannot be redacted as JSON');
  if (kind.headers) return headerObject(w, node);
  // HAR and DevTools name/value pairs outside a known container: the pair's `name` says what its `value` is.
  const pairName = typeof node.name === 'string' && typeof node.value === 'string' ? node.name : null;
  // HAR postData and response content: a body, with its media type beside it.
  const isBody = typeof node.text === 'string' && 'mimeType' in node;
  // Object.keys, not entries: a HAR has millions of members, and entries makes an array for each.
  const keys = Object.keys(node);
  let out: Record<string, unknown> | null = null;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const value = node[key];
    const member = w.member(key);
    let redacted: unknown;
    if (key === 'value' && pairName !== null) {
      const rule = ruleForFieldName(pairName);
      redacted = redactText(w.ctx, rule ? credentialValue(w.ctx, rule, value as string) : (value as string));
    } else if (key === 'text' && isBody) redacted = body(w, value as string, node.mimeType);
    else redacted = own(w, value, member.kind);
    if (out === null) {
      if (redacted === value && member.key === key) continue;
      out = copyUpTo(node, keys, i);
    }
    out[member.key] = redacted;
  }
  return out ?? asIs(node, keys);
}
