import { ALIAS_LABEL } from './rules';
import { textFeatures } from './text-features';
import type { TextRuleContext } from './text-context';

/**
 * A Cookie or Set-Cookie header once its values are aliases (`sid=REDACTED-COOKIE-7; cart=REDACTED-COOKIE-8`,
 * `sid=REDACTED-COOKIE-9; Path=/; HttpOnly`) still goes through the text rules: its names are the page's
 * own text. A HAR has one or two of them per request, and reading each with every rule's regex costs a
 * twelfth of the redaction. For the plainest of them the answer is known without the regexes; this says,
 * exactly, when.
 *
 * Such a text holds only: names of one to five characters [A-Za-z_][A-Za-z0-9_]* each followed by `=`, our
 * aliases (REDACTED-, a label of ALIAS_LABEL, -, at most nine digits: 33 characters at most), `; ` between
 * pairs, and Set-Cookie's `Path=/`, `HttpOnly`, `Secure`, `SameSite=Lax|Strict|None`. Then, rule by rule
 * (text-rules.ts):
 * - a private key needs `-----`, URL credentials and e-mails `@` (or `＠`, `%40`), URL parameters `?`, `#` or
 *   `%`, home folders `/home/`, `/Users/` or `C:`: none is there;
 * - the Authorization, Set-Cookie, Cookie and named-value rules need their word followed by optional quote
 *   and blanks and then `:` or `=` (or by blanks, for `Bearer`, `Basic`, `Token`, `Digest`): a word in an
 *   alias is followed by `-` or is last, a name is followed by `=` but has five characters at most (too
 *   short for `authorization`, `set-cookie`, `cookie`), and the only blank follows `;`. A named value found
 *   after a short name (`sid=`, `key=`, `token=`) is an alias, which that rule leaves as it is;
 * - a printed cookie list is found, but each of its values is an alias or a Set-Cookie attribute, which
 *   redactCookiePairs leaves as they are;
 * - a JWT needs `eyJ`, eight more characters and a `.`: there is no `.`;
 * - a base64 run needs 40 characters of [A-Za-z0-9+/_-] in a row: `=`, `;` and blanks part names (five at
 *   most) from aliases (33 at most);
 * - an ID card needs 15 digits, a card 13 and a mobile 11, in chains broken only by single blanks, dots or
 *   dashes: an alias's digits (nine at most) are ended by `;` or the end, a name's by `=`.
 * What is left are the values hunted in all text (one may be found inside a name or an alias's letters)
 * and the computer's user name as a word: both are looked for here, without replacing anything, and
 * when either is there the text goes through all the rules as before.
 */
const NAME = '[A-Za-z_][A-Za-z0-9_]{0,4}';
const LABELS = [...new Set(Object.values(ALIAS_LABEL))].join('|');
const ALIAS = `REDACTED-(?:${LABELS})-\\d{1,9}`;
const ATTRIBUTE = 'Path=/|HttpOnly|Secure|SameSite=(?:Lax|Strict|None)';
const PLAIN_COOKIES = new RegExp(`^${NAME}=${ALIAS}(?:; (?:${NAME}=${ALIAS}|${ATTRIBUTE}))*$`);

/** True when `text` is known to come out of the text rules as it is (see above); false when it may not. */
export function aliasedCookiesUnchanged(ctx: TextRuleContext, text: string): boolean {
  // The proof above is for the whole set of rules (with some skipped, the full reading is still exact).
  if (ctx.skip.size !== 0 || text.length > 512 || !PLAIN_COOKIES.test(text)) return false;
  // The hunt for known values, as the first rule runs it (on the runs of token characters textFeatures
  // notes), with a replacement that counts nothing: any value found sends the text through every rule.
  textFeatures(text);
  if (ctx.literals.replace(text, () => '') !== text) return false;
  if (ctx.osUser) {
    ctx.osUser.lastIndex = 0;
    const found = ctx.osUser.test(text);
    ctx.osUser.lastIndex = 0;
    if (found) return false;
  }
  return true;
}
