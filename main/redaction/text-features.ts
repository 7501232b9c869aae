/**
 * What a text holds that some rule looks for, read in one pass over its characters: each text rule asks
 * these bits before it runs its regex. A bit is a necessary condition of the rule's own test (never a
 * sufficient one), so a rule is skipped only where it could not have found anything: a HAR is half a
 * million short strings, and sixteen regex scans of each cost more than all the rest of redaction.
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
for (const w of WORDS4.split(' ')) QUAD[letterIndex(w) >> 3]! |= 1 << (letterIndex(w) & 7);
for (const w of WORDS3.split(' ')) TRI[letterIndex(w) >> 3]! |= 1 << (letterIndex(w) & 7);

/** Base64, base64url and hex characters: [A-Za-z0-9+/_-]. */
const B64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-')
  B64[c.charCodeAt(0)] = 1;

export function textFeatures(text: string): number {
  let f = 0;
  let digits = 0;
  let d1 = -1; // the digit before this one in the run
  let d2 = -1; // and the one before that
  let run = 0;
  let dashes = 0;
  let letters = 0;
  let l1 = 0;
  let l2 = 0;
  let l3 = 0;
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Digits, ASCII or full-width.
    const d = c >= 48 && c <= 57 ? c - 48 : c >= 0xff10 && c <= 0xff19 ? c - 0xff10 : -1;
    if (d >= 0) {
      digits++;
      if (digits >= 3 && d2 === 1 && d1 >= 3) f |= F_MOBILE;
      d2 = d1;
      d1 = d;
      if (digits === 4) f |= F_DIGITS_4;
      else if (digits === 6) f |= F_DIGITS_6;
    } else {
      digits = 0;
      d1 = d2 = -1;
    }
    if (c < 128) {
      if (B64[c] === 1) {
        if (++run === 40) f |= F_RUN_40;
      } else run = 0;
      if (c === 45 /* - */) {
        if (++dashes === 5) f |= F_DASHES;
      } else dashes = 0;
      const lower = c | 32;
      if (lower >= 97 && lower <= 122) {
        const l = lower - 97;
        letters++;
        if (letters >= 3) {
          const tri = (l2 * 26 + l1) * 26 + l;
          if ((TRI[tri >> 3]! & (1 << (tri & 7))) !== 0) f |= F_WORD;
          if (letters >= 4) {
            const quad = l3 * 17576 + tri;
            if ((QUAD[quad >> 3]! & (1 << (quad & 7))) !== 0) f |= F_WORD;
          }
        }
        l3 = l2;
        l2 = l1;
        l1 = l;
      } else {
        letters = 0;
        if (c === 64) f |= F_AT;
        else if (c === 37) f |= F_PERCENT;
        else if (c === 63 || c === 35) f |= F_QUERY;
        else if (c === 32 && previous === 59) f |= F_SEMI_SPACE;
      }
    } else {
      run = 0;
      dashes = 0;
      letters = 0;
      if (c === 0xff20) f |= F_WIDE_AT;
    }
    previous = c;
  }
  return f;
}
