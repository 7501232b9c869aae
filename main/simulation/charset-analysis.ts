import type { CharsetFinding, MojibakeSignal } from '../../shared/simulation/simulation-result';
import { sanitizeText } from '../probe';

/**
 * GARBLED_PAGE detection from the bytes the server sent and the text the buyer saw, never from a marker
 * in the page. The classic Chinese case is a page saved as GBK and served as UTF-8: the bytes are then
 * not valid UTF-8 but are valid GB18030 text. The reverse (UTF-8 bytes labelled GBK or Latin-1), U+FFFD in
 * the rendered text, and damage already baked into the text (锟斤拷, 烫烫烫, æ–‡) are caught too.
 */

/** Enough of any real page to judge; a cashier is a few KB. */
export const MAX_ANALYZED_BYTES = 1024 * 1024;
const SAMPLE_CHARS = 240;
/** Where browsers look for <meta charset> (the HTML spec's prescan window). */
const META_PRESCAN_BYTES = 1024;

const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const GB_LABELS = new Set([
  'gbk',
  'gb2312',
  'gb18030',
  'x-gbk',
  'gb_2312-80',
  'chinese',
  'csgb2312',
  'iso-ir-58',
]);

/** 锟斤拷: U+FFFD's UTF-8 bytes read as GBK; 烫/屯: MSVC's uninitialized-memory fill bytes read as GBK. */
const MANGLED = /锟斤拷|烫烫烫|屯屯屯/;
// UTF-8 Chinese read as Windows-1252: a lead byte E3–E9 (ã…é) then two continuation bytes shown as
// Latin-1 symbols or the C1/cp1252 punctuation; two such characters in a row is not a coincidence.
const CP1252_CONTINUATION =
  '[\\u0080-\\u00BF\\u20AC\\u201A\\u0192\\u201E\\u2026\\u2020\\u2021\\u02C6\\u2030\\u0160\\u2039\\u0152\\u017D\\u2018\\u2019\\u201C\\u201D\\u2022\\u2013\\u2014\\u02DC\\u2122\\u0161\\u203A\\u0153\\u017E\\u0178]';
const LATIN1_MOJIBAKE = new RegExp(`(?:[\\u00E3-\\u00E9]${CP1252_CONTINUATION}{2}){2,}`);

export interface DeclaredCharset {
  charset: string | null;
  by: 'header' | 'meta' | 'bom' | null;
}

export function normalizeCharset(label: string): string {
  const lower = label
    .trim()
    .replace(/^["']|["']$/g, '')
    .toLowerCase();
  return UTF8_LABELS.has(lower) ? 'utf-8' : lower;
}

/** The charset in force as a browser decides it: a BOM, then the Content-Type header, then <meta>. */
export function declaredCharset(contentType: string | null, bytes: Uint8Array): DeclaredCharset {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', by: 'bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', by: 'bom' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', by: 'bom' };
  const header = contentType?.match(/charset\s*=\s*"?([^";\s]+)/i)?.[1];
  if (header) return { charset: normalizeCharset(header), by: 'header' };
  const head = Buffer.from(bytes.subarray(0, META_PRESCAN_BYTES)).toString('latin1');
  const meta =
    head.match(/<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i)?.[1] ??
    head.match(/<meta[^>]+content\s*=\s*["'][^"']*charset\s*=\s*([A-Za-z0-9._:-]+)/i)?.[1];
  if (meta) return { charset: normalizeCharset(meta), by: 'meta' };
  return { charset: null, by: null };
}

function decode(label: string, bytes: Uint8Array, fatal: boolean): string | null {
  try {
    return new TextDecoder(label, { fatal }).decode(bytes);
  } catch {
    return null;
  }
}

const isUtf8 = (bytes: Uint8Array): boolean => decode('utf-8', bytes, true) !== null;
const nonAsciiBytes = (bytes: Uint8Array): number => bytes.reduce((n, b) => (b >= 0x80 ? n + 1 : n), 0);

/** Text that reads as Chinese: mostly CJK ideographs and CJK or full-width punctuation. */
function readsAsChinese(textValue: string): boolean {
  let nonAscii = 0;
  let cjk = 0;
  for (const char of textValue) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) continue;
    nonAscii += 1;
    if (
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0x3000 && code <= 0x303f) ||
      (code >= 0xff00 && code <= 0xffef)
    )
      cjk += 1;
  }
  return nonAscii > 0 && cjk / nonAscii >= 0.8;
}

/** The visible words of an HTML text: scripts and styles dropped, tags removed, whitespace folded. */
export function textOfHtml(html: string): string {
  return html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** GBK, GB2312 and GB18030 decode Chinese the same way (GB18030 is the superset browsers use for all). */
const sameCharset = (a: string, b: string): boolean => a === b || (GB_LABELS.has(a) && GB_LABELS.has(b));

const sample = (value: string): string => sanitizeText(value.slice(0, SAMPLE_CHARS));

export interface CharsetInput {
  /** The document body exactly as received (before any charset decoding). */
  bytes: Uint8Array;
  contentType: string | null;
  /** The capture sanitizer: the samples are page text like any other (a page may echo its cookies). */
  sanitize?: (text: string) => string;
  /** What the buyer saw (innerText), if the page rendered. */
  renderedText: string | null;
}

export function analyzeCharset(input: CharsetInput): CharsetFinding {
  const bytes = input.bytes.subarray(0, MAX_ANALYZED_BYTES);
  const clean = input.sanitize ?? ((text: string) => text);
  const declared = declaredCharset(input.contentType, bytes);
  const signals = new Set<MojibakeSignal>();
  const label = declared.charset ?? 'utf-8';
  const asDeclared = decode(label, bytes, false) ?? decode('utf-8', bytes, false) ?? '';
  const multibyte = nonAsciiBytes(bytes);

  let detected: string | null;
  if (multibyte === 0) {
    detected = 'ascii';
  } else if (isUtf8(bytes)) {
    detected = 'utf-8';
    // Real GBK or Latin-1 text is practically never valid UTF-8 once it has a few non-ASCII bytes.
    if (
      declared.charset &&
      declared.charset !== 'utf-8' &&
      !declared.charset.startsWith('utf-16') &&
      multibyte >= 4
    )
      signals.add('utf8-declared-legacy');
  } else {
    const asGb = decode('gb18030', bytes, true);
    detected = asGb !== null && readsAsChinese(textOfHtml(asGb)) ? 'gb18030' : null;
    if (declared.charset === null || declared.charset === 'utf-8') {
      signals.add(detected === 'gb18030' ? 'gbk-declared-utf8' : 'invalid-utf8');
    } else if (GB_LABELS.has(declared.charset)) {
      // Declared GBK but not even GBK: something else is wrong with the bytes.
      if (detected === null) signals.add('invalid-utf8');
    } else if (detected === 'gb18030') {
      signals.add('gbk-declared-other');
    }
  }

  const seen = [textOfHtml(asDeclared), input.renderedText ?? ''];
  if (input.renderedText?.includes('\uFFFD')) signals.add('replacement-character');
  if (seen.some((value) => MANGLED.test(value))) signals.add('mangled-sequence');
  if (seen.some((value) => LATIN1_MOJIBAKE.test(value))) signals.add('latin1-mojibake');

  const detectedDiffers =
    detected !== null && detected !== 'ascii' && !sameCharset(detected, declared.charset ?? 'utf-8');
  const asDetected = detectedDiffers && detected ? decode(detected, bytes, false) : null;
  return {
    declared: declared.charset,
    declaredBy: declared.by,
    detected,
    mojibake: signals.size > 0,
    signals: [...signals],
    bytes: bytes.length,
    decodedSample: clean(sample(textOfHtml(asDeclared))),
    detectedSample: asDetected === null ? null : clean(sample(textOfHtml(asDetected))),
  };
}
