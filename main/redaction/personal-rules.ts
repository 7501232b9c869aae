import { idCardDateValid, looksLikeCardNumber } from './detectors';
import { ALIAS_PREFIX } from './rules';
import { replaceWithAlias, type TextRuleContext } from './text-context';

/**
 * Personal data in free text: resident IDs, card numbers, mobile numbers, e-mail addresses, and the
 * computer's user name in home paths. Digits may be full-width (１３８…, as Chinese input methods type
 * them); values are normalized (ASCII digits, no separators) before they are aliased, so one phone written
 * three ways is one alias.
 */

/** ASCII or full-width digit. */
const D = '[0-9\\uFF10-\\uFF19]';
const NOT_DIGIT_OR_LETTER_BEFORE = '(?<![0-9\\uFF10-\\uFF19A-Za-z])';
const NOT_DIGIT_OR_LETTER_AFTER = '(?![0-9\\uFF10-\\uFF19A-Za-z])';

/** Full-width digits to ASCII, everything but digits (and an ID's X) dropped. */
export const normalizeDigits = (text: string, keepX = false): string =>
  text
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(keepX ? /[^\dXx]/g : /\D/g, '')
    .toUpperCase();

const ID_18 = `[1-9]${D}{5}(?:18|19|20|１８|１９|２０)${D}{2}${D}{4}${D}{3}[0-9\\uFF10-\\uFF19Xx\\uFF38\\uFF58]`;
const ID_15 = `[1-9]${D}{5}${D}{6}${D}{3}`;
const ID_CARD = new RegExp(
  `${NOT_DIGIT_OR_LETTER_BEFORE}(?:${ID_18}|${ID_15})${NOT_DIGIT_OR_LETTER_AFTER}`,
  'g',
);
const CARD = new RegExp(
  `${NOT_DIGIT_OR_LETTER_BEFORE}${D}(?:[ -]?${D}){12,18}${NOT_DIGIT_OR_LETTER_AFTER}`,
  'g',
);
/** Mainland mobiles: optional +86/0086, then 1[3-9]x xxxx xxxx with spaces, dashes or dots between groups. */
const MOBILE = new RegExp(
  `(?<![0-9\\uFF10-\\uFF19A-Za-z+＋])(?:(?:\\+|＋|00|００)?(?:86|８６)[ .-]?)?[1１][3-9３-９]${D}(?:[ .-]?${D}{4}){2}${NOT_DIGIT_OR_LETTER_AFTER}`,
  'g',
);
/**
 * E-mail, including internationalized ones (用户@例子.中国, owner@shop.例子.cn) and quoted local parts
 * ("john doe"@example.com), also with the @ percent-encoded or full-width.
 */
const EMAIL =
  /(?:"[^"\r\n@]{1,64}"|[\p{L}\p{N}._%+-]+)(?:@|%40|＠)[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.(?:\p{L}{2,}|xn--[a-z0-9-]+)(?![\p{L}\p{N}-])/gu;
/**
 * Home folders: C:\Users\<name>, C:/Users/<name>, JSON-escaped C:\\Users\\<name>, /home/<name>,
 * /Users/<name>. The name is the part that identifies someone; the rest of the path is useful to support.
 */
const HOME_PATH =
  /((?:\b[A-Za-z]:(?:\\\\|\\|\/)+(?:[Uu]sers|USERS|Documents and Settings)(?:\\\\|\\|\/)+)|(?:(?<![\w.])\/(?:home|Users)\/))([^\\/\r\n"'<>:*?|]{1,64}?)(?=[\\/\r\n"'<>:*?|]|$)/g;
/** Folder names every machine has: not anybody's name. */
const COMMON_HOME = new Set(['public', 'default', 'default user', 'all users', 'shared', 'guest']);

export function redactIdCards(ctx: TextRuleContext, text: string): string {
  return text.replace(ID_CARD, (id) => {
    const normalized = normalizeDigits(id, true);
    // The check character is not required (a mistyped ID is still the person's), the birth date is.
    return idCardDateValid(normalized) ? replaceWithAlias(ctx, 'id-card-cn', id, normalized) : id;
  });
}

export function redactCards(ctx: TextRuleContext, text: string): string {
  return text.replace(CARD, (card) => {
    const digits = normalizeDigits(card);
    return looksLikeCardNumber(digits) ? replaceWithAlias(ctx, 'bank-card', card, digits) : card;
  });
}

export function redactMobiles(ctx: TextRuleContext, text: string): string {
  return text.replace(MOBILE, (mobile) =>
    replaceWithAlias(ctx, 'mobile-cn', mobile, normalizeDigits(mobile).slice(-11)),
  );
}

export function redactEmails(ctx: TextRuleContext, text: string): string {
  return text.replace(EMAIL, (email) =>
    // `REDACTED-CREDENTIALS-1@host` is what url-credentials left of a URL's user and password.
    email.startsWith(ALIAS_PREFIX) || /^"REDACTED-/.test(email)
      ? email
      : replaceWithAlias(ctx, 'email', email, email.replace(/%40|＠/, '@').toLowerCase()),
  );
}

export function redactHomePaths(ctx: TextRuleContext, text: string): string {
  let out = text.replace(HOME_PATH, (whole, head: string, found: string) => {
    // Unix user names have no spaces; a Windows one may (C:\Users\Zhang San\…).
    const name = head.startsWith('/') ? found.split(/\s/)[0]! : found;
    if (!name || COMMON_HOME.has(name.toLowerCase()) || name.startsWith(ALIAS_PREFIX)) return whole;
    return `${head}${replaceWithAlias(ctx, 'os-user', name, name.toLowerCase())}${found.slice(name.length)}`;
  });
  if (ctx.osUser) {
    out = out.replace(ctx.osUser, (name) => replaceWithAlias(ctx, 'os-user', name, name.toLowerCase()));
  }
  return out;
}

const COMMON_USER_NAMES = new Set([
  'root',
  'admin',
  'administrator',
  'user',
  'users',
  'guest',
  'public',
  'default',
  'ubuntu',
  'runner',
  'node',
  'app',
  'test',
  'owner',
  'home',
]);

/** The user name as a whole word, when it is distinctive: `root` or `admin` would eat ordinary words. */
export function osUserPattern(name: string | null | undefined): RegExp | null {
  if (!name || name.length < 3 || COMMON_USER_NAMES.has(name.toLowerCase())) return null;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`, 'giu');
}
