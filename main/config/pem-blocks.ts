import { LineIndex } from './source-position';

/**
 * Splits PEM text into its -----BEGIN/END----- blocks and notes anything around them, so a key with
 * "Bag Attributes" above it, two keys in one file, or a pasted key missing its END line each get their
 * own message instead of OpenSSL's "unsupported".
 */

export interface PemBlock {
  /** The label between BEGIN and the dashes, e.g. `PRIVATE KEY`, `RSA PRIVATE KEY`. */
  label: string;
  /** RFC 1421 headers (`Proc-Type: 4,ENCRYPTED`), present on old-style encrypted PKCS#1 keys. */
  headers: string[];
  /** Base64 body with all whitespace removed. */
  body: string;
  /** The body held something other than base64 and whitespace. */
  bodyHasJunk: boolean;
  beginLine: number;
}

export interface PemInspection {
  blocks: PemBlock[];
  /** Line of the first non-blank text outside every block, if any. */
  junkLine: number | null;
  junkPosition: 'before' | 'after' | 'between' | null;
  /** A BEGIN without its END (or an END label that differs from its BEGIN). */
  unterminated: boolean;
  /** `\n` written as two characters, from a key escaped twice on its way into JSON. */
  escapedNewlines: boolean;
}

const MARKER = /-----(BEGIN|END) ([A-Z0-9 ]{1,60})-----/g;

export function inspectPem(input: string): PemInspection {
  let text = input;
  let escapedNewlines = false;
  if (!/[\r\n]/.test(text) && /\\[nr]/.test(text) && text.includes('-----BEGIN')) {
    text = text.replace(/\\r\\n|\\n|\\r/g, '\n');
    escapedNewlines = true;
  }
  const lines = new LineIndex(text);
  const markers = [...text.matchAll(MARKER)].map((m) => ({
    kind: m[1] as 'BEGIN' | 'END',
    label: m[2] ?? '',
    start: m.index,
    end: m.index + m[0].length,
  }));

  const blocks: PemBlock[] = [];
  let junkLine: number | null = null;
  let junkPosition: PemInspection['junkPosition'] = null;
  let unterminated = false;
  const noteJunk = (from: number, to: number, position: 'before' | 'after' | 'between') => {
    if (junkLine !== null) return;
    const gap = text.slice(from, to);
    const firstVisible = gap.search(/\S/);
    if (firstVisible < 0) return;
    junkLine = lines.at(from + firstVisible).line;
    junkPosition = position;
  };

  let cursor = 0;
  let i = 0;
  while (i < markers.length) {
    const begin = markers[i];
    if (!begin) break;
    if (begin.kind !== 'BEGIN') {
      unterminated = true;
      i++;
      continue;
    }
    noteJunk(cursor, begin.start, blocks.length === 0 ? 'before' : 'between');
    const end = markers[i + 1];
    if (!end || end.kind !== 'END' || end.label !== begin.label) {
      unterminated = true;
      cursor = end ? end.start : text.length;
      i++;
      continue;
    }
    blocks.push(parseBody(text.slice(begin.end, end.start), begin.label, lines.at(begin.start).line));
    cursor = end.end;
    i += 2;
  }
  if (markers.length > 0 && !unterminated) noteJunk(cursor, text.length, 'after');

  return { blocks, junkLine, junkPosition, unterminated, escapedNewlines };
}

function parseBody(raw: string, label: string, beginLine: number): PemBlock {
  const headers: string[] = [];
  let body = '';
  let bodyHasJunk = false;
  let inHeaders = true;
  for (const rawLine of raw.split(/\r\n|\r|\n/)) {
    const line = rawLine.trim();
    if (line === '') {
      // The blank line that ends RFC 1421 headers; blanks before any content (the BEGIN line's end) do not.
      if (headers.length > 0 || body !== '') inHeaders = false;
      continue;
    }
    if (inHeaders && body === '' && /^[A-Za-z-]+:/.test(line)) {
      headers.push(line);
      continue;
    }
    inHeaders = false;
    const compact = line.replace(/[ \t]/g, '');
    if (!/^[A-Za-z0-9+/=]*$/.test(compact)) bodyHasJunk = true;
    body += compact;
  }
  return { label, headers, body, bodyHasJunk, beginLine };
}

/** Rebuilds a block the way OpenSSL wants it: 64-character lines, no stray spaces. */
export function canonicalPem(block: PemBlock): string {
  const lines = block.body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${block.label}-----\n${lines.join('\n')}\n-----END ${block.label}-----\n`;
}
