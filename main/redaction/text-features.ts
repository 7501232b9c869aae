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
const QUAD = new Uint8Array(26 ** 4 / 8 + 1);
const TRI = new Uint8Array(26 ** 3 / 8 + 1);
const letterIndex = (word: string) => [...word].reduce((n, c) => n * 26 + c.charCodeAt(0) - 97, 0);
const set = (table: Uint8Array, n: number) => (table[n >> 3]! |= 1 << (n & 7));
for (const w of WORDS4.split(' ')) set(QUAD, letterIndex(w));
// A three-letter word inside four letters or more is found by its four-letter groups (keyb, nkey): one
// lookup per letter. A word of exactly three letters is looked up when it ends.
for (const w of WORDS3.split(' ')) {
  set(TRI, letterIndex(w));
  for (let l = 0; l < 26; l++) {
    set(QUAD, letterIndex(w) * 26 + l);
    set(QUAD, l * 17576 + letterIndex(w));
  }
}

/** Whether the last three letters in `gram` are one of WORDS3. */
const threeLetterWord = (gram: number) => {
  const tri = gram % 17576;
  return (TRI[tri >> 3]! & (1 << (tri & 7))) !== 0;
};

/** Classes of ASCII characters, as bits. */
const DIGIT = 1;
const LETTER = 2;
/** Base64, base64url and hex: [A-Za-z0-9+/_-]. */
const B64 = 4;
/** What a hunted token is made of: [A-Za-z0-9_~.+/-] (literal-matcher.ts). */
const TOKEN = 8;
const CLASS = new Uint8Array(128);
const mark = (chars: string, bit: number) => {
  for (const c of chars) CLASS[c.charCodeAt(0)]! |= bit;
};
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
mark('0123456789', DIGIT | B64 | TOKEN);
mark(LETTERS, LETTER | B64 | TOKEN);
mark('+/_-', B64 | TOKEN);
mark('~.', TOKEN);

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

export function textFeatures(text: string): number {
  let f = 0;
  let digits = 0;
  let d1 = -1; // the digit before this one in the run
  let d2 = -1; // and the one before that
  let b64 = 0;
  let token = 0;
  let dashes = 0;
  let letters = 0;
  let equals = 0;
  // Digits in the current chain of digits with single separators between them: ` .-` for phones, ` -` for
  // cards. `sep` is the separator just read after a digit (0: none).
  let phoneChain = 0;
  let cardChain = 0;
  let sep = 0;
  // The last four letters, as a number in base 26.
  let gram = 0;
  tokenRuns.count = 0;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    let d = -1;
    if (c < 128) {
      const k = CLASS[c]!;
      // Letters first, and on their own: they are most of a text, and a letter only extends runs.
      if ((k & LETTER) !== 0) {
        token++;
        if (++b64 === 40) f |= F_RUN_40;
        dashes = 0;
        gram = ((gram % 17576) * 26 + (c | 32) - 97) | 0;
        if (++letters >= 4 && (QUAD[gram >> 3]! & (1 << (gram & 7))) !== 0) f |= F_WORD;
        if (digits !== 0) {
          digits = 0;
          d1 = d2 = -1;
        }
        if (phoneChain !== 0) phoneChain = cardChain = sep = 0;
        continue;
      }
      if (letters !== 0) {
        if (letters === 3 && threeLetterWord(gram)) f |= F_WORD;
        letters = 0;
      }
      if ((k & DIGIT) !== 0) {
        token++;
        if (++b64 === 40) f |= F_RUN_40;
        dashes = 0;
        d = c - 48;
      } else {
        if ((k & TOKEN) !== 0) token++;
        else {
          if (token >= MIN_TOKEN_RUN) noteRun(i - token, i);
          token = 0;
        }
        if ((k & B64) !== 0) {
          if (++b64 === 40) f |= F_RUN_40;
        } else b64 = 0;
        if (c === 45 /* - */) {
          if (++dashes === 5) f |= F_DASHES;
        } else dashes = 0;
        if (c === 64) f |= F_AT;
        else if (c === 37) f |= F_PERCENT;
        else if (c === 61) equals++;
        else if (c === 63 || c === 35) f |= F_QUERY;
        else if (c === 32 && i > 0 && text.charCodeAt(i - 1) === 59) f |= F_SEMI_SPACE;
      }
    } else {
      if (token >= MIN_TOKEN_RUN) noteRun(i - token, i);
      token = 0;
      b64 = 0;
      dashes = 0;
      if (letters !== 0) {
        if (letters === 3 && threeLetterWord(gram)) f |= F_WORD;
        letters = 0;
      }
      if (c >= 0xff10 && c <= 0xff19) d = c - 0xff10;
      else if (c === 0xff20) f |= F_WIDE_AT;
    }
    // Digits, ASCII or full-width.
    if (d >= 0) {
      digits++;
      if (digits >= 3 && d2 === 1 && d1 >= 3) f |= F_MOBILE;
      d2 = d1;
      d1 = d;
      if (digits === 4) f |= F_DIGITS_4;
      else if (digits === 6) f |= F_DIGITS_6;
      else if (digits === 15) f |= F_DIGITS_15;
      if (++phoneChain === 11) f |= F_PHONE_DIGITS;
      if (++cardChain === 13) f |= F_CARD_DIGITS;
      sep = 0;
    } else {
      if (digits !== 0) {
        digits = 0;
        d1 = d2 = -1;
      }
      if (phoneChain !== 0) {
        // One separator may stand between two digits of a chain; a second one, or anything else, ends it.
        if (sep === 0 && (c === 32 || c === 46 || c === 45)) {
          sep = c;
          if (c === 46) cardChain = 0;
        } else {
          phoneChain = cardChain = sep = 0;
        }
      }
    }
  }
  if (token >= MIN_TOKEN_RUN) noteRun(length - token, length);
  if (equals >= 2) f |= F_TWO_EQUALS;
  if (letters === 3 && threeLetterWord(gram)) f |= F_WORD;
  tokenRuns.text = text;
  return f;
}
