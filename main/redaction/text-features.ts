/**
 * What a text holds that some rule looks for, read in one pass over its characters: each text rule asks
 * these bits before it runs its regex. A bit is a necessary condition of the rule's own test (never a
 * sufficient one), so a rule is skipped only where it could not have found anything: a HAR is half a
 * million short strings, and sixteen regex scans of each cost more than all the rest of redaction.
 *
 * The same pass notes where the runs of token characters are, for the hunt of known values
 * (literal-matcher.ts), which would otherwise read the text once more.
 */
export const F_AT = 1; // '@'
export const F_WIDE_AT = 2; // '＠'
export const F_PERCENT = 4; // '%'
export const F_QUERY = 8; // '?' or '#'
export const F_SEMI_SPACE = 16; // '; '
export const F_DASHES = 32; // '-----'
export const F_DIGITS_4 = 64; // four digits in a row (ASCII or full-width)
export const F_DIGITS_6 = 128; // six
export const F_MOBILE = 256; // 1, then 3–9, then a digit (ASCII or full-width)
export const F_RUN_40 = 512; // forty base64/hex characters in a row
export const F_WORD = 1024; // a sensitive word or a home folder's name may be there (see WORDS)
export const F_TWO_EQUALS = 2048; // '=' twice or more (two `name=value` pairs)
export const F_DIGITS_15 = 4096; // fifteen digits in a row (a resident ID has 15 or 18)
/** Eleven digits, each pair apart by at most one space, dot or dash (a mobile: 138 1234 5678, 138.1234.5678). */
export const F_PHONE_DIGITS = 8192;
/** Thirteen digits, each pair apart by at most one space or dash (a card: 6222 0212 3456 7890 123). */
export const F_CARD_DIGITS = 16384;

/**
 * Words the text rules look for (case-insensitive, ASCII letters only, as the rules' own regexes fold
 * case): a text without any of these letter groups cannot match them. Four letters where a word has as
 * many, so "price" does not pass for "private"; three for the short ones.
 */
const WORDS4 = 'auth bear basi dige toke cook secr pass sess sign cred tick priv user home docu';
const WORDS3 = 'pwd sid key eyj';
/**
 * Letters as five bits each (`c & 31`: A and a are 1, Z and z 26), the last four of a run in twenty bits:
 * a mask instead of a remainder per letter. QUAD holds the four-letter groups, TRI the three-letter words.
 */
const QUAD = new Uint8Array((1 << 20) / 8);
const TRI = new Uint8Array((1 << 15) / 8);
const letterCode = (word: string) => [...word].reduce((n, c) => (n << 5) | (c.charCodeAt(0) & 31), 0);
const set = (table: Uint8Array, n: number) => (table[n >> 3]! |= 1 << (n & 7));
const has = (table: Uint8Array, n: number) => (table[n >> 3]! & (1 << (n & 7))) !== 0;
for (const w of WORDS4.split(' ')) set(QUAD, letterCode(w));
// A three-letter word inside four letters or more is found by its four-letter groups (keyb, nkey): one
// lookup per letter. A run of exactly three letters is looked up when it ends.
for (const w of WORDS3.split(' ')) {
  set(TRI, letterCode(w));
  for (let l = 1; l <= 26; l++) {
    set(QUAD, (letterCode(w) << 5) | l);
    set(QUAD, (l << 15) | letterCode(w));
  }
}

/** Classes of ASCII characters, as bits. */
const DIGIT = 1;
const LETTER = 2;
/** Base64, base64url and hex: [A-Za-z0-9+/_-]. */
const B64 = 4;
/** What a hunted token is made of: [A-Za-z0-9_~.+/-] (literal-matcher.ts). */
const TOKEN = 8;
/** Characters some feature looks at one by one (`@ % = ? # ;`, and space `-` `.` between digits). */
const SPECIAL = 16;
const CLASS = new Uint8Array(128);
const mark = (chars: string, bit: number) => {
  for (const c of chars) CLASS[c.charCodeAt(0)]! |= bit;
};
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
mark('0123456789', DIGIT | B64 | TOKEN);
mark(LETTERS, LETTER | B64 | TOKEN);
mark('+/_-', B64 | TOKEN);
mark('~.', TOKEN);
mark('@%=?#; -.', SPECIAL);

/** The shortest run of token characters worth noting: the hunted values' shortest length. */
export const MIN_TOKEN_RUN = 6;

/**
 * Where the runs of token characters of MIN_TOKEN_RUN or more are in `text`, as [start, end) pairs, for the
 * text most recently read by textFeatures. Reused from call to call: valid only while `text` is that text.
 */
export const tokenRuns = { text: null as string | null, count: 0, bounds: new Int32Array(512) };

function noteRun(start: number, end: number): void {
  const at = tokenRuns.count * 2;
  if (at + 2 > tokenRuns.bounds.length) {
    const grown = new Int32Array(tokenRuns.bounds.length * 2);
    grown.set(tokenRuns.bounds);
    tokenRuns.bounds = grown;
  }
  tokenRuns.bounds[at] = start;
  tokenRuns.bounds[at + 1] = end;
  tokenRuns.count++;
}

/**
 * The text's UTF-16 code units, copied into an array kept from call to call (valid until the next call).
 * They are read from there, not with charCodeAt: V8 inlines charCodeAt only while its call site has seen at
 * most four kinds of string (one or two bytes a character, flat or concatenated, internalized or not), and a
 * bundle's texts come in five kinds or more. Past that every character costs a call: the whole preview of
 * the 50 MB HAR took 9 % longer. Buffer.write copies a string of either width in one native loop.
 */
let units = new Uint16Array(4096);
let unitBytes = Buffer.from(units.buffer);
/** Longer texts get an array of their own, not kept (a log of many megabytes would otherwise stay in memory). */
const MAX_KEPT_UNITS = 1 << 20;
/** `utf16le` is the order a Uint16Array reads on every platform Electron runs on; swapped where it is not. */
const BIG_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 0;

function codeUnits(text: string): Uint16Array {
  let array = units;
  let bytes = unitBytes;
  if (text.length > array.length) {
    let length = array.length;
    while (length < text.length) length *= 2;
    array = new Uint16Array(length);
    bytes = Buffer.from(array.buffer);
    if (length <= MAX_KEPT_UNITS) {
      units = array;
      unitBytes = bytes;
    }
  }
  const written = bytes.write(text, 0, 'utf16le');
  if (BIG_ENDIAN) bytes.subarray(0, written).swap16();
  return array;
}

const isLetter = (c: number) => ((c | 32) - 97) >>> 0 < 26;
const isDigit = (c: number) => (c - 48) >>> 0 < 10;

/**
 * Runs of ASCII letters and of ASCII digits (three quarters of a HAR's characters) are read in loops of
 * their own that do only what each letter or digit needs (the word test; the mobile test), and the run's
 * length is added to the counts once it ends; every other character is read one by one.
 */
export function textFeatures(text: string): number {
  const units = codeUnits(text);
  let f = 0;
  let digits = 0;
  let d1 = -1;
  let d2 = -1;
  let b64 = 0;
  let token = 0;
  let dashes = 0;
  let equals = 0;
  let phoneChain = 0;
  let cardChain = 0;
  let sep = 0;
  tokenRuns.count = 0;
  const length = text.length;
  let i = 0;
  while (i < length) {
    let c = units[i]!;
    if (isLetter(c)) {
      // A run of letters: only the word test reads each one, and only until a word was found.
      const start = i;
      if ((f & F_WORD) === 0) {
        let gram = 0;
        do {
          gram = ((gram << 5) | (c & 31)) & 0xfffff;
          if (i - start >= 3 && has(QUAD, gram)) f |= F_WORD;
          if (++i === length) break;
          c = units[i]!;
        } while (isLetter(c));
        if (i - start === 3 && has(TRI, gram & 0x7fff)) f |= F_WORD;
      } else {
        do {
          if (++i === length) break;
          c = units[i]!;
        } while (isLetter(c));
      }
      const run = i - start;
      token += run;
      b64 += run;
      if (b64 >= 40) f |= F_RUN_40;
      dashes = 0;
      digits = 0;
      d1 = d2 = -1;
      phoneChain = cardChain = sep = 0;
      continue;
    }
    if (isDigit(c)) {
      // A run of ASCII digits (it may go on a run of full-width ones: d1, d2 and the counts carry over).
      const start = i;
      do {
        const d = c - 48;
        digits++;
        if (digits >= 3 && d2 === 1 && d1 >= 3) f |= F_MOBILE;
        d2 = d1;
        d1 = d;
        if (++i === length) break;
        c = units[i]!;
      } while (isDigit(c));
      const run = i - start;
      token += run;
      b64 += run;
      if (b64 >= 40) f |= F_RUN_40;
      dashes = 0;
      if (digits >= 4) {
        f |= F_DIGITS_4;
        if (digits >= 6) {
          f |= F_DIGITS_6;
          if (digits >= 15) f |= F_DIGITS_15;
        }
      }
      phoneChain += run;
      cardChain += run;
      if (phoneChain >= 11) f |= F_PHONE_DIGITS;
      if (cardChain >= 13) f |= F_CARD_DIGITS;
      sep = 0;
      continue;
    }
    // Any other character, one by one: most of them (`/`, `:`, `&`, quotes, CJK) only end the runs.
    const at = i++;
    if (c < 128) {
      const k = CLASS[c]!;
      if ((k & TOKEN) !== 0) token++;
      else {
        if (token >= MIN_TOKEN_RUN) noteRun(at - token, at);
        token = 0;
      }
      if ((k & B64) !== 0) {
        if (++b64 === 40) f |= F_RUN_40;
      } else b64 = 0;
      digits = 0;
      d1 = d2 = -1;
      if ((k & SPECIAL) === 0) {
        dashes = 0;
        phoneChain = cardChain = sep = 0;
        continue;
      }
      if (c === 45 /* - */) {
        if (++dashes === 5) f |= F_DASHES;
      } else dashes = 0;
      if (c === 64) f |= F_AT;
      else if (c === 37) f |= F_PERCENT;
      else if (c === 61) equals++;
      else if (c === 63 || c === 35) f |= F_QUERY;
      else if (c === 32 && at > 0 && units[at - 1] === 59) f |= F_SEMI_SPACE;
      // A space, dot or dash may stand between the digits of a phone or a card, one at a time.
      if (phoneChain !== 0) {
        if (sep === 0 && (c === 32 || c === 46 || c === 45)) {
          sep = c;
          if (c === 46) cardChain = 0;
        } else {
          phoneChain = cardChain = sep = 0;
        }
      }
      continue;
    }
    if (token >= MIN_TOKEN_RUN) noteRun(at - token, at);
    token = 0;
    b64 = 0;
    dashes = 0;
    if (c >= 0xff10 && c <= 0xff19) {
      // A full-width digit counts as a digit.
      const d = c - 0xff10;
      digits++;
      if (digits >= 3 && d2 === 1 && d1 >= 3) f |= F_MOBILE;
      d2 = d1;
      d1 = d;
      if (digits >= 4) f |= F_DIGITS_4;
      if (digits >= 6) f |= F_DIGITS_6;
      if (digits >= 15) f |= F_DIGITS_15;
      if (++phoneChain >= 11) f |= F_PHONE_DIGITS;
      if (++cardChain >= 13) f |= F_CARD_DIGITS;
      sep = 0;
      continue;
    }
    if (c === 0xff20) f |= F_WIDE_AT;
    digits = 0;
    d1 = d2 = -1;
    phoneChain = cardChain = sep = 0;
  }
  if (token >= MIN_TOKEN_RUN) noteRun(length - token, length);
  if (equals >= 2) f |= F_TWO_EQUALS;
  tokenRuns.text = text;
  return f;
}
