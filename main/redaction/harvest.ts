import { judgeName } from './field-rules';
import type { RedactionRule } from './rules';

/**
 * Reads a HAR for the secrets of the run without redacting it: every cookie value set or sent, every
 * header, query or form value under a sensitive-looking name. A HAR is the biggest member by far, so this
 * pass touches only the entries' name/value pairs and URLs, never the bodies.
 */
export interface Hunter {
  hunt(value: string, rule: RedactionRule): void;
  /** Room for about this many values, made before the first is hunted. */
  reserve?(count: number): void;
}

/**
 * Values a HAR entry usually yields, to make room for them at once: a cookie or two sent and set, a token in
 * the URL; the redaction pass then adds the other values of the URLs (aliased and hunted too).
 */
const VALUES_PER_ENTRY = 8;

const isRecord = (node: unknown): node is Record<string, unknown> =>
  node !== null && typeof node === 'object' && !Array.isArray(node);

const COOKIE_PAIR = /(?:^|;)\s*[^=;\s][^=;]*=([^;\r\n]*)/g;
const SET_COOKIE_VALUE = /^\s*[^=;\s][^=;]*=([^;\r\n]*)/gm;
const URL_PARAM = /[?&#;]([A-Za-z0-9_.[\]-]{1,64})=([^&#\s"'<>;]*)/g;
// These module-level patterns are read with exec from lastIndex 0, which finds what matchAll finds in the
// same order: matchAll clones its regex for every string, and this pass reads three strings per HAR entry.
// None of them can match empty, so each loop moves on; nothing called inside a loop uses its pattern.

function huntHeader(hunter: Hunter, name: string, value: string): void {
  const verdict = judgeName(name, 'header');
  if (verdict.kind !== 'credential') return;
  if (verdict.rule === 'cookie') {
    COOKIE_PAIR.lastIndex = 0;
    for (let m = COOKIE_PAIR.exec(value); m; m = COOKIE_PAIR.exec(value)) hunter.hunt(m[1]!.trim(), 'cookie');
  } else if (verdict.rule === 'set-cookie') {
    SET_COOKIE_VALUE.lastIndex = 0;
    for (let m = SET_COOKIE_VALUE.exec(value); m; m = SET_COOKIE_VALUE.exec(value))
      hunter.hunt(m[1]!.trim(), 'set-cookie');
  } else if (verdict.rule === 'authorization') {
    hunter.hunt(value.replace(/^\s*[A-Za-z][A-Za-z0-9-]*\s+/, '').trim(), 'authorization');
  } else hunter.hunt(value.trim(), verdict.rule);
}

function huntUrl(hunter: Hunter, url: unknown): void {
  if (typeof url !== 'string' || (!url.includes('?') && !url.includes('#'))) return;
  URL_PARAM.lastIndex = 0;
  for (let m = URL_PARAM.exec(url); m; m = URL_PARAM.exec(url)) {
    const verdict = judgeName(m[1]!, 'param');
    if (verdict.kind === 'credential') hunter.hunt(m[2]!, verdict.rule);
  }
}

function huntPairs(hunter: Hunter, list: unknown, kind: 'header' | 'param' | 'cookie'): void {
  if (!Array.isArray(list)) return;
  for (const pair of list) {
    if (!isRecord(pair) || typeof pair.name !== 'string' || typeof pair.value !== 'string') continue;
    if (kind === 'cookie') hunter.hunt(pair.value, 'cookie');
    else if (kind === 'header') huntHeader(hunter, pair.name, pair.value);
    else {
      const verdict = judgeName(pair.name, 'param');
      if (verdict.kind === 'credential') hunter.hunt(pair.value, verdict.rule);
    }
  }
}

export function huntHar(hunter: Hunter, har: { log: { entries: readonly unknown[] } }): void {
  hunter.reserve?.(har.log.entries.length * VALUES_PER_ENTRY);
  for (const entry of har.log.entries) {
    if (!isRecord(entry)) continue;
    const { request, response } = entry;
    if (isRecord(request)) {
      huntUrl(hunter, request.url);
      huntPairs(hunter, request.headers, 'header');
      huntPairs(hunter, request.cookies, 'cookie');
      huntPairs(hunter, request.queryString, 'param');
      if (isRecord(request.postData)) huntPairs(hunter, request.postData.params, 'param');
    }
    if (isRecord(response)) {
      huntUrl(hunter, response.redirectURL);
      huntPairs(hunter, response.headers, 'header');
      huntPairs(hunter, response.cookies, 'cookie');
    }
  }
}
