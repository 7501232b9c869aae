import iconv from 'iconv-lite';

/**
 * Bytes of a file a shop owner picked → text, or the reason it is not the UTF-8 text we expect.
 *
 * Decisions:
 * - UTF-8 with a BOM (Notepad's "UTF-8 with BOM"): accepted, with a warning.
 * - UTF-16 LE/BE (Notepad's "Unicode" / "Unicode big endian"), with or without a BOM: decoded and
 *   accepted, with a warning. The encoding is unambiguous for JSON (it starts with ASCII), the content
 *   is intact, and refusing would send the owner into Save As dialogs for nothing.
 * - GBK / "ANSI" and anything else that is not UTF-8: refused. Guessing would silently change the
 *   store name, and the platform speaks UTF-8 only; the message says how to re-save.
 * - Binary (archives, images, NUL bytes): refused, naming the format when it has a signature.
 */

export type BinaryFormat =
  | 'zip'
  | 'png'
  | 'jpeg'
  | 'gif'
  | 'pdf'
  | 'gzip'
  | 'rar'
  | '7z'
  | 'office-legacy'
  | 'executable'
  | 'der'
  | 'unknown';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export type DecodeProblem =
  | { kind: 'empty' }
  | { kind: 'binary'; format: BinaryFormat }
  | { kind: 'utf32' }
  | { kind: 'utf16-invalid'; encoding: 'utf-16le' | 'utf-16be' }
  /** `sample`: the non-ASCII text around the first bad byte, decoded as GBK (never ASCII: never key material). */
  | { kind: 'gbk'; line: number; column: number; sample: string }
  | { kind: 'not-utf8'; line: number; column: number };

export type DecodeResult =
  { ok: true; text: string; encoding: TextEncoding } | { ok: false; problem: DecodeProblem };

const SIGNATURES: Array<{ format: BinaryFormat; bytes: number[] }> = [
  { format: 'zip', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { format: 'zip', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { format: 'zip', bytes: [0x50, 0x4b, 0x07, 0x08] },
  { format: 'png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { format: 'jpeg', bytes: [0xff, 0xd8, 0xff] },
  { format: 'gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { format: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { format: 'gzip', bytes: [0x1f, 0x8b] },
  { format: 'rar', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { format: '7z', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { format: 'office-legacy', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { format: 'executable', bytes: [0x4d, 0x5a] },
  { format: 'executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  // A DER-encoded key or certificate: an ASN.1 SEQUENCE with a long-form length.
  { format: 'der', bytes: [0x30, 0x82] },
];

export function decodeConfigText(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, problem: { kind: 'empty' } };

  const signature = SIGNATURES.find((s) => s.bytes.every((b, i) => bytes[i] === b));
  if (signature) return { ok: false, problem: { kind: 'binary', format: signature.format } };

  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { ok: false, problem: { kind: 'utf32' } };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), 'utf-16be');
  const bomless = guessBomlessUtf16(bytes);
  if (bomless) return decodeUtf16(bytes, bomless);

  const hasBom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = hasBom ? bytes.subarray(3) : bytes;
  if (body.length === 0) return { ok: false, problem: { kind: 'empty' } };
  if (looksBinary(body)) return { ok: false, problem: { kind: 'binary', format: 'unknown' } };

  const bad = firstInvalidUtf8(body);
  if (bad >= 0) return { ok: false, problem: describeNonUtf8(body, bad) };
  return { ok: true, text: new TextDecoder('utf-8').decode(body), encoding: hasBom ? 'utf-8-bom' : 'utf-8' };
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/**
 * JSON is mostly ASCII, so UTF-16 without a BOM shows as every other byte being zero. Requiring most
 * pairs to have a zero on one side and almost none on the other keeps Chinese-only text and random
 * bytes out.
 */
function guessBomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const sample = bytes.subarray(0, Math.min(bytes.length, 1024) & ~1);
  const pairs = sample.length / 2;
  if (pairs < 1) return null;
  let zeroLow = 0;
  let zeroHigh = 0;
  for (let i = 0; i < sample.length; i += 2) {
    if (sample[i] === 0) zeroLow++;
    if (sample[i + 1] === 0) zeroHigh++;
  }
  if (zeroHigh >= pairs * 0.5 && zeroLow <= pairs * 0.05) return 'utf-16le';
  if (zeroLow >= pairs * 0.5 && zeroHigh <= pairs * 0.05) return 'utf-16be';
  return null;
}

function decodeUtf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  if (body.length % 2 !== 0) return { ok: false, problem: { kind: 'utf16-invalid', encoding } };
  if (body.length === 0) return { ok: false, problem: { kind: 'empty' } };
  let le = body;
  if (encoding === 'utf-16be') {
    le = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) {
      le[i] = body[i + 1] ?? 0;
      le[i + 1] = body[i] ?? 0;
    }
  }
  let text: string;
  try {
    // fatal: a lone surrogate means the file is damaged, not text to guess at.
    text = new TextDecoder('utf-16le', { fatal: true }).decode(le);
  } catch {
    return { ok: false, problem: { kind: 'utf16-invalid', encoding } };
  }
  if (text.includes('\u0000')) return { ok: false, problem: { kind: 'binary', format: 'unknown' } };
  return { ok: true, text, encoding };
}

/** NUL bytes, or many control characters, are never in a text file a person saved. */
function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) controls++;
  }
  return controls > 0 && controls >= sample.length * 0.05;
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

function describeNonUtf8(bytes: Uint8Array, bad: number): DecodeProblem {
  let lineStart = bad;
  while (lineStart > 0 && bytes[lineStart - 1] !== 0x0a && bytes[lineStart - 1] !== 0x0d) lineStart--;
  let line = 1;
  for (let i = 0; i < lineStart; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) line++;
  }
  // GBK is the usual suspect on a Chinese Windows machine: if the whole file decodes as GBK, say so.
  const asGbk = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gbk');
  if (!asGbk.includes('\ufffd')) {
    const column = Array.from(iconv.decode(Buffer.from(bytes.subarray(lineStart, bad)), 'gbk')).length + 1;
    return { kind: 'gbk', line, column, sample: gbkSample(bytes, bad) };
  }
  const column = Array.from(new TextDecoder('utf-8').decode(bytes.subarray(lineStart, bad))).length + 1;
  return { kind: 'not-utf8', line, column };
}

/** The run of non-ASCII bytes around the bad one, as GBK text: the words the owner will recognize. */
function gbkSample(bytes: Uint8Array, bad: number): string {
  let from = bad;
  while (from > 0 && (bytes[from - 1] ?? 0) >= 0x80 && bad - from < 40) from--;
  let to = bad;
  while (to < bytes.length && (bytes[to] ?? 0) >= 0x80 && to - bad < 40) to++;
  // The run starts after an ASCII byte, so it starts on a GBK character boundary (unless capped).
  const text = iconv
    .decode(Buffer.from(bytes.subarray(from, to)), 'gbk')
    .replace(/[\ufffd\x20-\x7f\t\r\n]/g, '');
  const chars = Array.from(text);
  return chars.length > 16 ? `${chars.slice(0, 16).join('')}…` : chars.join('');
}
